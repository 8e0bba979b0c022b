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
 * {@code NULL} is allowed, and what the column holds in English and Vietnamese (from the {@link
 * Dictionary}). The code builds its rows with {@link #schema()}; {@link DeltaWriter} creates the
 * table with these columns (the texts as Delta column comments) and refuses rows that do not have
 * them ({@link #mismatches}).
 */
public final class Columns {
  /** One declared column and its texts. */
  public record Column(String name, DataType type, boolean nullable, boolean added, Dictionary.Text text) {
    /** What the column holds, in English. */
    public String description() {
      return text.en();
    }
  }

  private final List<Column> list = new ArrayList<>();

  private Columns() {}

  static Columns of() {
    return new Columns();
  }

  /** A column that is never {@code NULL} (the table is created with {@code NOT NULL}). */
  Columns required(String name, DataType type) {
    list.add(new Column(name, type, false, false, Dictionary.Text.NONE));
    return this;
  }

  /** A column that may be {@code NULL}. */
  Columns optional(String name, DataType type) {
    list.add(new Column(name, type, true, false, Dictionary.Text.NONE));
    return this;
  }

  /**
   * A column that may be {@code NULL}, added by a later release to a table that existed before it:
   * {@link DeltaWriter} adds it to such a table before its first write ({@code ALTER TABLE ADD
   * COLUMNS}: its rows read {@code NULL} there, no file is rewritten), so a warehouse that lacks it
   * is not of an older layout.
   */
  Columns added(String name, DataType type) {
    list.add(new Column(name, type, true, true, Dictionary.Text.NONE));
    return this;
  }

  /** Counts: {@code BIGINT} columns that are never {@code NULL}, in this order. */
  Columns requiredCounts(String... names) {
    for (String name : names) {
      required(name, org.apache.spark.sql.types.DataTypes.LongType);
    }
    return this;
  }

  /** These columns with the texts {@code entry} gives them. */
  Columns described(Dictionary.Entry entry) {
    Columns out = new Columns();
    list.forEach(c -> out.list.add(new Column(c.name(), c.type(), c.nullable(), c.added(), entry.column(c.name()))));
    return out;
  }

  public List<Column> list() {
    return Collections.unmodifiableList(list);
  }

  /** The columns as a Spark schema, without the descriptions: what rows are built with. */
  public StructType schema() {
    return new StructType(list.stream().map(c -> new StructField(c.name(), c.type(), c.nullable(),
        org.apache.spark.sql.types.Metadata.empty())).toArray(StructField[]::new));
  }

  /** The column list of {@code CREATE TABLE}: names, types, {@code NOT NULL}, and each column's texts as its comment. */
  String ddl() {
    StructType commented = new StructType();
    for (Column c : list) {
      commented = commented.add(c.name(), c.type(), c.nullable(), c.text().comment());
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
    return mismatches(actual, false);
  }

  /**
   * The same; {@code working}: a MERGE's source, whose own working columns (named {@code _...}, read
   * by its conditions) are not mismatches.
   */
  List<String> mismatches(StructType actual, boolean working) {
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
    has.values().stream().filter(f -> !working || !f.name().startsWith("_"))
        .forEach(f -> out.add("extra " + f.name() + " " + f.dataType().catalogString()));
    return out;
  }
}
