package vn.hcmc.cchc.serve;

import java.util.Locale;
import vn.hcmc.cchc.serve.ReportData.Attainment;

/**
 * The report's numbers as a reader sees them, one format for the tables and the charts' labels
 * alike, so that a bar and its table cell never disagree. {@code Locale.ROOT}: the same page on
 * every machine.
 */
final class Figures {
  /** What a missing rate (no denominator) reads as. */
  static final String NO_DATA = "no data";

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

  /** A target's range as a percentage: {@code > 95%}, {@code 25–35%}. */
  static String target(Attainment a) {
    return AttainmentView.threshold(a.comparator(), a.threshold(), a.thresholdHigh()) + "%";
  }

  /** A label cut to fit a chart's label column; the full text stays in the bar's title. */
  static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1).strip() + "…";
  }
}
