package vn.hcmc.cchc.support;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import vn.hcmc.cchc.tables.Table;

/**
 * Rows with every column a table declares, for tests that care about a few of them: the values
 * given, {@code NULL} in the others. A name the table does not declare fails at once.
 */
public final class DeclaredRows {
  private DeclaredRows() {}

  /** One row of {@code table}; {@code namesAndValues} alternates column names and values. */
  public static Row row(Table table, Object... namesAndValues) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      values.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    List<String> names = Arrays.asList(table.schema().fieldNames());
    values.keySet().forEach(n -> {
      if (!names.contains(n)) {
        throw new IllegalArgumentException(table.sqlName() + " declares no column " + n);
      }
    });
    return RowFactory.create(names.stream().map(values::get).toArray());
  }

  /**
   * One row of {@code silver.cases} that keeps the table's constraints ({@code Table.checks()}): a
   * desk dossier of agency A (city level) received on 1 March 2021 and in process, with
   * {@code namesAndValues} over it.
   */
  public static Row silverCase(Object... namesAndValues) {
    java.time.Instant received = java.time.Instant.parse("2021-03-01T01:00:00Z");
    Object[] base = {"dossier_id", "d", "agency_code", "A", "level", "city", "procedure_code", "P", "channel", "desk",
        "online_level", "none", "status", "in_process", "status_code", 4, "received_at", received,
        "received_date", java.time.LocalDate.of(2021, 3, 1), "due_at", received.plus(java.time.Duration.ofDays(10)),
        "updated_at", received, "rating", 0};
    Object[] all = Arrays.copyOf(base, base.length + namesAndValues.length);
    System.arraycopy(namesAndValues, 0, all, base.length, namesAndValues.length);
    return row(Table.SILVER_CASES, all);
  }

  public static Dataset<Row> frame(SparkSession spark, Table table, Row... rows) {
    return spark.createDataFrame(List.of(rows), table.schema());
  }
}
