package vn.hcmc.cchc.normalize;

import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import vn.hcmc.cchc.tables.FileSpan;
import vn.hcmc.cchc.tables.Transform;

/**
 * Which files of {@code silver.cases} a MERGE must read, as a predicate on the target that Delta
 * skips files by (Hudi's key-range pruning, on Delta's own min/max statistics). A code is {@code
 * <agency>-<yyMMdd>-<seq>} (RAW.md), and the files of a partition of {@code silver.cases} are written
 * sorted by it, so each file holds a narrow stretch of receipt days: a day's changes, mostly about
 * recent dossiers, meet only the last files of each partition.
 *
 * <p>The source's codes are grouped by agency and receipt month ({@link #bucket}); {@link #scope}
 * compares each group with the files' statistics. A group no file's codes overlap is new dossiers:
 * nothing to read. The groups whose files reach furthest back become key ranges, at most a few; the
 * rest are found by the receipt day of the files they overlap: one comparison, whatever the day's
 * size, where a day of the whole city would need ~700 ranges.
 *
 * <p>Exact whatever the layout (see {@link #scope}): a target row that matches a source row on
 * {@code dossier_id} always satisfies the predicate, wherever it lives (a dossier that changed
 * agency or receipt day included). The layout only decides how many files it lets Delta skip.
 *
 * <p>The ranges are combined as a balanced tree, {@code (c < first of right AND left) OR (c > last
 * of left AND right)}: Delta's data skipping pushes through AND and OR (an {@code IN} list is reduced to one
 * range from its least to its greatest value, which skips nothing here), and a row is tested with
 * about {@code 2 log2(ranges)} comparisons instead of one per range.
 */
@Transform
public final class DossierRanges {
  /** One range of codes, both ends included. */
  public record Range(String from, String to) {}

  private DossierRanges() {}

  /**
   * The target-only part of a MERGE's condition: the target's rows received on or after {@code
   * since} ({@code null}: none by date), or whose code lies in one of {@code ranges}.
   */
  public record Scope(LocalDate since, List<Range> ranges) {
    /** The predicate on the target's code and receipt-day columns. */
    public Column predicate(Column code, Column day) {
      Column byRanges = DossierRanges.predicate(code, ranges);
      return since == null ? byRanges : day.geq(lit(java.sql.Date.valueOf(since))).or(byRanges);
    }

    /** For the log: what the predicate reads. */
    public String describe() {
      if (since == null && ranges.isEmpty()) {
        return "no file to read (new dossiers only)";
      }
      return (since == null ? "" : "received from " + since + " or ") + ranges.size() + " key range(s)";
    }
  }

