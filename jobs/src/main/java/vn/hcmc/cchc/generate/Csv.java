package vn.hcmc.cchc.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Minimal RFC 4180 reading and writing for the small reference files (no dependency needed). */
final class Csv {
  private Csv() {}

  /** Rows of a comma-separated file with a header, as maps from column name to value. */
  static List<Map<String, String>> readWithHeader(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read reference file " + file, e);
    }
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    List<List<String>> rows = parse(text, ',');
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("empty reference file " + file);
    }
    List<String> header = rows.get(0);
    List<Map<String, String>> out = new ArrayList<>();
    for (int i = 1; i < rows.size(); i++) {
      List<String> row = rows.get(i);
      if (row.size() == 1 && row.get(0).isBlank()) {
        continue;
      }
      Map<String, String> m = new HashMap<>();
      for (int c = 0; c < header.size(); c++) {
        m.put(header.get(c).trim(), c < row.size() ? row.get(c) : "");
      }
      out.add(m);
    }
    return out;
  }

  static List<List<String>> parse(String text, char sep) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
        any = true;
      } else if (ch == sep) {
        row.add(field.toString());
        field.setLength(0);
        any = true;
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        if (any || field.length() > 0) {
          row.add(field.toString());
          rows.add(row);
        }
        row = new ArrayList<>();
        field.setLength(0);
        any = false;
      } else {
        field.append(ch);
        any = true;
      }
    }
    if (any || field.length() > 0) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }

  /** Whether a value must be quoted: it holds the separator, a quote or a line break. */
  static boolean needsQuotes(String value, char sep) {
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      if (ch == sep || ch == '"' || ch == '\n' || ch == '\r') {
        return true;
      }
    }
    return false;
  }

  /** Appends a value, quoted when it holds the separator, a quote or a line break. */
  static void appendField(StringBuilder sb, String value, char sep) {
    if (!needsQuotes(value, sep)) {
      sb.append(value);
      return;
    }
    sb.append('"');
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      if (ch == '"') {
        sb.append('"');
      }
      sb.append(ch);
    }
    sb.append('"');
  }
}
