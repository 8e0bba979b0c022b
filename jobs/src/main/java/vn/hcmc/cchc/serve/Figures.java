package vn.hcmc.cchc.serve;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import vn.hcmc.cchc.serve.ReportData.Attainment;
import vn.hcmc.cchc.serve.ReportData.Projection;

/**
 * The report's numbers as a reader sees them, one format for the tables and the charts' labels
 * alike, so that a bar and its table cell never disagree. {@code Locale.ROOT}: the same page on
 * every machine.
 */
final class Figures {
  /** What a missing rate (no denominator) reads as. */
  static final String NO_DATA = "no data";
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

  private Figures() {}

  /** A percentage for reading: {@code 97.35%}. */
  static String pct(double v) {
    return String.format(Locale.ROOT, "%.2f%%", v);
  }

  static String pctOrNoData(Double v) {
    return v == null ? NO_DATA : pct(v);
  }

  static String pctOrDash(Double v) {
    return v == null ? "—" : pct(v);
  }

  /** A count for reading: {@code 17,800,000}. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A signed difference of two rates: {@code +0.04 points}. */
  static String points(double v) {
    return String.format(Locale.ROOT, "%+.2f points", v);
  }

  /** How far below a target: {@code 25.00 points}. */
  static String pointsShort(double v) {
    return String.format(Locale.ROOT, "%.2f points", v);
  }

  /** A number as people write it: {@code 40}, {@code 2.5}. */
  static String number(double d) {
    return AttainmentView.number(d);
  }

  /** A score out of 100, or points: {@code 74.45}. */
  static String score(Double v) {
    return v == null ? NO_DATA : String.format(Locale.ROOT, "%.2f", v);
  }

  /** Points earned of a maximum: {@code 17.92 of 20}. */
  static String pointsOf(Double points, double max) {
    return points == null ? NO_DATA : score(points) + " of " + number(max);
  }

  /** A month for reading: {@code December 2021}. */
  static String month(LocalDate month) {
    return MONTH.format(month);
  }

  /** A target's range as a percentage: {@code > 95%}, {@code 25–35%}. */
  static String target(Attainment a) {
    return target(a.comparator(), a.threshold(), a.thresholdHigh());
  }

  static String target(String comparator, double threshold, Double thresholdHigh) {
    return AttainmentView.threshold(comparator, threshold, thresholdHigh) + "%";
  }

  /** A projection with its 90% interval: {@code 96.40% (90%: 94.00–98.80%)}; a dash without a line. */
  static String projection(Projection p) {
    if (p == null || p.value() == null) {
      return "—";
    }
    return pct(p.value()) + (p.low() == null || p.high() == null ? ""
        : String.format(Locale.ROOT, " (90%%: %.2f–%.2f%%)", p.low(), p.high()));
  }

  /** A label cut to fit a chart's label column; the full text stays in the bar's title. */
  static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1).strip() + "…";
  }
}
