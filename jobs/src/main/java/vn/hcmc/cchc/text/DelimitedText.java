package vn.hcmc.cchc.text;

import java.util.ArrayList;
import java.util.List;
import vn.hcmc.cchc.tables.Transform;

/**
 * Splits delimited text (the legacy feed's {@code ;} files, the reference snapshots' {@code ,}
 * files) into records, RFC 4180 style: {@code "} quotes a value that holds the delimiter, a quote
 * ({@code ""}) or a line break. A quote left open is not allowed to swallow the rest of the file:
 * when a record would span more than {@link #MAX_RECORD_LINES} lines or reach the end of the file
 * open, only its first line is returned, as malformed, and reading resumes on the next line.
 */
@Transform
public final class DelimitedText {
  public static final int MAX_RECORD_LINES = 50;

  /** One record: the 1-based line it starts on, its raw text, its fields ({@code null} if malformed). */
  public record Record(long lineNumber, String text, List<String> fields, String error) {
    public boolean malformed() {
      return error != null;
    }
  }

  private DelimitedText() {}

  /** Records of {@code text}; blank lines are not records. */
  public static List<Record> records(String text, char delimiter) {
    List<String> lines = lines(text);
    List<Record> out = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      if (lines.get(i).isBlank()) {
        i++;
        continue;
      }
      int end = i;
      StringBuilder sb = new StringBuilder(lines.get(i));
      while (!quotesBalanced(sb) && end + 1 < lines.size() && end - i + 1 < MAX_RECORD_LINES) {
        end++;
        sb.append('\n').append(lines.get(end));
      }
      if (quotesBalanced(sb)) {
        String recordText = sb.toString();
        List<String> fields = split(recordText, delimiter);
        out.add(fields == null
            ? new Record(i + 1, recordText, null, "unbalanced quotes")
            : new Record(i + 1, recordText, fields, null));
        i = end + 1;
      } else {
        out.add(new Record(i + 1, lines.get(i), null, "a quoted value is never closed"));
        i++;
      }
    }
    return out;
  }

  /**
   * Fields of one record, or {@code null} when its quoting is broken (text after a closing quote,
   * a quote inside an unquoted value, a quote never closed). Spaces around a quoted value are
   * dropped; spaces in an unquoted value are kept (the normalizer trims).
   */
  static List<String> split(String record, char delimiter) {
    List<String> fields = new ArrayList<>();
    int n = record.length();
    int i = 0;
    while (true) {
      int j = i;
      while (j < n && record.charAt(j) == ' ') {
        j++;
      }
      StringBuilder value = new StringBuilder();
      if (j < n && record.charAt(j) == '"') {
        j++;
        while (true) {
          if (j >= n) {
            return null;
          }
          char q = record.charAt(j++);
          if (q != '"') {
            value.append(q);
          } else if (j < n && record.charAt(j) == '"') {
            value.append('"');
            j++;
          } else {
            break;
          }
        }
        while (j < n && record.charAt(j) == ' ') {
          j++;
        }
        if (j < n && record.charAt(j) != delimiter) {
          return null;
        }
      } else {
        j = i;
        while (j < n && record.charAt(j) != delimiter) {
          if (record.charAt(j) == '"') {
            return null;
          }
          value.append(record.charAt(j++));
        }
      }
      fields.add(value.toString());
      if (j >= n) {
        return fields;
      }
      i = j + 1; // past the delimiter
    }
  }

  private static boolean quotesBalanced(CharSequence s) {
    int quotes = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '"') {
        quotes++;
      }
    }
    return quotes % 2 == 0;
  }

  /** Lines split on LF, CRLF or CR, without their terminators. */
  public static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        lines.add(text.substring(start, i));
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    if (start < n) {
      lines.add(text.substring(start));
    }
    return lines;
  }
}
