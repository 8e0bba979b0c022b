package vn.hcmc.cchc.serve;

import static vn.hcmc.cchc.serve.Figures.count;
import static vn.hcmc.cchc.serve.Figures.pct;
import static vn.hcmc.cchc.serve.Figures.pctOrDash;
import static vn.hcmc.cchc.serve.Figures.pctOrNoData;
import static vn.hcmc.cchc.serve.Figures.points;
import static vn.hcmc.cchc.serve.Figures.pointsShort;
import static vn.hcmc.cchc.serve.Html.esc;

import java.util.List;
import vn.hcmc.cchc.serve.ReportData.Attainment;
import vn.hcmc.cchc.serve.ReportData.Baseline;
import vn.hcmc.cchc.serve.ReportData.IndexGroup;
import vn.hcmc.cchc.serve.ReportData.KeyRates;
import vn.hcmc.cchc.serve.ReportData.Published;
import vn.hcmc.cchc.serve.ReportData.ServiceIndexYear;
import vn.hcmc.cchc.serve.ReportData.Trajectory;

/**
 * The report's tables, each a complete {@code <table>} element: every figure a chart shows is in
 * one of them, so the page still has them all where scripts are off.
 */
final class ReportTables {
  private ReportTables() {}

  /** Targets: the city's targets, worst first. */
  static String targets(List<Attainment> city) {
    StringBuilder t = new StringBuilder("<table>\n<tr><th>target</th><th>phase</th><th>value</th><th>target</th>"
        + "<th>gap</th><th>status</th><th>numerator / denominator</th><th>months</th></tr>\n");
    for (Attainment a : Ranking.worstFirst(city)) {
      t.append("<tr>").append(target(a)).append("<td>").append(esc(a.phase())).append("</td>")
          .append(num(pctOrNoData(a.actual()))).append(num(Figures.target(a)))
          .append(num(a.gap() == null ? "" : points(a.gap()))).append("<td>").append(status(a.status()))
          .append("</td>").append(num(a.denominator() == null ? "" : count(a.numerator()) + " / "
              + count(a.denominator()))).append(num(String.valueOf(a.monthsCovered()))).append("</tr>\n");
    }
    return t.append("</table>\n").toString();
  }

  /** Trajectories: the units met today and missed at the deadline, in the order given. */
  static String atRisk(List<Trajectory> rows) {
    StringBuilder t = new StringBuilder("<table>\n<tr><th>unit</th><th>target</th><th>today</th><th>target</th>"
        + "<th>line at the deadline</th><th>short by</th><th>line meets it</th></tr>\n");
    for (Trajectory r : rows) {
      t.append("<tr><td>").append(esc(Ranking.unitName(r))).append(" <small>").append(esc(r.scopeCode()))
          .append("</small></td><td><b>").append(esc(r.targetId())).append("</b> ").append(esc(r.text()))
          .append("</td>")
          .append(num(pctOrNoData(r.actualNow()) + (r.nowYear() == null ? "" : " (" + r.nowYear() + ")")))
          .append(num(Figures.target(r.comparator(), r.threshold(), r.thresholdHigh())))
          .append(num(Figures.projection(r.atDeadline()) + ", " + Figures.month(r.deadline())))
          .append(num(pointsShort(r.shortfallAtDeadline()))).append(num(Outlook.reaches(r))).append("</tr>\n");
    }
    return t.append("</table>\n").toString();
  }

  /** Furthest: the furthest units with their worst unmet target. */
  static String furthest(List<Ranking.Worst> worst) {
    StringBuilder t = new StringBuilder("<table>\n<tr><th>unit</th><th>targets not met</th><th>mean shortfall</th>"
        + "<th>worst target</th><th>value</th><th>target</th><th>short by</th></tr>\n");
    for (Ranking.Worst w : worst) {
      Attainment a = w.worst();
      t.append("<tr><td>").append(esc(Ranking.unitName(a))).append(" <small>").append(esc(a.scopeCode()))
          .append("</small></td>").append(num(w.notMet() + " of " + w.measured()))
          .append(num(pointsShort(w.meanShortfall()))).append(target(a)).append(num(pct(a.actual())))
          .append(num(Figures.target(a))).append(num(pointsShort(a.shortfall()))).append("</tr>\n");
    }
    return t.append("</table>\n").toString();
  }

