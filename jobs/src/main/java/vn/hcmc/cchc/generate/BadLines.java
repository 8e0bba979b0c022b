package vn.hcmc.cchc.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The bad lines of a lane's day files: how many (a share of the day's lines, its remainder carried
 * over days so the share holds within a lane, not just on average), which quarantine reason each,
 * and where in the file. A bad line is either a later snapshot of one of the day's dossiers, broken
 * ({@code derived}: the warehouse has to keep the valid snapshot), or a dossier of its own that
 * exists nowhere else; a lane chosen to get every reason on the first day makes any range exercise
 * them all.
 */
final class BadLines {
  private static final double DERIVED_BAD_SHARE = 0.35;

  /** A line to write before snapshot {@code pos} (after the last one, when {@code last}). */
  record Bad(int pos, boolean last, String text, BadReason reason) {}

  private final GenerationContext ctx;
  private final int ordinal;
  private final LaneFormat format;
  private final Map<AgencyDirectory.Period, int[][]> pools;
  private final boolean everyReasonOnFirstDay;
  private final long[] byReason;
  private double carry;

  /**
   * @param pools the lane's agencies by period and stream, as {@link Lane} receives for them
   * @param byReason where the lines made are counted, by {@link BadReason} ordinal
   */
  BadLines(GenerationContext ctx, int ordinal, long laneKey, LaneFormat format,
      Map<AgencyDirectory.Period, int[][]> pools, boolean everyReasonOnFirstDay, long[] byReason) {
    this.ctx = ctx;
    this.ordinal = ordinal;
    this.format = format;
    this.pools = pools;
    this.everyReasonOnFirstDay = everyReasonOnFirstDay;
    this.byReason = byReason;
    this.carry = Seeds.unit(ctx.seed, "bad-phase", laneKey);
  }

  /** The day's bad lines in file order, among {@code entries} (the day's snapshots in export order). */
  List<Bad> of(long day, AgencyDirectory.Period period, List<ExportSchedule.Entry> entries,
      Formats.LegacyStyle style, SplittableRandom r) {
    BadReason[] all = BadReason.values();
    List<BadReason> reasons = new ArrayList<>();
    double share = ctx.spec.badRecordShare();
    if (share <= 0) {
      return List.of();
    }
    if (everyReasonOnFirstDay && day == ctx.fromDay) {
      reasons.addAll(List.of(all));
    }
    carry += entries.size() * share;
    int extra = (int) carry;
    carry -= extra;
    for (int i = 0; i < extra; i++) {
      reasons.add(all[r.nextInt(all.length)]);
    }
    if (reasons.isEmpty()) {
      return List.of();
    }
    List<Bad> out = new ArrayList<>();
    boolean malformedUsed = false;
    int counter = 0;
    SplittableRandom mess = r.split();
    for (BadReason reason : reasons) {
      if (format.legacy && reason == BadReason.MALFORMED_RECORD) {
        if (malformedUsed) {
          reason = all[1 + r.nextInt(all.length - 1)];
        } else {
          malformedUsed = true;
        }
      }
      Bad bad = make(reason, day, period, entries, style, r, mess, counter++);
      if (bad != null) {
        out.add(bad);
        byReason[reason.ordinal()]++;
      }
    }
    out.sort(Comparator.comparingInt(Bad::pos).thenComparing(Bad::last));
    return out;
  }

  private Bad make(BadReason reason, long day, AgencyDirectory.Period period, List<ExportSchedule.Entry> entries,
      Formats.LegacyStyle style, SplittableRandom r, SplittableRandom mess, int counter) {
    boolean legacy = format.legacy;
    int n = entries.size();
    WorkingCalendar cal = ctx.cal;
    boolean canDerive = reason != BadReason.MALFORMED_RECORD && n > 0;
    boolean canStandalone = pools.containsKey(period);
    if (!canDerive && !canStandalone) {
      return null;
    }
    boolean derived = canDerive && (!canStandalone || r.nextDouble() < DERIVED_BAD_SHARE);
    Record rec = new Record();
    int pos;
    AgencyDirectory.Period receiptPeriod = period;
    if (derived) {
      int i = r.nextInt(n);
      for (int attempt = 0; attempt < 8 && entries.get(i).reexport(); attempt++) {
        i = r.nextInt(n);
      }
      ExportSchedule.Entry e = entries.get(i);
      if (e.reexport()) {
        return null;
      }
      e.d().fill(rec, e.k(), cal);
      rec.updated = Math.min(rec.updated + 60L * (1 + r.nextInt(120)), DossierFactory.dayEnd(rec.updated, legacy));
      pos = i + 1 + r.nextInt(n - i);
      receiptPeriod = ctx.dir.periodOf(LocalDate.ofEpochDay(e.d().receiptDay));
    } else {
      int[][] byStream = pools.get(period);
      int s;
      do {
        s = 2 * r.nextInt(3); // desk streams
      } while (byStream[s].length == 0);
      Agency a = ctx.dir.all.get(byStream[s][r.nextInt(byStream[s].length)]);
      AliasTable t = ctx.picker(VolumePlanner.level(s), a, false, cal.year(day));
      if (t == null) {
        return null;
      }
      Procedure p = ctx.catalogue.all.get(t.sample(r));
      int badSeq = 80_000_000 + ordinal * 100_000 + counter;
      Dossier d = ctx.factory.create(a, p, false, day, badSeq, r.split(), legacy, -1, true, new RareEvents(0));
      d.fill(rec, 0, cal);
      pos = r.nextInt(n + 1);
    }
    BadRecords.corrupt(rec, reason, legacy, derived, r, ctx.agencyCodesNotInForce(receiptPeriod), legacy);
    Utf8Builder sb = new Utf8Builder(1024);
    format.append(sb, rec, style, mess);
    String text = sb.toUtf8String();
    if (reason == BadReason.MALFORMED_RECORD) {
      if (legacy) {
        return new Bad(n, true, BadRecords.unbalancedCsv(text), reason);
      }
      text = BadRecords.truncateJson(text, r);
    }
    return new Bad(pos, false, text, reason);
  }
}
