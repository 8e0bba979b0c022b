package vn.hcmc.cchc.normalize;

import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import org.apache.spark.sql.Column;
import vn.hcmc.cchc.tables.Transform;

/**
 * The dossier codes of a MERGE source as a few ranges of codes, and those ranges as a predicate on
 * the target's {@code dossier_id} that Delta can skip files by (Hudi's key-range pruning, on Delta's
 * own min/max statistics). A code is {@code <agency>-<yyMMdd>-<seq>} (RAW.md), and the files of a
 * partition of {@code silver.cases} are written sorted by it, so each file holds a narrow range of
 * receipt months: a day's changes, mostly about recent dossiers, meet only the last files of each
 * partition.
 *
 * <p>Exact whatever the layout: every code of the source lies in one of the ranges, so a target row
 * that matches a source row on {@code dossier_id} always satisfies the predicate, wherever it lives
 * (a dossier that changed agency or receipt day included). The layout only decides how many files
 * the ranges let Delta skip.
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
   * Consecutive codes (in sorted order) of one agency and receipt month make a range: the part of
   * the code before the day of {@code yyMMdd}. A code of another shape is a range of its own.
   */
  public static List<Range> of(SortedSet<String> codes) {
    List<Range> out = new ArrayList<>();
    String bucket = null;
    String from = null;
    String to = null;
    for (String code : codes) {
      String b = bucket(code);
      if (from != null && b.equals(bucket)) {
        to = code;
        continue;
      }
      if (from != null) {
        out.add(new Range(from, to));
      }
      bucket = b;
      from = code;
      to = code;
    }
    if (from != null) {
      out.add(new Range(from, to));
    }
    return out;
  }

  /** {@code <agency>-<yyMM>} of a well-formed code; the code itself otherwise. */
  static String bucket(String code) {
    int seq = code.lastIndexOf('-');
    int date = seq < 0 ? -1 : code.lastIndexOf('-', seq - 1);
    if (date < 0 || seq - date != 7) {
      return code;
    }
    return code.substring(0, date + 5);
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
