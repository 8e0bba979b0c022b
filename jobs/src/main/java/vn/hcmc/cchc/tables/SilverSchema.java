package vn.hcmc.cchc.tables;

import java.util.Arrays;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import vn.hcmc.cchc.tables.Table;

/** Schemas of {@code silver.cases} and {@code silver.quarantine} ({@link Table} declares each column), and of the parser's outcome. */
public final class SilverSchema {
  private SilverSchema() {}

  /** {@code silver.cases}, as {@link Table} declares it. */
  public static final StructType CASES = Table.SILVER_CASES.schema();

  /** {@code silver.quarantine}, as {@link Table} declares it. */
  public static final StructType QUARANTINE = Table.SILVER_QUARANTINE.schema();

  /** The columns of {@code silver.quarantine} a run closes, not the parser: who released a record, when. */
  public static final java.util.List<String> RELEASE = java.util.List.of("released_run_id", "released_at");

  /** What the parser returns for each bronze row: the silver columns, then the quarantine-only ones (not {@link #RELEASE}). */
  public static final StructType OUTCOME = outcome();

  private static StructType outcome() {
    StructType s = CASES;
    for (StructField f : QUARANTINE.fields()) {
      if (!Arrays.asList(CASES.fieldNames()).contains(f.name()) && !RELEASE.contains(f.name())) {
        s = s.add(f);
      }
    }
    return s;
  }
}
