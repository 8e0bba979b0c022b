package vn.hcmc.cchc.pipeline;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * Before a command writes, every existing table must have the columns this release writes. A
 * warehouse of an older layout (a column missing, or of another type) would otherwise fail half-way
 * through a run on Delta's schema check, some tables committed and others not; this check fails it
 * first, with one line naming the table and the columns, and nothing written. Extra columns are
 * allowed (a newer release may have added them and they are kept), and so is the lack of a column
 * declared as added by a later release ({@code Columns.added}): the writer adds it.
 *
 * <p>In {@code pipeline}, not in a stage: it knows the tables of every stage, and a stage may not
 * import another (ArchitectureTest); once every table's schema is declared next to {@link Table},
 * it can move to the kernel.
 */
public final class LayoutCheck {
  /** The columns this release writes to each table: its declaration ({@link Table#schema()}). */
  static final Map<Table, StructType> EXPECTED = new EnumMap<>(Table.class);

  static {
    for (Table t : Table.values()) {
      // a column a later release added is added to the table by the writer, not missing from it
      EXPECTED.put(t, new StructType(t.columns().list().stream().filter(c -> !c.added())
          .map(c -> new org.apache.spark.sql.types.StructField(c.name(), c.type(), c.nullable(),
              org.apache.spark.sql.types.Metadata.empty()))
          .toArray(org.apache.spark.sql.types.StructField[]::new)));
    }
  }

  /** A warehouse whose tables this release cannot write: the message says which and what to do. */
  public static final class OlderLayoutException extends RuntimeException {
    OlderLayoutException(String message) {
      super(message);
    }
  }

  private LayoutCheck() {}

  /**
   * @throws OlderLayoutException naming the first table that lacks columns of this release
   */
  public static void requireCurrent(Warehouse warehouse) {
    for (Map.Entry<Table, StructType> e : EXPECTED.entrySet()) {
      if (!warehouse.exists(e.getKey())) {
        continue;
      }
      List<String> missing = missing(e.getValue(), warehouse.read(e.getKey()).schema());
      if (!missing.isEmpty()) {
        throw new OlderLayoutException("the warehouse " + warehouse.root() + " has an older layout: "
            + e.getKey().sqlName() + " lacks " + String.join(", ", missing)
            + "; rebuild it from the landing zone into a new --warehouse (docs/RELIABILITY.md, \"Older warehouses\")");
      }
    }
  }

  /** The expected columns absent from {@code actual}, or present with another type ({@code name type}). */
  static List<String> missing(StructType expected, StructType actual) {
    List<String> out = new ArrayList<>();
    for (StructField f : expected.fields()) {
      DataType has = java.util.Arrays.stream(actual.fields()).filter(a -> a.name().equalsIgnoreCase(f.name()))
          .map(StructField::dataType).findFirst().orElse(null);
      if (has == null || !has.simpleString().equals(f.dataType().simpleString())) {
        out.add(f.name() + " " + f.dataType().simpleString());
      }
    }
    return out;
  }
}
