package vn.hcmc.cchc.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import vn.hcmc.cchc.marts.CaseMonthly;

/**
 * The DuckDB peer: {@code gold.case_monthly}'s counts (every scope and sector) from the Parquet
 * export of {@code silver.cases}, by {@code case_monthly.sql}; and the cross-check of that result
 * against the warehouse's own {@code gold.case_monthly}, row by row on every count of {@link
 * CaseMonthly#COUNTS}. Rates are not compared: they are computed from the counts.
 */
final class DuckDbCaseMonthly {
  static final String RESULT = "duckdb_case_monthly.parquet";
  private static final List<String> KEY = List.of("period_month", "scope_type", "scope_code", "sector");

  private DuckDbCaseMonthly() {}

  /** Computes and writes {@code export/duckdb_case_monthly.parquet}; the time covers the query and the write. */
  static Map<String, Object> compute(Path export, String memoryLimit) throws SQLException, IOException {
    String sql = script().replace("${silver}", export.resolve(SnapshotExport.SILVER).toString())
        .replace("${result}", export.resolve(RESULT).toString());
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
      s.execute("SET memory_limit = '" + memoryLimit + "'");
      s.execute("SET TimeZone = 'UTC'");
      long t0 = System.nanoTime();
      for (String statement : sql.split(";\\s*\\n")) {
        if (!statement.strip().isEmpty() && !statement.strip().lines().allMatch(l -> l.strip().startsWith("--"))) {
          s.execute(statement);
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("rows", single(s, "SELECT count(*) FROM duck_case_monthly"));
      out.put("seconds", seconds);
      out.put("threads", single(s, "SELECT current_setting('threads')"));
      out.put("version", String.valueOf(single(s, "SELECT version()")));
      return out;
    }
  }

  /**
   * Rows only in gold, rows only in DuckDB, and per count the rows where the two differ; {@code
   * status} is {@code passed} when every one is 0.
   */
  static Map<String, Object> check(Path export) throws SQLException {
    String gold = export.resolve(SnapshotExport.GOLD) + "/*.parquet";
    String duck = export.resolve(RESULT).toString();
    String on = KEY.stream().map(k -> "g." + k + " = d." + k).collect(Collectors.joining(" AND "));
    String differing = CaseMonthly.COUNTS.stream()
        .map(c -> "count(*) FILTER (g." + c + " IS DISTINCT FROM d." + c + " AND g.sector IS NOT NULL AND d.sector IS NOT NULL) AS " + c)
        .collect(Collectors.joining(", "));
    String sql = "SELECT count(g.sector) AS gold_rows, count(d.sector) AS duckdb_rows, "
        + "count(*) FILTER (d.sector IS NULL) AS only_in_gold, count(*) FILTER (g.sector IS NULL) AS only_in_duckdb, "
        + differing + " FROM read_parquet('" + gold + "') g FULL OUTER JOIN read_parquet('" + duck + "') d ON " + on;
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Long> columns = new LinkedHashMap<>();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      for (String c : List.of("gold_rows", "duckdb_rows", "only_in_gold", "only_in_duckdb")) {
        out.put(c, r.getLong(c));
      }
      for (String c : CaseMonthly.COUNTS) {
        if (r.getLong(c) > 0) {
          columns.put(c, r.getLong(c));
        }
      }
    }
    boolean same = columns.isEmpty() && (long) out.get("only_in_gold") == 0 && (long) out.get("only_in_duckdb") == 0;
    out.put("counts_compared", CaseMonthly.COUNTS.size());
    out.put("rows_differing_by_count", columns.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" ")));
    out.put("status", same ? "passed" : "failed");
    return out;
  }

  private static Object single(Statement s, String query) throws SQLException {
    try (ResultSet r = s.executeQuery(query)) {
      r.next();
      return r.getObject(1);
    }
  }

  private static String script() throws IOException {
    try (InputStream in = DuckDbCaseMonthly.class.getResourceAsStream("case_monthly.sql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
