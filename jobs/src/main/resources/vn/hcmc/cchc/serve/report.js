// Draws the report's charts as inline SVG from the JSON blob #report-charts (written by HtmlReport,
// which has already formatted every text). No library, nothing fetched. Sets data-charts-rendered
// on <html> to the number of charts drawn, so that a headless browser can tell the script ran.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";

  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(e); }
    return e;
  }

  function text(parent, x, y, s, attrs) {
    var t = el("text", Object.assign({ x: x, y: y }, attrs || {}), parent);
    t.textContent = s;
    return t;
  }

  function isNum(v) { return typeof v === "number" && isFinite(v); }

  // (measures its texts: the svg must be in the page already)
  function legend(svg, series, x, y) {
    var lx = x;
    series.forEach(function (s) {
      el("rect", { x: lx, y: y - 10, width: 12, height: 12, "class": "swatch " + s.cls }, svg);
      var t = text(svg, lx + 18, y, s.name, { "class": "legend" });
      lx += 18 + t.getComputedTextLength() + 24;
    });
  }

  // Horizontal bars: one row per label, one bar per series, an optional target marker (a line, or a
  // band for a range). spec.max: a common scale; null gives every row its own scale.
  function bars(box, spec) {
    var W = spec.width || 760, labelW = spec.labelWidth || 300, valueW = spec.valueWidth || 110;
    var plotW = W - labelW - valueW - 16, n = spec.series.length;
    var barH = n > 1 ? 13 : 16, rowH = n * barH + 12, top = n > 1 ? 26 : 8;
    var H = top + spec.rows.length * rowH + 8;
    var svg = el("svg", { viewBox: "0 0 " + W + " " + H, width: W, "class": "chart-svg", role: "img" }, box);
    if (n > 1) { legend(svg, spec.series, labelW, 14); }
    var x0 = labelW + 8;
    spec.rows.forEach(function (r, i) {
      var y0 = top + i * rowH + 6;
      var rowMax = spec.max || Math.max.apply(null, r.values.filter(isNum).concat([1e-9]));
      var sx = function (v) { return x0 + plotW * Math.max(0, Math.min(v, rowMax)) / rowMax; };
      el("rect", { x: x0, y: y0 - 3, width: plotW, height: n * barH + 4, "class": "track" }, svg);
      var label = text(svg, labelW, y0 + n * barH / 2 + 4, r.label, { "text-anchor": "end", "class": "label" });
      el("title", {}, label).textContent = r.title || r.label;
      if (r.note) { text(svg, x0 + 6, y0 + n * barH / 2 + 4, r.note, { "class": "note" }); }
      r.values.forEach(function (v, j) {
        var y = y0 + j * barH;
        if (isNum(v)) {
          var bar = el("rect", { x: x0, y: y, width: Math.max(1.5, sx(v) - x0), height: barH - 3,
            "class": "bar " + spec.series[j].cls + (r.cls ? " " + r.cls : ""), "data-mark": "bar" }, svg);
          el("title", {}, bar).textContent = (r.title || r.label) + ": " + r.texts[j];
        }
        text(svg, x0 + plotW + 8, y + barH - 4, r.texts[j] || "", { "class": "value" });
      });
      if (isNum(r.marker)) {
        var mx = sx(r.marker), mh = n * barH + 6;
        if (isNum(r.markerHigh)) {
          el("rect", { x: mx, y: y0 - 4, width: Math.max(2, sx(r.markerHigh) - mx), height: mh, "class": "band" }, svg);
        } else {
          el("line", { x1: mx, x2: mx, y1: y0 - 4, y2: y0 - 4 + mh, "class": "marker" }, svg);
        }
      }
    });
  }

  // Lines over months: spec.x the labels, spec.series [{name, cls, values}] (null: a gap), y from
  // spec.min (or the data's floor) to 100.
  function line(box, spec) {
    var W = 800, H = 300, left = 46, right = 40, top = 30, bottom = 36;
    var plotW = W - left - right, plotH = H - top - bottom, n = spec.x.length;
    var all = [];
    spec.series.forEach(function (s) { all = all.concat(s.values.filter(isNum)); });
    var lo = isNum(spec.min) ? spec.min : Math.max(0, Math.floor((Math.min.apply(null, all.concat([100])) - 1) / 10) * 10);
    var hi = 100;
    var sx = function (i) { return left + (n === 1 ? plotW / 2 : plotW * i / (n - 1)); };
    var sy = function (v) { return top + plotH * (hi - v) / (hi - lo || 1); };
    var svg = el("svg", { viewBox: "0 0 " + W + " " + H, width: W, "class": "chart-svg", role: "img" }, box);
    legend(svg, spec.series, left, 16);
    for (var g = 0; g <= 5; g++) {
      var v = lo + (hi - lo) * g / 5, y = sy(v);
      el("line", { x1: left, x2: W - right, y1: y, y2: y, "class": "grid" }, svg);
      text(svg, left - 6, y + 4, (Math.round(v * 10) / 10) + "%", { "text-anchor": "end", "class": "axis" });
    }
    var step = Math.max(1, Math.ceil(n / 12));
    spec.x.forEach(function (label, i) {
      if (i % step === 0) { text(svg, sx(i), H - bottom + 18, label, { "text-anchor": "middle", "class": "axis" }); }
    });
    spec.series.forEach(function (s) {
      var d = "", pen = "M";
      s.values.forEach(function (v, i) {
        if (!isNum(v)) { pen = "M"; return; }
        d += pen + sx(i).toFixed(1) + " " + sy(v).toFixed(1) + " ";
        pen = "L";
        var dot = el("circle", { cx: sx(i), cy: sy(v), r: 3, "class": "dot " + s.cls, "data-mark": "point" }, svg);
        el("title", {}, dot).textContent = s.name + ", " + spec.x[i] + ": " + s.texts[i];
      });
      if (d) { el("path", { d: d, "class": "line " + s.cls }, svg); }
    });
  }

  // One target's line over the years (spec.at: months from spec.from, already computed): the target
  // (a line, or a band for a range), the fitted line solid over the months with data and dashed
  // beyond, the 90% intervals, the yearly results as dots. y from spec.min to 100.
  function trajectory(box, spec) {
    var W = spec.width || 520, H = spec.height || 240, left = 44, right = 14, top = 12, bottom = 24;
    var plotW = W - left - right, plotH = H - top - bottom, lo = spec.min, hi = 100;
    var sx = function (at) { return left + plotW * at / spec.span; };
    var sy = function (v) { return top + plotH * (hi - v) / (hi - lo || 1); };
    var svg = el("svg", { viewBox: "0 0 " + W + " " + H, width: W, "class": "chart-svg", role: "img" }, box);
    el("title", {}, svg).textContent = spec.title;
    // grid lines down from 100 at a round step, five at most
    var steps = [1, 2, 2.5, 5, 10, 20, 25, 50], step = 50;
    for (var k = steps.length - 1; k >= 0; k--) { if ((hi - lo) / steps[k] <= 5) { step = steps[k]; } }
    for (var v = hi; v >= lo - 1e-9; v -= step) {
      var y = sy(v);
      el("line", { x1: left, x2: W - right, y1: y, y2: y, "class": "grid" }, svg);
      text(svg, left - 5, y + 4, v + "%", { "text-anchor": "end", "class": "axis" });
    }
    var step = spec.ticks.length > 8 ? 2 : 1;
    spec.ticks.forEach(function (t, i) {
      el("line", { x1: sx(t.at), x2: sx(t.at), y1: top, y2: H - bottom, "class": "grid" }, svg);
      if (i % step === 0) {
        text(svg, sx(t.at), H - bottom + 15, t.label, { "text-anchor": "middle", "class": "axis" });
      }
    });
    var th = spec.threshold, target;
    if (isNum(th.high)) {
      target = el("rect", { x: left, width: plotW, y: sy(th.high), height: Math.max(2, sy(th.low) - sy(th.high)),
        "class": "band", "data-mark": "threshold", "data-value": th.low }, svg);
    } else {
      target = el("line", { x1: left, x2: W - right, y1: sy(th.low), y2: sy(th.low), "class": "marker",
        "data-mark": "threshold", "data-value": th.low }, svg);
    }
    el("title", {}, target).textContent = th.text;
    [["solid", "trend"], ["dashed", "projection"]].forEach(function (part) {
      var points = spec[part[0]];
      if (points.length < 2) { return; }
      var d = points.map(function (p, i) { return (i ? "L" : "M") + sx(p[0]).toFixed(1) + " " + sy(p[1]).toFixed(1); });
      el("path", { d: d.join(" "), "class": "line s0 " + part[0], "data-mark": part[1] }, svg);
    });
    spec.intervals.forEach(function (b) {
      var x = sx(b.at), g = el("g", { "class": "interval", "data-mark": "interval" }, svg);
      el("line", { x1: x, x2: x, y1: sy(b.high), y2: sy(b.low) }, g);
      el("line", { x1: x - 4, x2: x + 4, y1: sy(b.high), y2: sy(b.high) }, g);
      el("line", { x1: x - 4, x2: x + 4, y1: sy(b.low), y2: sy(b.low) }, g);
      el("circle", { cx: x, cy: sy(b.value), r: 2.5 }, g);
      el("title", {}, g).textContent = b.text;
    });
    spec.actuals.forEach(function (a) {
      var dot = el("circle", { cx: sx(a.at), cy: sy(a.value), r: 4, "class": "dot s1", "data-mark": "point" }, svg);
      el("title", {}, dot).textContent = a.text;
    });
  }

  var draw = { bars: bars, line: line, trajectory: trajectory };
  var specs = JSON.parse(document.getElementById("report-charts").textContent);
  var drawn = 0;
  document.querySelectorAll("[data-chart]").forEach(function (box) {
    var spec = specs[box.getAttribute("data-chart")];
    try {
      draw[spec.type](box, spec);
      drawn++;
    } catch (e) {
      console.error("chart " + box.getAttribute("data-chart") + " failed: " + e);
    }
  });
  document.documentElement.setAttribute("data-charts-rendered", String(drawn));
})();
