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

  public static Dataset<Row> frame(SparkSession spark, Table table, Row... rows) {
    return spark.createDataFrame(List.of(rows), table.schema());
  }
}
