package vn.hcmc.cchc.generate;

import java.util.SplittableRandom;

/**
 * How one lane's exporter writes a record: feed A as JSON lines (a third of the exporters leaving
 * out false booleans and empty values), feed B as CSV rows in a legacy style that changes by day.
 * Fixed by the lane's name and the seed, so a lane writes the same way in every run.
 */
final class LaneFormat {
  final boolean legacy;
  private final boolean compactJson;
  private final Formats formats;
  private final long stylePhase;

  LaneFormat(String lane, GenerationContext ctx, long laneKey) {
    this.legacy = lane.startsWith("legacy-");
    // a third of the feed A exporters leave out false booleans and empty values (missing = false / not yet)
    this.compactJson = !legacy && Integer.parseInt(lane.substring(lane.length() - 2)) % 3 == 1;
    this.formats = ctx.formats;
    this.stylePhase = (long) (Seeds.unit(ctx.seed, "style-phase", laneKey) * 1000);
  }

  /**
   * How a legacy system writes a day's file. The variants cycle over days (from a phase drawn from
   * the seed) so every one of them shows up within any ten days of any lane: 30% NFD, 40% with a
   * byte-order mark, half with stray spaces and case changes, half writing false as empty, half
   * writing midnight as a bare date.
   */
  Formats.LegacyStyle style(long day) {
    long u = day + stylePhase;
    return new Formats.LegacyStyle(u % 10 == 0 || u % 10 == 3 || u % 10 == 6, u % 5 == 1 || u % 5 == 3,
        u % 2 == 0, u % 4 < 2, u % 8 < 4);
  }

  /** One line, without its line break; {@code style} and {@code mess} matter to feed B only. */
  void append(Utf8Builder sb, Record r, Formats.LegacyStyle style, SplittableRandom mess) {
    if (legacy) {
      formats.appendCsv(sb, r, style, mess);
    } else {
      formats.appendJson(sb, r, compactJson);
    }
  }
}
