package vn.hcmc.cchc.tables;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The data dictionary, {@code dictionary.conf} beside this class (HOCON): every table and every
 * column described in English and Vietnamese, with each table's grain, the columns that identify
 * one of its rows. The one place these texts are kept: the Delta comments ({@link DeltaWriter}),
 * PostgreSQL's {@code COMMENT ON} ({@code publish}) and the generated parts of docs/TABLES.md and
 * docs/MARTS.md ({@code scripts/dictionary-docs}) all come from it. {@link Table} takes the names
 * and types from the code; a column the dictionary does not describe has empty texts, which a
 * test refuses.
 */
public final class Dictionary {
  /**
   * A text in English and in Vietnamese, and for a published column its short Vietnamese label (the
   * column's name in the labelled views of {@code publish}; empty where none).
   */
  public record Text(String en, String vi, String label) {
    static final Text NONE = new Text("", "", "");

    /** Both languages in one line, English first: what a column or table comment holds. */
    public String comment() {
      return vi.isBlank() ? en : en + " | " + vi;
    }
  }

  /**
   * One table's entry: its own text, its grain, its columns' texts by name, and for a published table
   * the name of its view with Vietnamese column labels (empty where none).
   */
  public record Entry(Text text, List<String> grain, Map<String, Text> columns, String view) {
    static final Entry NONE = new Entry(Text.NONE, List.of(), Map.of(), "");

    /** The text of {@code column}; empty texts when the dictionary does not describe it. */
    public Text column(String column) {
      return columns.getOrDefault(column, Text.NONE);
    }
  }

  private static final Config CONF = ConfigFactory.parseResources(Dictionary.class, "dictionary.conf");

  private Dictionary() {}

  /** The entry of {@code layer.table}; an empty one when the dictionary has none. */
  static Entry entry(String layer, String table) {
    if (!CONF.hasPath(layer) || !CONF.getObject(layer).containsKey(table)) {
      return Entry.NONE;
    }
    Config t = CONF.getConfig(layer).getConfig(table);
    Map<String, Text> columns = new HashMap<>();
    if (t.hasPath("columns")) {
      Config cols = t.getConfig("columns");
      for (String name : t.getObject("columns").keySet()) {
        columns.put(name, text(cols.getConfig(quoted(name))));
      }
    }
    return new Entry(text(t), t.hasPath("grain") ? List.copyOf(t.getStringList("grain")) : List.of(), columns,
        string(t, "view"));
  }

  /** The names of every table the dictionary describes, {@code layer.table}. */
  public static List<String> tables() {
    return CONF.root().keySet().stream().sorted()
        .flatMap(layer -> CONF.getObject(layer).keySet().stream().sorted().map(t -> layer + "." + t)).toList();
  }

  private static Text text(Config c) {
    return new Text(string(c, "en"), string(c, "vi"), string(c, "label"));
  }

  private static String string(Config c, String key) {
    return c.hasPath(key) ? c.getString(key) : "";
  }

  /** A key as a one-element HOCON path (a column name is a plain word, but quoting costs nothing). */
  private static String quoted(String key) {
    return com.typesafe.config.ConfigUtil.quoteString(key);
  }
}