  /**
   * The scope of a MERGE whose source codes make {@code buckets} (one range of codes per agency
   * and receipt month, {@link #bucket}) into a target made of {@code files} (their spans of {@code
   * dossier_id} and least {@code received_date}): at most {@code maxRanges} ranges, the rest of the
   * source found by receipt day; empty when no such predicate is exact and the condition must be
   * the key alone (a file the statistics say nothing of, with more groups than ranges allowed).
   *
   * <p>Exact by construction, whatever the layout and whatever a dossier's stored receipt day: a
   * target row whose code is in a bucket lies in a file whose code span overlaps the bucket; if that
   * bucket is not among the ranges, every such file's least receipt day is on or after {@code since},
   * so the row is too. Buckets that overlap no file are new dossiers and need no predicate at all.
   * The buckets overlapping the files of the oldest days become ranges, up to {@code maxRanges}; the
   * rest are found by {@code since}, which Delta skips files by (files are sorted by code, so each
   * covers a narrow stretch of receipt days).
   */
  public static Optional<Scope> scope(List<Range> buckets, List<FileSpan> files, int maxRanges) {
    List<Range> sorted = new ArrayList<>(buckets);
    sorted.sort(Comparator.comparing(Range::from));
    List<FileSpan> byMin = new ArrayList<>(files);
    byMin.sort(Comparator.comparing(f -> f.minKey() == null ? "" : f.minKey()));
    // the files that may overlap the bucket at hand: a superset (see the loop), which only widens the scope
    PriorityQueue<FileSpan> byMax = new PriorityQueue<>(Comparator.comparing(
        (FileSpan f) -> f.maxKey() == null ? "\uffff" : f.maxKey()));
    TreeMap<LocalDate, Integer> activeDays = new TreeMap<>();
    TreeMap<LocalDate, List<Range>> byDay = new TreeMap<>();
    int next = 0;
    for (Range b : sorted) {
      for (; next < byMin.size() && (byMin.get(next).minKey() == null || byMin.get(next).minKey().compareTo(b.to()) <= 0);
          next++) {
        byMax.add(byMin.get(next));
        activeDays.merge(dayOf(byMin.get(next)), 1, Integer::sum);
      }
      // buckets come in ascending order: a file ending before this one's start overlaps none of the rest
      while (!byMax.isEmpty() && byMax.peek().maxKey() != null && byMax.peek().maxKey().compareTo(b.from()) < 0) {
        activeDays.merge(dayOf(byMax.poll()), -1, (x, y) -> x + y == 0 ? null : x + y);
      }
      if (!activeDays.isEmpty()) {
        byDay.computeIfAbsent(activeDays.firstKey(), d -> new ArrayList<>()).add(b);
      }
    }
    List<Range> ranges = new ArrayList<>();
    LocalDate since = null;
    for (var day : byDay.entrySet()) {
      if (ranges.size() + day.getValue().size() > maxRanges) {
        since = day.getKey();
        break;
      }
      ranges.addAll(day.getValue());
    }
    if (LocalDate.MIN.equals(since)) {
      return Optional.empty();
    }
    ranges.sort(Comparator.comparing(Range::from));
    return Optional.of(new Scope(since, List.copyOf(ranges)));
  }

  /** A file's least receipt day; {@link LocalDate#MIN} when unknown, so that nothing is skipped by day. */
  private static LocalDate dayOf(FileSpan f) {
    return f.minDay() == null ? LocalDate.MIN : f.minDay();
  }

  /** {@code <agency>-<yyMM>} of a well-formed code; the code itself otherwise. */
  static String bucket(String code) {
    int date = dateDash(code);
    return date < 0 ? code : code.substring(0, date + 5);
  }

  /** {@code <agency>-<yyMMdd>} of a well-formed code; the code itself otherwise. */
  static String dayBucket(String code) {
    int date = dateDash(code);
    return date < 0 ? code : code.substring(0, date + 7);
  }

  /** Where the dash before a well-formed code's {@code yyMMdd} is; -1 for a code not {@code <agency>-<yyMMdd>-<seq>}. */
  private static int dateDash(String code) {
    int seq = code.lastIndexOf('-');
    int date = seq < 0 ? -1 : code.lastIndexOf('-', seq - 1);
    return date < 0 || seq - date != 7 ? -1 : date;
  }

  /** The source's {@code dossiers} codes of one agency and receipt day ({@link #dayBucket}), with their {@link #bucket}. */
  public record Group(String month, Range codes, long dossiers) {}

  /**
   * A source's codes split by what the files' statistics say of them: {@code fresh}, sorted and
   * disjoint ranges that no file's codes overlap (new dossiers, to be appended without a join), and
   * {@code known}, one range per agency and receipt month for the rest ({@link #scope}'s buckets),
   * which hold {@code knownDossiers} codes.
   */
  public record Split(List<Range> fresh, List<Range> known, long knownDossiers) {}

