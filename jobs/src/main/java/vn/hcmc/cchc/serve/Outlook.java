package vn.hcmc.cchc.serve;

import vn.hcmc.cchc.serve.ReportData.Trajectory;

/**
 * The outlooks of {@code gold.target_trajectory} in words, one place for the charts' captions and
 * the at-risk table. Only a fitted line is drawn: the last two get a line of text instead.
 */
enum Outlook {
  ON_COURSE("on_course", "On course"),
  LATE("late", "Late"),
  NOT_AT_THIS_PACE("not_at_this_pace", "Not at this pace"),
  TOO_FEW_MONTHS(Trajectory.TOO_FEW_MONTHS, "Too few months"),
  NO_DATA(Trajectory.NO_DATA, "No data");

  final String code;
  final String words;

  Outlook(String code, String words) {
    this.code = code;
    this.words = words;
  }

  static Outlook of(String code) {
    for (Outlook o : values()) {
      if (o.code.equals(code)) {
        return o;
      }
    }
    throw new IllegalArgumentException("outlook '" + code + "' is none of the table's");
  }

  boolean drawn() {
    return this != TOO_FEW_MONTHS && this != NO_DATA;
  }

  /** When the line meets the target: {@code from March 2027}, {@code already}, {@code not before 2100}. */
  static String reaches(Trajectory t) {
    if (t.reachesMonth() == null) {
      return "not before 2100";
    }
    return t.reachesMonth().equals(t.asOfMonth()) ? "already" : "from " + Figures.month(t.reachesMonth());
  }

  /** The caption of a drawn line: its outlook, where it stands, where it leads. */
  static String caption(Trajectory t) {
    String target = Figures.target(t.comparator(), t.threshold(), t.thresholdHigh());
    return of(t.outlook()).words + (t.reachesMonth() == null ? ": the line does not meet " + target + " before 2100"
        : ": the line meets " + target + " " + reaches(t)) + " (due " + Figures.month(t.deadline()) + "). Line in "
        + Figures.month(t.asOfMonth()) + ": " + Figures.pct(t.trendNow()) + ", " + Figures.points(t.slopePerYear())
        + " a year, fitted to " + t.months() + " months from " + Figures.month(t.firstMonth()) + ". December 2025: "
        + Figures.projection(t.at2025()) + "; December 2030: " + Figures.projection(t.at2030()) + ".";
  }

  /** The line of a target with no line drawn. */
  static String instead(Trajectory t) {
    return switch (of(t.outlook())) {
      case TOO_FEW_MONTHS -> "too few months to draw a line: " + t.months() + " with data, a line needs 3.";
      case NO_DATA -> "no data: nothing measures it yet.";
      default -> throw new IllegalArgumentException(t.targetId() + " has a line");
    };
  }
}
