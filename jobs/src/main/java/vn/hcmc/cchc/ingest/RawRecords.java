package vn.hcmc.cchc.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import vn.hcmc.cchc.pii.Pseudonymizer;

/**
 * Turns the bytes of one case file into its records, every one of them, with personal data already
 * replaced by tokens. A record that parses is kept as a JSON object (feed A: the original object;
 * feed B: header to value, in file order); one that does not parse is kept as its text with every
 * personal value that can be located replaced, and a parse error.
 */
public final class RawRecords {
  /** One raw record, ready for bronze. {@code parseError} is {@code null} when it parsed. */
  public record Parsed(long lineNumber, String record, String parseError) {}

  static final String OWNER = "ChuHoSo";
  /** Feed B's personal columns, NFC. */
  static final Set<String> LEGACY_PERSONAL = Set.of("Họ tên", "Số định danh", "Số điện thoại");
  private static final Pattern JSON_PERSONAL =
      Pattern.compile("(\"(?:HoTen|SoDinhDanh|SoDienThoai)\"\\s*:\\s*\")((?:[^\"\\\\]|\\\\.)*)");
  /** Strict about duplicate keys: which of two values a dossier meant is not ours to guess. */
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private RawRecords() {}

  /** Decodes a whole file: UTF-8, a leading byte-order mark dropped ({@link #decode(byte[], boolean)}). */
  public static String decode(InputStream in) throws IOException {
    return decode(in.readAllBytes(), false);
  }

  /**
   * The text of a file's stored bytes, gunzipped when {@code gzip}: UTF-8 with or without a
   * byte-order mark, or UTF-16 when a byte-order mark says so.
   *
   * @throws UnreadableFileException when the bytes are no such text: an empty or truncated gzip
   *     stream, a NUL byte (UTF-16 without its mark), a byte sequence UTF-8 forbids (a
   *     Windows-1258 export, say)
   */
  public static String decode(byte[] stored, boolean gzip) {
    byte[] b = gzip ? gunzip(stored) : stored;
    if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
      return new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
    }
    if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
      return new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE);
    }
    int bom = b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF ? 3 : 0;
    for (int i = bom; i < b.length; i++) {
      if (b[i] == 0) {
        throw new UnreadableFileException("NUL byte at byte " + i + " (UTF-16 without a byte-order mark?);"
            + " the feeds are UTF-8");
      }
    }
    // one pass: the decoder stops at the first bad sequence and says where (UTF-8 never needs more
    // chars than bytes, so the buffer cannot overflow)
    ByteBuffer in = ByteBuffer.wrap(b, bom, b.length - bom);
    CharBuffer out = CharBuffer.allocate(b.length - bom);
    CoderResult r = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in, out, true);
    if (r.isError()) {
      throw new UnreadableFileException("not UTF-8: invalid byte sequence at byte " + in.position()
          + " (another code page, e.g. Windows-1258?); the feeds are UTF-8");
    }
    return out.flip().toString();
  }

  private static byte[] gunzip(byte[] stored) {
    if (stored.length == 0) {
      throw new UnreadableFileException("empty .gz file (0 bytes): not a gzip stream");
    }
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(stored), 1 << 16)) {
      return in.readAllBytes();
    } catch (java.io.EOFException e) {
      throw new UnreadableFileException("truncated gzip stream (" + stored.length + " bytes stored, ends early)");
    } catch (IOException e) {
      throw new UnreadableFileException("not a valid gzip stream (" + e.getMessage() + ")");
    }
  }

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
        pseudonymiseOwner(obj, pii);
        return new Parsed(lineNumber, JSON.writeValueAsString(obj), null);
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

  private static void pseudonymiseOwner(ObjectNode obj, Pseudonymizer pii) {
    JsonNode owner = obj.get(OWNER);
    if (owner == null || owner.isNull()) {
      return;
    }
    if (owner instanceof ObjectNode o) {
      Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
      List<String> names = new ArrayList<>();
      fields.forEachRemaining(e -> names.add(e.getKey()));
      for (String name : names) {
        JsonNode v = o.get(name);
        if (v.isValueNode() && !v.isNull()) {
          o.put(name, pii.token(v.asText()));
        } else if (!v.isNull()) {
          o.put(name, pii.token(v.toString()));
        }
      }
    } else {
      obj.put(OWNER, pii.token(owner.toString()));
    }
  }

  /** For text that is not valid JSON: personal values found by their keys, then long numbers. */
  static String scrubJsonText(String line, Pseudonymizer pii) {
    Matcher m = JSON_PERSONAL.matcher(line);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + pii.token(m.group(2))));
    }
    m.appendTail(sb);
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
    if (header.fields() != null) {
      for (String h : header.fields()) {
        headers.add(Normalizer.normalize(h.strip(), Normalizer.Form.NFC));
      }
    }
    for (int r = 1; r < records.size(); r++) {
      DelimitedText.Record rec = records.get(r);
      out.add(legacyRecord(rec, headers, pii));
    }
    if (header.fields() == null) {
      out.add(0, new Parsed(header.lineNumber(), pii.scrubNumbers(header.text()), "malformed header: " + header.error()));
    }
    return out;
  }

  private static Parsed legacyRecord(DelimitedText.Record rec, List<String> headers, Pseudonymizer pii) {
    if (rec.malformed() || headers.isEmpty()) {
      String why = rec.malformed() ? rec.error() : "the file has no readable header";
      return new Parsed(rec.lineNumber(), scrubDelimited(rec.text(), headers, pii), "invalid CSV: " + why);
    }
    List<String> fields = rec.fields();
    if (fields.size() != headers.size()) {
      ArrayNode arr = JSON.createArrayNode();
      for (int i = 0; i < fields.size(); i++) {
        boolean personal = i < headers.size() && LEGACY_PERSONAL.contains(headers.get(i));
        arr.add(personal ? pii.token(fields.get(i)) : pii.scrubNumbers(fields.get(i)));
      }
      return new Parsed(rec.lineNumber(), arr.toString(),
          "invalid CSV: " + fields.size() + " fields where the header has " + headers.size());
    }
    ObjectNode obj = JSON.createObjectNode();
    for (int i = 0; i < headers.size(); i++) {
      String value = fields.get(i);
      obj.put(headers.get(i), LEGACY_PERSONAL.contains(headers.get(i)) ? pii.token(value) : value);
    }
    return new Parsed(rec.lineNumber(), obj.toString(), null);
  }

  /** Best effort on a broken CSV record: split naively, replace the personal columns and numbers. */
  private static String scrubDelimited(String text, List<String> headers, Pseudonymizer pii) {
    String[] parts = text.split(";", -1);
    for (int i = 0; i < parts.length; i++) {
      boolean personal = i < headers.size() && LEGACY_PERSONAL.contains(headers.get(i));
      parts[i] = personal ? pii.token(parts[i]) : parts[i];
    }
    return pii.scrubNumbers(String.join(";", parts));
  }
}
