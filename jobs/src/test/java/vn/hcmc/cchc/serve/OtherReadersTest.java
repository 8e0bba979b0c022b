package vn.hcmc.cchc.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.support.GeneratedWeek;
import vn.hcmc.cchc.support.Launcher;
import vn.hcmc.cchc.support.Launcher.Outcome;
import vn.hcmc.cchc.support.Python;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * The gold and reference tables as a Delta reader that is not Spark reads them: delta-rs (the
 * {@code deltalake} package of the project's Python environment, {@code scripts/lib/delta_rs_rows.py})
 * reads every one of the generated week's and finds the rows {@code sql}'s engine ({@link
 * WarehouseSql}) answers, value for value. delta-rs refuses a table with deletion vectors: before
 * only silver.cases had them, it refused every gold table.
 */
class OtherReadersTest {
  private static final List<Table> READ = Stream.of(Table.values())
      .filter(t -> t.layer().equals("gold") || t == Table.SILVER_AGENCIES || t == Table.SILVER_PROCEDURES).toList();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void deltaRsReadsEveryGoldAndReferenceTableRowForRowAsSqlDoes() throws IOException {
    Warehouse wh = GeneratedWeek.warehouse();
    List<String> args = new ArrayList<>(List.of(Launcher.ROOT.resolve("scripts/lib/delta_rs_rows.py").toString(),
        wh.root()));
    READ.forEach(t -> args.add(t.relativePath()));
    Outcome read = Python.venv("python", Map.of(), Duration.ofMinutes(2), args.toArray(String[]::new));
    assertThat(read.exitCode()).as(read.stdout() + read.stderr()).isZero();

    Map<String, List<String>> byDeltaRs = new HashMap<>();
    Map<String, JsonNode> heads = new HashMap<>();
    for (String line : read.stdout().lines().toList()) {
      JsonNode n = JSON.readTree(line);
      String table = n.get("table").asText();
      if (n.has("row")) {
        byDeltaRs.computeIfAbsent(table, k -> new ArrayList<>()).add(canonical(n.get("row")));
      } else {
        heads.put(table, n);
      }
    }
    WarehouseSql sql = WarehouseSql.over(wh);
    for (Table t : READ) {
      JsonNode head = heads.get(t.relativePath());
      assertThat(head).as(t.sqlName()).isNotNull();
      assertThat(head.get("reader_version").asInt()).as("%s's reader version", t.sqlName()).isEqualTo(1);
      assertThat(head.get("version").asLong()).as(t.sqlName()).isEqualTo(wh.version(t));
      List<String> bySql = new ArrayList<>();
      for (Iterator<Row> it = sql.query("SELECT * FROM " + t.sqlName()).toLocalIterator(); it.hasNext(); ) {
        bySql.add(canonical(it.next()));
      }
      List<String> fromDeltaRs = byDeltaRs.getOrDefault(t.relativePath(), List.of());
      assertThat(bySql).as(t.sqlName()).isNotEmpty();
      assertThat(fromDeltaRs).as("%s read by delta-rs, against sql", t.sqlName())
          .containsExactlyInAnyOrderElementsOf(bySql);
    }
  }

  /** A row of delta-rs as {@code name=value|...}, in its columns' order: numbers as Java prints a long or a double. */
  private static String canonical(JsonNode row) {
    StringBuilder b = new StringBuilder();
    row.fields().forEachRemaining(e -> b.append(e.getKey()).append('=').append(value(e.getValue())).append('|'));
    return b.toString();
  }

  private static String value(JsonNode v) {
    if (v.isNull()) {
      return "NULL";
    }
    if (v.isIntegralNumber()) {
      return Long.toString(v.longValue());
    }
    return v.isNumber() ? Double.toString(v.doubleValue()) : v.asText();
  }

  /** A row of Spark's the same way: dates as yyyy-MM-dd, integers and doubles as Java prints them. */
  private static String canonical(Row row) {
    StringBuilder b = new StringBuilder();
    StructField[] fields = row.schema().fields();
    for (int i = 0; i < fields.length; i++) {
      Object v = row.get(i);
      String s = v == null ? "NULL" : v instanceof Number n && !(v instanceof Double) ? Long.toString(n.longValue())
          : v.toString();
      b.append(fields[i].name()).append('=').append(s).append('|');
    }
    return b.toString();
  }
}
