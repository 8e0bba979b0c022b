package vn.hcmc.cchc.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.hcmc.cchc.pii.CaseFields;
import vn.hcmc.cchc.pii.Pseudonymizer;
import vn.hcmc.cchc.tables.Transform;
import vn.hcmc.cchc.text.DelimitedText;

/**
 * Turns the bytes of one case file into its records, every one of them, with personal data already
 * replaced by tokens. A record that parses is kept as a JSON object (feed A: the original object;
 * feed B: header to value, in file order); one that does not parse is kept as its text, masked the
 * same way as far as it can be read, and a parse error.
 *
 * <p>Privacy fails closed, whatever the shape of the file: a value stays in clear only when {@link
 * CaseFields#inClear} says its field is known, not personal, and the value has that field's shape;
 * everything else (the applicant, a column no header names, a phone in the rating column, a name in
 * a yes/no column) becomes its token, and so does a key or header that is not a plain identifier
 * naming no field (a legacy file without its header row has data for headers).
 */
@Transform
public final class RawRecords {
  /** One raw record, ready for bronze. {@code parseError} is {@code null} when it parsed. */
  public record Parsed(long lineNumber, String record, String parseError) {}

  /** A JSON string literal, maybe cut short by the end of a broken line (possessive: a 10 MB value is one step). */
  private static final Pattern JSON_STRING = Pattern.compile("\"((?:[^\"\\\\]++|\\\\.)*+)(\"?)");
  /** A bare word in broken JSON: anything with a letter but {@code true}, {@code false}, {@code null}. */
  private static final Pattern BARE_WORD = Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M}0-9_]*");
  /** Strict about duplicate keys: which of two values a dossier meant is not ours to guess. */
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private RawRecords() {}

  public static List<Parsed> parse(Feed feed, String text, Pseudonymizer pii) {
    return switch (feed) {
      case DVC -> jsonLines(text, pii);
      case LEGACY -> legacyCsv(text, pii);
      default -> throw new IllegalArgumentException("not a case feed: " + feed);
    };
  }

  static List<Parsed> jsonLines(String text, Pseudonymizer pii) {
    List<Parsed> out = new ArrayList<>();
    List<String> lines = DelimitedText.lines(text);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      out.add(jsonLine(i + 1, line, pii));
    }
    return out;
  }

  /**
   * One feed A line. A JSON object is kept as it came, with every value (and key) that may not stay
   * in clear replaced in place by its token ({@link Masker}): the record is read as a stream of
   * tokens, never built into a tree and written back out. Text after the object is dropped.
   */
  static Parsed jsonLine(long lineNumber, String line, Pseudonymizer pii) {
    try (JsonParser p = JSON.createParser(line)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        p.skipChildren(); // an array must still be valid JSON to be "not an object"
        return new Parsed(lineNumber, scrubJsonText(line, pii), "not a JSON object");
      }
      return new Parsed(lineNumber, new Masker(line, p, pii).root(), null);
    } catch (JsonProcessingException e) {
      // Jackson's message quotes the offending text, which may be personal data: keep the position only
      long column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
      boolean duplicate = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field");
      return new Parsed(lineNumber, scrubJsonText(line, pii),
          (duplicate ? "duplicate key near column " : "invalid JSON near column ") + column);
    } catch (IOException e) {
      throw new UncheckedIOException("reading a string cannot fail", e);
    }
  }

  /**
   * Copies one JSON object line, replacing in place what may not stay in clear: all of the
   * applicant (under {@code ChuHoSo}, or {@code personal}), any value {@link CaseFields#inClear}
   * refuses (a container: the token of its compact JSON), and any key that names no field and is
   * not a plain identifier (its token, made unique in its object).
   */
  private static final class Masker {
    private final String line;
    private final JsonParser p;
    private final Pseudonymizer pii;
    private final StringBuilder out;
    private int copied;

    Masker(String line, JsonParser p, Pseudonymizer pii) {
      this.line = line;
      this.p = p;
      this.pii = pii;
      this.out = new StringBuilder(line.length() + 160);
      this.copied = start();
    }

    /** The root object, the parser's current token being its {@code START_OBJECT}. */
    String root() throws IOException {
      object(false);
      out.append(line, copied, start() + 1); // up to the root's closing brace
      return out.toString();
    }

    private void object(boolean personal) throws IOException {
      List<String> keys = new ArrayList<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        String field = personal ? null : CaseFields.field(name);
        int keyAt = start();
        if (field != null || personal && CaseFields.field(name) != null || CaseFields.plainKey(name)) {
          keys.add(name);
        } else {
          String token = pii.token(name);
          String k = token;
          for (int n = 2; keys.contains(k); n++) {
            k = token + "#" + n;
          }
          keys.add(k);
          replace(keyAt, endOfString(keyAt), quoted(k));
        }
        value(p.nextToken(), field, personal);
      }
    }

    private void value(JsonToken v, String field, boolean personal) throws IOException {
      int at = start();
      switch (v) {
        case VALUE_NULL -> { }
        case VALUE_TRUE, VALUE_FALSE -> {
          if (personal || CaseFields.personal(field)) {
            replace(at, at + p.getTextLength(), quoted(pii.token(p.getText())));
          }
        }
        case VALUE_STRING -> {
          String text = p.getText();
          if (personal || !CaseFields.inClear(field, text)) {
            replace(at, endOfString(at), quoted(pii.token(text)));
          }
        }
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
          int length = p.getTextLength();
          // as a tree reads it: an integer's digits, a fraction as a double
          String text = v == JsonToken.VALUE_NUMBER_INT ? p.getText() : String.valueOf(p.getDoubleValue());
          if (personal || !CaseFields.inClear(field, text)) {
            replace(at, at + length, quoted(pii.token(text)));
          }
        }
        case START_OBJECT, START_ARRAY -> {
          if (v == JsonToken.START_OBJECT && CaseFields.OWNER.equals(field)) {
            object(true);
          } else {
            JsonNode tree = JSON.readTree(p); // consumes the container, up to its closing token
            replace(at, start() + 1, quoted(pii.token(tree.toString())));
          }
        }
        default -> throw new IllegalStateException("unexpected JSON token " + v);
      }
    }

    /** Where the current token starts in the line. */
    private int start() {
      return (int) p.currentTokenLocation().getCharOffset();
    }

    /** Just after the closing quote of the string literal that starts at {@code at}. */
    private int endOfString(int at) {
      for (int i = at + 1; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          return i + 1;
        }
      }
      return line.length();
    }

    private void replace(int from, int to, String text) {
      out.append(line, copied, from).append(text);
      copied = to;
    }

    private static String quoted(String token) {
      return '"' + token + '"'; // h: and hex, maybe #n: nothing to escape
    }
  }

  /** A key as stored: kept when it names a field or is a plain identifier, else its token (made unique). */
  private static String key(String name, String field, java.util.function.Predicate<String> taken, Pseudonymizer pii) {
    if (field != null || CaseFields.field(name) != null || CaseFields.plainKey(name)) {
      return name;
    }
    String token = pii.token(name);
    String k = token;
    for (int n = 2; taken.test(k); n++) {
      k = token + "#" + n;
    }
    return k;
  }

  /**
   * For text that is not valid JSON, masked as {@link #masked} would mask it as far as it can be
   * read: a string followed by {@code :} is a key; a string after a key is that key's value; any
   * other string, any bare word, any long number outside strings is masked.
   */
  static String scrubJsonText(String line, Pseudonymizer pii) {
    Matcher m = JSON_STRING.matcher(line);
    StringBuilder sb = new StringBuilder();
    int at = 0;
    String field = null;
    boolean afterKey = false;
    while (m.find()) {
      String between = line.substring(at, m.start());
      if (afterKey && !between.strip().startsWith(":")) {
        afterKey = false;
      }
      sb.append(scrubBare(between, pii));
      String content = m.group(1);
      boolean isKey = line.substring(m.end()).stripLeading().startsWith(":");
      String kept;
      if (isKey) {
        field = CaseFields.field(content);
        kept = field != null || CaseFields.plainKey(content) ? content : pii.token(content);
        afterKey = true;
      } else {
        kept = afterKey && !CaseFields.personal(field) && CaseFields.inClear(field, content) ? content
            : pii.token(content);
        afterKey = false;
      }
      sb.append('"').append(kept).append(m.group(2));
      at = m.end();
    }
    sb.append(scrubBare(line.substring(at), pii));
    return sb.toString();
  }

  /** Text outside strings of broken JSON: bare words and numbers long enough to be personal masked. */
  private static String scrubBare(String text, Pseudonymizer pii) {
    Matcher w = BARE_WORD.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (w.find()) {
      String word = w.group();
      boolean literal = word.equals("true") || word.equals("false") || word.equals("null");
      w.appendReplacement(sb, Matcher.quoteReplacement(literal ? word : pii.token(word)));
    }
    w.appendTail(sb);
    return pii.scrubNumbers(sb.toString());
  }

  static List<Parsed> legacyCsv(String text, Pseudonymizer pii) {
    List<DelimitedText.Record> records = DelimitedText.records(text, ';');
    List<Parsed> out = new ArrayList<>();
    if (records.isEmpty()) {
      return out;
    }
    DelimitedText.Record header = records.get(0);
    List<String> headers = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    if (header.fields() != null) {
      for (String h : header.fields()) {
        String name = Normalizer.normalize(h.strip(), Normalizer.Form.NFC);
        headers.add(name);
        fields.add(CaseFields.field(name));
      }
    }
    for (int r = 1; r < records.size(); r++) {
      DelimitedText.Record rec = records.get(r);
      out.add(legacyRecord(rec, headers, fields, pii));
    }
    if (header.fields() == null) {
      out.add(0, new Parsed(header.lineNumber(), scrubDelimited(header.text(), List.of(), pii), "malformed header: "
          + header.error()));
    }
    return out;
  }

  private static Parsed legacyRecord(DelimitedText.Record rec, List<String> headers, List<String> fields,
      Pseudonymizer pii) {
    if (rec.malformed() || headers.isEmpty()) {
      String why = rec.malformed() ? rec.error() : "the file has no readable header";
      return new Parsed(rec.lineNumber(), scrubDelimited(rec.text(), fields, pii), "invalid CSV: " + why);
    }
    List<String> values = rec.fields();
    if (values.size() != headers.size()) {
      ArrayNode arr = JSON.createArrayNode();
      for (int i = 0; i < values.size(); i++) {
        arr.add(cell(i < fields.size() ? fields.get(i) : null, values.get(i), pii));
      }
      return new Parsed(rec.lineNumber(), arr.toString(),
          "invalid CSV: " + values.size() + " fields where the header has " + headers.size());
    }
    ObjectNode obj = JSON.createObjectNode();
    for (int i = 0; i < headers.size(); i++) {
      obj.put(key(headers.get(i), fields.get(i), obj::has, pii), cell(fields.get(i), values.get(i), pii));
    }
    return new Parsed(rec.lineNumber(), obj.toString(), null);
  }

  /** A feed B value as stored: in clear when its column allows it, else its token. */
  private static String cell(String field, String value, Pseudonymizer pii) {
    return CaseFields.inClear(field, value) ? value : pii.token(value);
  }

  /** Best effort on a broken CSV record: split naively, each part masked as its column's value would be. */
  private static String scrubDelimited(String text, List<String> fields, Pseudonymizer pii) {
    String[] parts = text.split(";", -1);
    for (int i = 0; i < parts.length; i++) {
      String field = i < fields.size() ? fields.get(i) : null;
      // a header row: the names of fields are not data
      parts[i] = fields.isEmpty() && CaseFields.field(parts[i]) != null ? parts[i] : cell(field, parts[i], pii);
    }
    return String.join(";", parts);
  }
}
