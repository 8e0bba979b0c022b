package vn.hcmc.cchc.generate;

import static vn.hcmc.cchc.generate.WorkingCalendar.DAY;

import java.io.IOException;
import java.io.OutputStream;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One group of agencies that exports into one file per day (feed A:
 * {@code cases/dvc/.../dvc-NN.jsonl.gz}; feed B: {@code cases/legacy/.../legacy-NN.csv}, one per group
 * of districts). A lane owns the dossiers it received until their last snapshot is written: each day it first receives that day's dossiers (deciding
 * their whole life and filing each future snapshot under its export day), then writes the day's
 * file, which no later receipt can add to, and forgets it. Memory is the open dossiers, not the range.
 * A lane is only ever run by one thread at a time; all its randomness is derived from (seed, lane, day).
 */
final class Lane {
  private static final int CHUNK = 1 << 16;
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final double DERIVED_BAD_SHARE = 0.35;
  private static final String LEGACY_HEADER = Formats.legacyHeader();
  private static final String LEGACY_HEADER_NFD = Normalizer.normalize(LEGACY_HEADER, Normalizer.Form.NFD);

  /** Snapshot {@code k} of a dossier, to be written on some export day (again, if {@code reexport}). */
  record Entry(Dossier d, int k, boolean reexport) {}

  private record Bad(int pos, boolean last, String text, BadReason reason) {}

  final String name;
  final int ordinal;
  final boolean legacy;
  private final boolean compactJson;
  private final long laneKey;
  private final GenerationContext ctx;
  private final Map<AgencyDirectory.Period, int[][]> pools = new IdentityHashMap<>();
  private final ArrayList<Entry>[] buckets;
  private final int[] seq;
  private final boolean everyReasonOnFirstDay;
  private final Record reusable = new Record();
  private final Utf8Builder out = new Utf8Builder(CHUNK + 8192);
  private double badCarry;
  private final RareEvents rare;

  final TreeMap<Integer, Counts> byYear = new TreeMap<>();
  long lines;
  long reexported;
  long files;
  long openAtEnd;
  final long[] badByReason = new long[BadReason.values().length];

  @SuppressWarnings({"unchecked", "rawtypes"})
  Lane(String name, int ordinal, GenerationContext ctx, boolean everyReasonOnFirstDay) {
    this.name = name;
    this.ordinal = ordinal;
    this.legacy = name.startsWith("legacy-");
    this.ctx = ctx;
    this.laneKey = Seeds.hash(name);
    // a third of the feed A exporters leave out false booleans and empty values (missing = false / not yet)
    this.compactJson = !legacy && Integer.parseInt(name.substring(name.length() - 2)) % 3 == 1;
    this.everyReasonOnFirstDay = everyReasonOnFirstDay;
    this.badCarry = Seeds.unit(ctx.seed, "bad-phase", laneKey);
    this.rare = new RareEvents(Seeds.unit(ctx.seed, "rare-phase", laneKey));
    this.buckets = new ArrayList[(int) (ctx.toDay - ctx.fromDay + 1)];
    this.seq = new int[ctx.dir.all.size()];
    for (AgencyDirectory.Period p : ctx.dir.periods) {
      int[][] byStream = new int[VolumePlanner.STREAMS][];
      boolean any = false;
      for (int s = 0; s < VolumePlanner.STREAMS; s++) {
        List<Agency> handlers = p.handlersOf(VolumePlanner.level(s));
        byStream[s] = handlers.stream().filter(a -> a.lane.equals(name)).mapToInt(a -> a.index).toArray();
        any |= byStream[s].length > 0;
      }
      if (any) {
        pools.put(p, byStream);
      }
    }
  }

  /** Receives the day's dossiers and writes the day's export file. */
  void step(long day, int[][] plan, AgencyDirectory.Period period) throws IOException {
    SplittableRandom r = Seeds.rng(ctx.seed, "lane-day", laneKey, day);
    SplittableRandom receiving = r.split();
    SplittableRandom writing = r.split();
    receive(day, plan, period, receiving);
    flush(day, period, writing);
  }

  private void receive(long day, int[][] plan, AgencyDirectory.Period period, SplittableRandom r) {
    int[][] byStream = pools.get(period);
    if (byStream == null) {
      return;
    }
    WorkingCalendar cal = ctx.cal;
    int year = cal.year(day);
    boolean lastOfMonth = cal.dayOfMonth(day) == cal.lengthOfMonth(day);
    boolean firstOfMonth = cal.dayOfMonth(day) == 1;
    boolean boundaryDone = !(lastOfMonth || firstOfMonth);
    for (int s = 0; s < VolumePlanner.STREAMS; s++) {
      Level level = VolumePlanner.level(s);
      boolean online = VolumePlanner.online(s);
      for (int agencyIndex : byStream[s]) {
        int n = plan[s][agencyIndex];
        if (n == 0) {
          continue;
        }
        Agency a = ctx.dir.all.get(agencyIndex);
        AliasTable procedures = ctx.picker(level, a, online, year);
        boolean asOnline = online;
        if (procedures == null) { // nothing offered online there: such a department gets no online weight
          procedures = ctx.picker(level, a, false, year);
          asOnline = false;
        }
        for (int j = 0; j < n; j++) {
          Procedure p = ctx.catalogue.all.get(procedures.sample(r));
          int forcedClock = -1;
          if (asOnline && !boundaryDone) {
            // make sure month boundaries are exercised: 23:30 on the last day, 00:30 on the first
            forcedClock = lastOfMonth ? 23 * 3600 + 30 * 60 + r.nextInt(1500) : 30 * 60 + r.nextInt(1500);
            boundaryDone = true;
          }
          Dossier d = ctx.factory.create(a, p, asOnline, day, ++seq[agencyIndex], r.split(), legacy, forcedClock,
              false, rare);
          tally(d);
          schedule(d, r);
        }
      }
    }
    for (int[] agencies : byStream) {
      for (int i : agencies) {
        seq[i] = 0;
      }
    }
  }