  /**
   * Splits the source's {@code groups} (one per agency and receipt day) by the target's {@code
   * files}: a group whose range of codes overlaps no file's span holds only dossiers the target does
   * not have (exact: a code in the target lies in the span of the file holding it; a file the
   * statistics say nothing of overlaps every group). A day of the city's exports is mostly
   * dossiers received that day, whose codes sort after every file of their agency.
   */
  public static Split split(List<Group> groups, List<FileSpan> files) {
    List<FileSpan> byMin = new ArrayList<>(files);
    byMin.sort(Comparator.comparing(DossierRanges::least));
    // the greatest code of the files up to each one, in that order; null: unknown, past every code
    String[] reach = new String[byMin.size()];
    for (int i = 0; i < reach.length; i++) {
      String max = byMin.get(i).maxKey();
      reach[i] = max == null || (i > 0 && reach[i - 1] == null) ? null
          : i > 0 && reach[i - 1].compareTo(max) > 0 ? reach[i - 1] : max;
    }
    List<Range> fresh = new ArrayList<>();
    List<Group> known = new ArrayList<>();
    for (Group g : groups) {
      // the files starting at or before the group's last code; one of them overlaps it iff the
      // greatest code they reach is at or after its first
      int lo = 0;
      int hi = byMin.size();
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (least(byMin.get(mid)).compareTo(g.codes().to()) <= 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      if (lo == 0 || (reach[lo - 1] != null && reach[lo - 1].compareTo(g.codes().from()) < 0)) {
        fresh.add(g.codes());
      } else {
        known.add(g);
      }
    }
    fresh.sort(Comparator.comparing(Range::from));
    List<Range> disjoint = new ArrayList<>();
    for (Range r : fresh) {
      Range last = disjoint.isEmpty() ? null : disjoint.get(disjoint.size() - 1);
      if (last != null && last.to().compareTo(r.from()) >= 0) {
        disjoint.set(disjoint.size() - 1, new Range(last.from(), max(last.to(), r.to())));
      } else {
        disjoint.add(r);
      }
    }
    return new Split(List.copyOf(disjoint), months(known), known.stream().mapToLong(Group::dossiers).sum());
  }

  /**
   * Whether {@code code} lies in one of the ranges {@code from[i]..to[i]} (sorted and disjoint, as
   * {@link Split#fresh}): a binary search, for a source's rows. Spark's own predicate over hundreds of
   * ranges ({@link #predicate}) is a method too large to compile, which Spark reports as an error
   * before it falls back to interpreting it.
   */
  public static boolean within(String code, String[] from, String[] to) {
    if (code == null) {
      return false;
    }
    int lo = 0;
    int hi = from.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (from[mid].compareTo(code) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo > 0 && to[lo - 1].compareTo(code) >= 0;
  }

  /** The ranges of codes of {@code groups} by agency and receipt month ({@link #bucket}): {@link #scope}'s buckets. */
  public static List<Range> months(List<Group> groups) {
    TreeMap<String, Range> months = new TreeMap<>();
    for (Group g : groups) {
      months.merge(g.month(), g.codes(), (a, b) -> new Range(min(a.from(), b.from()), max(a.to(), b.to())));
    }
    return List.copyOf(months.values());
  }

  /** A file's least code; the least of all when unknown. */
  private static String least(FileSpan f) {
    return f.minKey() == null ? "" : f.minKey();
  }

  private static String min(String a, String b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String max(String a, String b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /**
   * The predicate that holds for a code in any of {@code ranges} (sorted, disjoint), on {@code
   * column}; {@code false} when there are none.
   */
  public static Column predicate(Column column, List<Range> ranges) {
    return ranges.isEmpty() ? lit(false) : tree(column, ranges, 0, ranges.size());
  }

  private static Column tree(Column c, List<Range> ranges, int from, int to) {
    if (to - from == 1) {
      Range r = ranges.get(from);
      return r.from().equals(r.to()) ? c.equalTo(lit(r.from())) : c.geq(lit(r.from())).and(c.leq(lit(r.to())));
    }
    int mid = (from + to) >>> 1;
    // the guards compare with < and >, the leaves with >= and <=: no comparison appears twice, for
    // Spark evaluates a repeated one (a common subexpression) for every row up front, short-circuit or not
    return c.lt(lit(ranges.get(mid).from())).and(tree(c, ranges, from, mid))
        .or(c.gt(lit(ranges.get(mid - 1).to())).and(tree(c, ranges, mid, to)));
  }
}
