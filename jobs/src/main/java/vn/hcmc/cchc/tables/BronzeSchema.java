package vn.hcmc.cchc.tables;

import org.apache.spark.sql.types.StructType;
import vn.hcmc.cchc.tables.Table;

/** Schemas of the bronze tables, as {@link Table} declares them. */
public final class BronzeSchema {
  private BronzeSchema() {}

  /** {@code bronze.cases}: one row per raw record of feeds A and B, parseable or not. */
  public static final StructType CASES = Table.BRONZE_CASES.schema();

  /** {@code bronze.files}: the ledger of every file seen, so that none is loaded twice. */
  public static final StructType FILES = Table.BRONZE_FILES.schema();

  /** {@code bronze.bad_files}: one row per delivery (path and content hash) that could not be read. */
  public static final StructType BAD_FILES = Table.BRONZE_BAD_FILES.schema();
}