  private void schedule(Dossier d, SplittableRandom r) {
    for (int k = 0; k < d.snapshots; k++) {
      long exportDay = Math.floorDiv(d.at[k], DAY);
      if (exportDay > ctx.toDay) {
        break;
      }
      bucket(exportDay).add(new Entry(d, k, false));
      if (k + 1 < d.snapshots && r.nextDouble() < Calibration.REEXPORT) {
        long again = Math.floorDiv(d.at[k + 1], DAY) + 1 + r.nextInt(3);
        if (again <= ctx.toDay) {
          bucket(again).add(new Entry(d, k, true));
        }
      }
    }
  }

  private ArrayList<Entry> bucket(long day) {
    int i = (int) (day - ctx.fromDay);
    ArrayList<Entry> b = buckets[i];
    if (b == null) {
      b = new ArrayList<>();
      buckets[i] = b;
    }
    return b;
  }

  private Counts year(int y) {
    return byYear.computeIfAbsent(y, k -> new Counts());
  }

  private void tally(Dossier d) {
    WorkingCalendar cal = ctx.cal;
    Counts c = year(cal.year(d.receiptDay));
    c.dossiers++;
    int first = d.status[0];
    if (first == 1) {
      c.registered++;
      return;
    }
    if (first == 3) {
      c.refused++;
      return;
    }
    c.received++;
    int f = d.flags;
    if (d.channel == 2) {
      c.receivedOnline++;
      if (d.onlineLevel == Record.LEVEL_4 || d.onlineLevel == Record.LEVEL_FULL) {
        c.receivedFullOnline++;
      } else {
        c.receivedPartialOnline++;
      }
      if ((f & Field.VNEID.bit()) != 0) {
        c.eidVerified++;
      }
    } else if (d.channel == 3) {
      c.receivedPostal++;
    }
    if ((f & Field.LIEN_THONG.bit()) != 0) {
      c.interagency++;
      if ((f & Field.LUAN_CHUYEN.bit()) != 0) {
        c.eCirculated++;
      }
    }
    if ((f & Field.CO_DU_LIEU.bit()) != 0) {
      c.priorDocuments++;
      if ((f & Field.TAI_SU_DUNG.bit()) != 0) {
        c.dataReused++;
      }
    }
    if ((f & Field.SO_HOA.bit()) != 0) {
      c.digitised++;
    }
    if ((f & Field.THANH_TOAN.bit()) != 0) {
      c.paidOnline++;
    }
    if (d.device == 2) {
      c.mobile++;
    }
    if (d.finished > 0) {
      long day = Math.floorDiv(d.finished, DAY);
      if (day > ctx.toDay) {
        openAtEnd++;
        return;
      }
      Counts e = year(cal.year(day));
      e.resolved++;
      long dueDayStart = Math.floorDiv(d.due, DAY) * DAY;
      if (d.finished < dueDayStart) {
        e.resolvedEarly++;
      } else if (d.finished <= d.due) {
        e.resolvedOnTime++;
      } else {
        e.resolvedLate++;
        if ((f & Field.XIN_LOI.bit()) != 0) {
          e.lateWithApology++;
        }
      }
      if (d.rating > 0 && Math.floorDiv(d.returned, DAY) <= ctx.toDay) {
        e.rated++;
        if (d.rating <= 2) {
          e.ratedSatisfied++;
        }
      }
    } else if (d.withdrawn > 0) {
      long day = Math.floorDiv(d.withdrawn, DAY);
      if (day > ctx.toDay) {
        openAtEnd++;
      } else {
        year(cal.year(day)).withdrawn++;
      }
    } else {
      openAtEnd++;
    }
  }

