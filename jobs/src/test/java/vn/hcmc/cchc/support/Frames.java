package vn.hcmc.cchc.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.holdenkarau.spark.testing.DataFrameSuiteBase$;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Comparing frames, through spark-testing-base (kept behind this helper so it can be swapped out). */
public final class Frames {
  private Frames() {}

  /** Same schema and same rows, in any order. */
  public static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual) {
    assertThat(actual.schema()).isEqualTo(expected.schema());
    assertSameValues(expected, actual);
  }

  /**
   * Same column names and types and same rows, in any order; nullability and column metadata may
   * differ (a table read back over JDBC has the database's).
   */
  public static void assertSameContent(Dataset<Row> expected, Dataset<Row> actual) {
    assertThat(List.of(actual.schema().fields()).stream().map(f -> f.name() + " " + f.dataType().simpleString()))
        .containsExactlyElementsOf(List.of(expected.schema().fields()).stream()
            .map(f -> f.name() + " " + f.dataType().simpleString()).toList());
    assertSameValues(expected, actual);
  }

  private static void assertSameValues(Dataset<Row> expected, Dataset<Row> actual) {
    List<Row> e = sorted(expected);
    List<Row> a = sorted(actual);
    assertThat(a).hasSameSizeAs(e);
    for (int i = 0; i < e.size(); i++) {
      Row er = e.get(i);
      Row ar = a.get(i);
      assertThat(DataFrameSuiteBase$.MODULE$.approxEquals(er, ar, 0.0))
          .as("row %d: expected %s but was %s", i, er, ar).isTrue();
    }
  }

  /** The rows as they are now, held in memory: a later write to the table does not change them. */
  public static Dataset<Row> snapshot(Dataset<Row> table) {
    return table.sparkSession().createDataFrame(table.collectAsList(), table.schema());
  }

  private static List<Row> sorted(Dataset<Row> df) {
    return df.collectAsList().stream().sorted(Comparator.comparing(Row::toString)).toList();
  }
}
