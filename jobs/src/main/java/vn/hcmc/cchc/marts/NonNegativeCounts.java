package vn.hcmc.cchc.marts;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.hcmc.cchc.tables.Transform;

/**
 * The check every gold table passes before it is written: no count below 0. A negative count is
 * never a figure (dossiers, procedures or files cannot be fewer than none); it means input that
 * slipped past normalize, e.g. a dossier closed before it was received, and publishing it would hide
 * that.
 */
@Transform
final class NonNegativeCounts {
  private NonNegativeCounts() {}

  /**
   * Checks that every {@code counts} column of {@code rows} is 0 or more ({@code NULL} passes).
   *
   * @param table the table's name, for the message
   * @param keys the columns that name a row (its grain), also the order in which the first bad row is found
   * @throws IllegalStateException naming the table, the first bad row by {@code keys}, and its first negative column
   */
  static void check(String table, Dataset<Row> rows, List<String> keys, List<String> counts) {
    Column anyNegative = counts.stream().map(c -> col(c).lt(0)).reduce(Column::or).orElseThrow();
    List<Row> broken = rows.filter(anyNegative)
        .select(Stream.concat(keys.stream(), counts.stream()).map(org.apache.spark.sql.functions::col)
            .toArray(Column[]::new))
        .orderBy(keys.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
        .limit(1)
        .collectAsList();
    if (broken.isEmpty()) {
      return;
    }
    Row r = broken.get(0);
    String column = counts.stream().filter(c -> !r.isNullAt(r.fieldIndex(c)) && r.<Number>getAs(c).longValue() < 0)
        .findFirst().orElseThrow();
    throw new IllegalStateException(String.format("%s count below 0 for %s: %s %s", table,
        keys.stream().map(k -> k + "=" + r.getAs(k)).collect(Collectors.joining(" ")), column, r.getAs(column)));
  }
}