  // ------------------------------------------------------------------ writing
  private void flush(long day, AgencyDirectory.Period period, SplittableRandom r) throws IOException {
    int bi = (int) (day - ctx.fromDay);
    ArrayList<Entry> entries = buckets[bi];
    buckets[bi] = null;
    if (entries == null) {
      entries = new ArrayList<>(0);
    }
    entries = inExportOrder(entries, day);
    int n = entries.size();
    Formats.LegacyStyle style = legacyStyle(day);
    SplittableRandom mess = Seeds.rng(ctx.seed, "mess", laneKey, day);

    List<Bad> bads = makeBads(day, period, entries, style, r);
    if (n == 0 && bads.isEmpty()) {
      return;
    }
    WorkingCalendar cal = ctx.cal;
    String ymd = cal.ymd(day);
    String folder = (legacy ? "cases/legacy/" : "cases/dvc/") + ymd.substring(0, 4) + "/" + ymd.substring(4, 6) + "/"
        + ymd.substring(6, 8) + "/";
    Utf8Builder sb = out;
    sb.reset();
    try (OutputStream os = legacy ? ctx.files.create(folder + name + ".csv")
        : ctx.files.createGzip(folder + name + ".jsonl.gz")) {
      if (legacy) {
        if (style.bom()) {
          os.write(BOM);
        }
        sb.text(style.nfd() ? LEGACY_HEADER_NFD : LEGACY_HEADER).ascii('\n');
      }
      int b = 0;
      for (int i = 0; i <= n; i++) {
        while (b < bads.size() && bads.get(b).pos() == i) {
          sb.text(bads.get(b).text()).ascii('\n');
          b++;
        }
        if (i == n) {
          break;
        }
        Entry e = entries.get(i);
        e.d().fill(reusable, e.k(), cal);
        if (legacy) {
          ctx.formats.appendCsv(sb, reusable, style, mess);
        } else {
          ctx.formats.appendJson(sb, reusable, compactJson);
        }
        sb.ascii('\n');
        if (e.reexport()) {
          reexported++;
        }
        if (sb.length() >= CHUNK) {
          sb.writeTo(os);
          sb.reset();
        }
      }
      sb.writeTo(os);
      sb.reset();
    }
    files++;
    lines += n + bads.size();
    ctx.linesWritten.addAndGet(n + bads.size());
  }

  /**
   * How a legacy system writes a day's file. The variants cycle over days (from a phase drawn from
   * the seed) so every one of them shows up within any ten days of any lane: 30% NFD, 40% with a
   * byte-order mark, half with stray spaces and case changes, half writing false as empty, half
   * writing midnight as a bare date.
   */
  private Formats.LegacyStyle legacyStyle(long day) {
    long u = day + (long) (Seeds.unit(ctx.seed, "style-phase", laneKey) * 1000);
    return new Formats.LegacyStyle(u % 10 == 0 || u % 10 == 3 || u % 10 == 6, u % 5 == 1 || u % 5 == 3,
        u % 2 == 0, u % 4 < 2, u % 8 < 4);
  }

  /**
   * A day's snapshots by NgayCapNhat (re-exported ones carry their older time), ties in the order
   * they were filed, which is deterministic. Sorting packed primitive keys (time, then filing index)
   * is several times faster than comparing objects.
   */
  static ArrayList<Entry> inExportOrder(ArrayList<Entry> entries, long day) {
    int n = entries.size();
    if (n < 2) {
      return entries;
    }
    if (n >= 1 << 24) {
      throw new IllegalStateException("too many snapshots in one file: " + n);
    }
    long base = day * DAY - (1L << 30); // re-exports can be weeks old; keep keys positive
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      Entry e = entries.get(i);
      keys[i] = (e.d().at[e.k()] - base) << 24 | i;
    }
    Arrays.sort(keys);
    ArrayList<Entry> out = new ArrayList<>(n);
    for (long key : keys) {
      out.add(entries.get((int) (key & 0xFFFFFF)));
    }
    return out;
  }

  private List<Bad> makeBads(long day, AgencyDirectory.Period period, List<Entry> entries,
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
    badCarry += entries.size() * share; // carried over days: the share holds within a lane, not just on average
    int extra = (int) badCarry;
    badCarry -= extra;
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
      if (legacy && reason == BadReason.MALFORMED_RECORD) {
        if (malformedUsed) {
          reason = all[1 + r.nextInt(all.length - 1)];
        } else {
          malformedUsed = true;
        }
      }
      Bad bad = makeBad(reason, day, period, entries, style, r, mess, counter++);
      if (bad != null) {
        out.add(bad);
        badByReason[reason.ordinal()]++;
      }
    }
    out.sort(Comparator.comparingInt(Bad::pos).thenComparing(Bad::last));
    return out;
  }

  private Bad makeBad(BadReason reason, long day, AgencyDirectory.Period period, List<Entry> entries,
      Formats.LegacyStyle style, SplittableRandom r, SplittableRandom mess, int counter) {
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
      Entry e = entries.get(i);
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
    String text;
    if (legacy) {
      ctx.formats.appendCsv(sb, rec, style, mess);
      text = sb.toUtf8String();
      if (reason == BadReason.MALFORMED_RECORD) {
        return new Bad(n, true, BadRecords.unbalancedCsv(text), reason);
      }
    } else {
      ctx.formats.appendJson(sb, rec, compactJson);
      text = sb.toUtf8String();
      if (reason == BadReason.MALFORMED_RECORD) {
        text = BadRecords.truncateJson(text, r);
      }
    }
    return new Bad(pos, false, text, reason);
  }
}
