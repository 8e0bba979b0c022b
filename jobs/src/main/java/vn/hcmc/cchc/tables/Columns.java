package vn.hcmc.cchc.tables;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The declared columns of one table ({@link Table#columns()}), in table order: name, type, whether
 * {@code NULL} is allowed, and one line saying what the column holds (docs/TABLES.md, docs/MARTS.md).
 * The code builds its rows with {@link #schema()}; {@link DeltaWriter} creates the table with these
 * columns (the lines as Delta column comments) and refuses rows that do not have them ({@link
 * #mismatches}).
 */
public final class Columns {
  /** One declared column. */
  public record Column(String name, DataType type, boolean nullable, String description) {}

  private final List<Column> list = new ArrayList<>();

  private Columns() {}

  static Columns of() {
    return new Columns();
  }

  /** A column that is never {@code NULL} (the table is created with {@code NOT NULL}). */
  Columns required(String name, DataType type, String description) {
    list.add(new Column(name, type, false, description));
    return this;
  }

  /** A column that may be {@code NULL}. */
  Columns optional(String name, DataType type, String description) {
    list.add(new Column(name, type, true, description));
    return this;
  }

  public List<Column> list() {
    return Collections.unmodifiableList(list);
  }

  /** The columns as a Spark schema, without the descriptions: what rows are built with. */
  public StructType schema() {
    return new StructType(list.stream().map(c -> new StructField(c.name(), c.type(), c.nullable(),
        org.apache.spark.sql.types.Metadata.empty())).toArray(StructField[]::new));
  }

  /** The column list of {@code CREATE TABLE}: names, types, {@code NOT NULL}, and each description as its comment. */
  String ddl() {
    StructType commented = new StructType();
    for (Column c : list) {
      commented = commented.add(c.name(), c.type(), c.nullable(), c.description());
    }
    return commented.toDDL();
  }

  /**
   * How the columns of {@code actual} differ from these, one phrase each: {@code missing name type},
   * {@code extra name type}, {@code name is type, declared type}. Empty when they match. Order,
   * nullability and column metadata are not compared: Spark makes computed columns nullable, and a
   * write matches columns by name.
   */
  public List<String> mismatches(StructType actual) {
    Map<String, StructField> has = java.util.Arrays.stream(actual.fields())
        .collect(Collectors.toMap(StructField::name, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
    List<String> out = new ArrayList<>();
    for (Column c : list) {
      StructField f = has.remove(c.name());
      if (f == null) {
        out.add("missing " + c.name() + " " + c.type().catalogString());
      } else if (!f.dataType().catalogString().equals(c.type().catalogString())) {
        // catalogString leaves out nullability (of nested fields and elements too) and metadata
        out.add(c.name() + " is " + f.dataType().catalogString() + ", declared " + c.type().catalogString());
      }
    }
    has.values().forEach(f -> out.add("extra " + f.name() + " " + f.dataType().catalogString()));
    return out;
  }
}
