package vn.hcmc.cchc.tables;

import java.util.List;

/**
 * Every table of the warehouse: its contract name ({@code layer.name}), where it lives below the
 * warehouse root, and the keys it is laid out by (partitioned or clustered: {@link Layout}).
 */
public enum Table {
  BRONZE_CASES("bronze", "cases", List.of()),
  BRONZE_FILES("bronze", "files", List.of()),
  /** Files that could not be read at all (a truncated gzip, another encoding), each with its reason. */
  BRONZE_BAD_FILES("bronze", "bad_files", List.of()),
  /** Keeps a change feed: the marts refresh only the months its changes reach. */
  SILVER_CASES("silver", "cases", List.of("level", "agency_code"), true),
  SILVER_QUARANTINE("silver", "quarantine", List.of()),
  SILVER_AGENCIES("silver", "agencies", List.of()),
  SILVER_PROCEDURES("silver", "procedures", List.of()),
  SILVER_WORK_FILES("silver", "work_files", List.of()),
  SILVER_INDICATORS("silver", "indicators", List.of()),
  GOLD_CASE_MONTHLY("gold", "case_monthly", List.of()),
  GOLD_PROCEDURE_MONTHLY("gold", "procedure_monthly", List.of()),
  GOLD_WORK_MONTHLY("gold", "work_monthly", List.of()),
  GOLD_TARGET_ATTAINMENT("gold", "target_attainment", List.of()),
  OPS_RECONCILIATION("ops", "reconciliation", List.of()),
  /** The run audit: one row per command run on the warehouse ({@code vn.hcmc.cchc.ops.RunRecord}). */
  OPS_RUNS("ops", "runs", List.of());

  private final String layer;
  private final String table;
  private final List<String> layoutKeys;
  private final boolean changeFeed;

  Table(String layer, String table, List<String> layoutKeys) {
    this(layer, table, layoutKeys, false);
  }

  Table(String layer, String table, List<String> layoutKeys, boolean changeFeed) {
    this.layer = layer;
    this.table = table;
    this.layoutKeys = layoutKeys;
    this.changeFeed = changeFeed;
  }

  public String layer() {
    return layer;
  }

  /** The name within its layer, e.g. {@code cases}. */
  public String tableName() {
    return table;
  }

  /** The name users type in SQL, e.g. {@code silver.cases}. */
  public String sqlName() {
    return layer + "." + table;
  }

  /** Location relative to the warehouse root, e.g. {@code silver/cases}. */
  public String relativePath() {
    return layer + "/" + table;
  }

  /**
   * The columns the table is laid out by, most selective last (e.g. level, agency_code): its
   * partition or clustering columns, as its {@link Layout} says; empty for tables too small to need any.
   */
  public List<String> layoutKeys() {
    return layoutKeys;
  }

  /** Whether the table records Delta's change data feed (row-level pre- and post-images of every commit). */
  public boolean changeFeed() {
    return changeFeed;
  }
}