  /** Service index: the city, each group's points of what is measured and of the decision's, then the total. */
  static String serviceIndex(ServiceIndexYear index) {
    StringBuilder t = new StringBuilder("<table>\n<tr><th>group</th><th>points</th><th>measurable</th>"
        + "<th>of the decision's</th><th>% of measurable</th></tr>\n");
    for (IndexGroup g : index.groups()) {
      t.append("<tr><td>").append(g.groupId()).append(". ").append(esc(g.name())).append("</td>")
          .append(num(Figures.score(g.points()))).append(num(Figures.number(g.measurableMax())))
          .append(num(Figures.number(g.maxPoints())))
          .append(num(g.points() == null ? "—" : pct(100 * g.points() / g.measurableMax()))).append("</tr>\n");
    }
    ReportData.IndexScore city = index.city();
    return t.append("<tr><td><b>total</b> (score_100: ").append(esc(Figures.score(city.score100())))
        .append(")</td>").append(num(Figures.score(city.totalPoints())))
        .append(num(Figures.number(city.measurableMax())))
        .append(num("100")).append(num(pctOrDash(city.score100()))).append("</tr>\n</table>\n").toString();
  }

  /**
   * Units ranked on the service index, in rank order; a row marks where ranks are left out between
   * two listed (the highest and the lowest communes).
   */
  static String ranking(List<Ranking.Ranked> ranked) {
    StringBuilder t = new StringBuilder("<table>\n<tr><th>rank</th><th>unit</th><th>score_100</th>"
        + "<th>points of measurable</th></tr>\n");
    int previous = 0;
    for (Ranking.Ranked r : ranked) {
      if (r.rank() > previous + 1 && previous > 0) {
        t.append("<tr><td class=\"gap\" colspan=\"4\">⋯ ranks ").append(previous + 1).append(" to ")
            .append(r.rank() - 1).append(" ⋯</td></tr>\n");
      }
      previous = r.rank();
      ReportData.IndexScore u = r.unit();
      t.append("<tr>").append(num(r.rank() + " of " + r.of())).append("<td>").append(esc(Ranking.unitName(u)))
          .append(" <small>").append(esc(u.scopeCode())).append("</small></td>")
          .append(num(Figures.score(u.score100())))
          .append(num(Figures.pointsOf(u.totalPoints(), u.measurableMax()))).append("</tr>\n");
    }
    return t.append("</table>\n").toString();
  }

  /** Levels: counts and key rates of the city and each level. */
  static String levels(List<KeyRates> levels) {
    StringBuilder t = new StringBuilder("<table>\n<tr><th>scope</th><th>received</th><th>resolved</th>");
    for (LevelRate r : LevelRate.values()) {
      t.append("<th>").append(esc(r.label)).append("</th>");
    }
    t.append("</tr>\n");
    for (KeyRates k : levels) {
      t.append("<tr><td>").append(esc(k.name())).append("</td>").append(num(count(k.received())))
          .append(num(count(k.resolved())));
      for (LevelRate r : LevelRate.values()) {
        t.append(num(pctOrNoData(r.value.apply(k))));
      }
      t.append("</tr>\n");
    }
    return t.append("</table>\n").toString();
  }

  /** Baseline: the city's published figures beside our counts under the same names. */
  static String published(Baseline b) {
    StringBuilder t = new StringBuilder("<table>\n<tr><th>figure</th><th>published</th><th>ours</th></tr>\n");
    for (Published p : b.published()) {
      Long ours = b.ours().get(p.figure());
      t.append("<tr><td>").append(esc(p.text())).append("</td>")
          .append(num(("over".equals(p.qualifier()) ? "over " : "") + count(Math.round(p.value()))))
          .append(num(ours == null ? "—" : count(ours))).append("</tr>\n");
    }
    return t.append("</table>\n").toString();
  }

  /** Baseline: the rates both sides can be compared on, whatever the scale. */
  static String rates(Baseline b) {
    StringBuilder t = new StringBuilder(
        "<table>\n<tr><th>rate</th><th>published</th><th>ours</th><th>difference</th></tr>\n");
    for (Baseline.Rate r : Baseline.RATES) {
      Double published = b.publishedRate(r);
      Double ours = b.ourRate(r);
      t.append("<tr><td>").append(esc(r.label())).append("</td>").append(num(pctOrDash(published)))
          .append(num(pctOrDash(ours)))
          .append(num(published == null || ours == null ? "—" : points(ours - published))).append("</tr>\n");
    }
    return t.append("</table>\n").toString();
  }

  /** A target's cell: its id in bold, then its sentence. */
  private static String target(Attainment a) {
    return "<td><b>" + esc(a.targetId()) + "</b> " + esc(a.text()) + "</td>";
  }

  private static String status(String status) {
    String label = switch (status) {
      case "met" -> "met";
      case "not_met" -> "not met";
      default -> Figures.NO_DATA;
    };
    return "<span class=\"status " + esc(status) + "\">" + label + "</span>";
  }

  private static String num(String text) {
    return "<td class=\"num\">" + esc(text) + "</td>";
  }
}
