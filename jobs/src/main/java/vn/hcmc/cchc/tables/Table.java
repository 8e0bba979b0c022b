package vn.hcmc.cchc.tables;

import java.util.List;

/**
 * Every table of the warehouse: its contract name ({@code layer.name}), where it lives below the
 * warehouse root, and how it is laid out.
 */
public enum Table {
  BRONZE_CASES("bronze", "cases", List.of()),
  BRONZE_FILES("bronze", "files", List.of()),
  SILVER_CASES("silver", "cases", List.of("level", "agency_code")),
  SILVER_QUARANTINE("silver", "quarantine", List.of()),
  SILVER_AGENCIES("silver", "agencies", List.of()),
  SILVER_PROCEDURES("silver", "procedures", List.of()),
  SILVER_WORK_FILES("silver", "work_files", List.of()),
  SILVER_INDICATORS("silver", "indicators", List.of()),
  GOLD_CASE_MONTHLY("gold", "case_monthly", List.of()),
  GOLD_PROCEDURE_MONTHLY("gold", "procedure_monthly", List.of()),
  GOLD_WORK_MONTHLY("gold", "work_monthly", List.of()),
  OPS_RECONCILIATION("ops", "reconciliation", List.of());

  private final String layer;
  private final String table;
  private final List<String> partitionColumns;

  Table(String layer, String table, List<String> partitionColumns) {
    this.layer = layer;
    this.table = table;
    this.partitionColumns = partitionColumns;
  }

  public String layer() {
    return layer;
  }

  /** The name users type in SQL, e.g. {@code silver.cases}. */
  public String sqlName() {
    return layer + "." + table;
  }

  /** Location relative to the warehouse root, e.g. {@code silver/cases}. */
  public String relativePath() {
    return layer + "/" + table;
  }

  public List<String> partitionColumns() {
    return partitionColumns;
  }
}
