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
 * export of {@code silver.cases}, by two queries ({@link Query}); and the cross-check of each result
 * against the warehouse's own {@code gold.case_monthly}, row by row on every count of {@link
 * CaseMonthly#COUNTS}. Rates are not compared: they are computed from the counts.
 */
final class DuckDbCaseMonthly {
  private static final List<String> KEY = List.of("period_month", "scope_type", "scope_code", "sector");

  /** The two ways the counts are computed, in one process, the strong one first. */
  enum Query {
    /** Events and running sums, {@code case_monthly_events.sql}: work proportional to dossiers (the peer of the ratios). */
    EVENTS("case_monthly_events.sql"),
    /** Every dossier expanded into the months it is open, {@code case_monthly.sql}: kept as the second line. */
    EXPANSION("case_monthly.sql");

    final String script;

    Query(String script) {
      this.script = script;
    }

    String result() {
      return "duckdb_case_monthly_" + name().toLowerCase(java.util.Locale.ROOT) + ".parquet";
    }
  }

  private DuckDbCaseMonthly() {}

  /**
   * Computes both queries into {@code export/duckdb_case_monthly_<query>.parquet}; each time covers
   * its query and its write. The result: the strong query's figures, the expansion's under {@code expansion}.
   */
  static Map<String, Object> compute(Path export, String memoryLimit) throws SQLException, IOException {
    Map<String, Object> out = compute(export, memoryLimit, Query.EVENTS);
    out.put("expansion", compute(export, memoryLimit, Query.EXPANSION));
    return out;
  }

  private static Map<String, Object> compute(Path export, String memoryLimit, Query query)
      throws SQLException, IOException {
    String sql = script(query).replace("${silver}", export.resolve(SnapshotExport.SILVER).toString())
        .replace("${result}", export.resolve(query.result()).toString());
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
   * Both queries' results against gold: the strong one's figures, the expansion's under {@code
   * expansion}; {@code status} is {@code passed} when both passed.
   */
  static Map<String, Object> check(Path export) throws SQLException {
    Map<String, Object> out = check(export, Query.EVENTS);
    Map<String, Object> expansion = check(export, Query.EXPANSION);
    out.put("expansion", expansion);
    out.put("events_status", out.get("status"));
    if (!"passed".equals(expansion.get("status"))) {
      out.put("status", "failed");
    }
    return out;
  }

  /**
   * Rows only in gold, rows only in DuckDB, and per count the rows where the two differ; {@code
   * status} is {@code passed} when every one is 0.
   */
  private static Map<String, Object> check(Path export, Query query) throws SQLException {
    String gold = export.resolve(SnapshotExport.GOLD) + "/*.parquet";
    String duck = export.resolve(query.result()).toString();
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

  /** {@code case_monthly_input.sql} (the input both queries read), then the query's own script. */
  private static String script(Query query) throws IOException {
    return resource("case_monthly_input.sql") + "\n" + resource(query.script);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = DuckDbCaseMonthly.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
