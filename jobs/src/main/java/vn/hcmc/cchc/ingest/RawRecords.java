package vn.hcmc.cchc.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
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

  static Parsed jsonLine(long lineNumber, String line, Pseudonymizer pii) {
    try {
      JsonNode node = JSON.readTree(line);
      if (node instanceof ObjectNode obj) {
        return new Parsed(lineNumber, JSON.writeValueAsString(masked(obj, pii, false)), null);
      }
      return new Parsed(lineNumber, scrubJsonText(line, pii), "not a JSON object");
    } catch (JsonProcessingException e) {
      // Jackson's message quotes the offending text, which may be personal data: keep the position only
      long column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
      boolean duplicate = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field");
      return new Parsed(lineNumber, scrubJsonText(line, pii),
          (duplicate ? "duplicate key near column " : "invalid JSON near column ") + column);
    }
  }

  /**
   * A feed A object with every value that may not stay in clear replaced by its token: all of the
   * applicant ({@code personal}, or under {@code ChuHoSo}), and any value {@link CaseFields#inClear}
   * refuses. Keys that name no field and are not plain identifiers are tokenised too.
   */
  private static ObjectNode masked(ObjectNode obj, Pseudonymizer pii, boolean personal) {
    ObjectNode out = JSON.createObjectNode();
    obj.fields().forEachRemaining(e -> {
      String field = personal ? null : CaseFields.field(e.getKey());
      JsonNode v = e.getValue();
      JsonNode kept;
      if (v.isNull() || v.isBoolean() && !personal && !CaseFields.personal(field)) {
        kept = v;
      } else if (CaseFields.OWNER.equals(field) && v instanceof ObjectNode owner) {
        kept = masked(owner, pii, true);
      } else {
        String text = v.isValueNode() ? v.asText() : v.toString();
        kept = v.isValueNode() && !personal && CaseFields.inClear(field, text) ? v : TextNode.valueOf(pii.token(text));
      }
      out.set(key(e.getKey(), field, out::has, pii), kept);
    });
    return out;
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
