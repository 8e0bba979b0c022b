package vn.hcmc.cchc.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of docs/TABLES.md and docs/MARTS.md generated from the {@link Dictionary}: for each
 * table, between the markers {@code <!-- dictionary:layer.table ... -->} and {@code <!--
 * /dictionary:layer.table -->}, what it holds and its grain, then every column with its type and
 * its English and Vietnamese descriptions. The prose around the markers is hand-written.
 */
public final class DictionaryDocs {
  private static final Pattern BLOCK = Pattern.compile(
      "<!-- dictionary:([a-z_]+\\.[a-z_]+)[^>]*-->.*?<!-- /dictionary:\\1 -->", Pattern.DOTALL);

  /** What opens a block's line that names the table's grain. */
  static final String KEY = "Key (one row per): ";

  /** What opens the list of a table's CHECK constraints. */
  static final String CHECKS = "Delta `CHECK` constraints (every writer's commit is refused by Delta if one row breaks one):";

  private DictionaryDocs() {}

  /** The generated block of {@code t}, markers included. */
  public static String block(Table t) {
    StringBuilder b = new StringBuilder();
    b.append("<!-- dictionary:").append(t.sqlName())
        .append(" generated from the data dictionary (jobs/src/main/resources/vn/hcmc/cchc/tables/dictionary.conf):"
            + " do not edit -->\n");
    b.append(cell(t.text().en())).append("  \n*").append(cell(t.text().vi())).append("*\n\n");
    b.append(KEY).append(String.join(", ", t.grain().stream().map(c -> "`" + c + "`").toList())).append(".\n\n");
    b.append("| column | type | meaning | ý nghĩa |\n|---|---|---|---|\n");
    for (Columns.Column c : t.columns().list()) {
      b.append("| `").append(c.name()).append("` | ").append(c.type().simpleString())
          .append(c.nullable() ? "" : " not null").append(" | ").append(cell(c.text().en())).append(" | ")
          .append(cell(c.text().vi())).append(" |\n");
    }
    if (!t.checks().isEmpty()) {
      b.append("\n").append(CHECKS).append("\n\n");
      t.checks().forEach((name, check) -> b.append("- `").append(name).append("`: `").append(check).append("`\n"));
    }
    return b.append("<!-- /dictionary:").append(t.sqlName()).append(" -->").toString();
  }

  /** {@code doc} with every generated block replaced by the dictionary's current one. */
  public static String refresh(String doc) {
    Matcher m = BLOCK.matcher(doc);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(block(table(m.group(1)))));
    }
    return m.appendTail(out).toString();
  }

  /** The tables {@code doc} has a generated block for, in order. */
  public static List<String> tablesIn(String doc) {
    List<String> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(doc);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static Table table(String sqlName) {
    for (Table t : Table.values()) {
      if (t.sqlName().equals(sqlName)) {
        return t;
      }
    }
    throw new IllegalArgumentException("a generated block names no table: " + sqlName);
  }

  /** Text in a Markdown table cell: a pipe escaped. */
  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
