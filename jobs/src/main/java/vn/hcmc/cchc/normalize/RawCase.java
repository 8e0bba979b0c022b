package vn.hcmc.cchc.normalize;

import static vn.hcmc.cchc.pii.CaseFields.OWNER;
import static vn.hcmc.cchc.pii.CaseFields.OWNER_NAME;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import vn.hcmc.cchc.pii.CaseFields;
import vn.hcmc.cchc.tables.Transform;

/**
 * A bronze record's values by feed A's field names, as text, whichever feed it came from. Keys and
 * feed B's Vietnamese headers are matched as {@link CaseFields#field} matches them (any letter case,
 * spacing, NFC or NFD), the same way ingest matched them when it chose what to pseudonymise; a key
 * that names no field is ignored. A missing key and an empty value are both {@code null} here ("not
 * given"); where two keys name one field, the first wins. The record is read as a stream of tokens
 * (no tree is built): values are read as a tree would give them as text (an integer's digits, a
 * fraction as a double, {@code true} / {@code false}), containers other than the applicant ignored.
 */
@Transform
final class RawCase {
  private static final JsonFactory JSON = new JsonFactory();

  private final Map<String, String> values;

  private RawCase(Map<String, String> values) {
    this.values = values;
  }

  String get(String field) {
    return values.get(field);
  }

  /** Reads bronze's {@code record} (either feed); {@code null} when it is not a JSON object. */
  static RawCase of(String record) {
    try {
      return read(JSON.createParser(record));
    } catch (IOException e) {
      return null;
    }
  }

  /** The same from the record's UTF-8 bytes. */
  static RawCase of(byte[] record) {
    try {
      return read(JSON.createParser(record));
    } catch (IOException e) {
      return null;
    }
  }

  private static RawCase read(JsonParser parser) {
    Map<String, String> values = new HashMap<>(64);
    try (JsonParser p = parser) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = CaseFields.field(p.currentName());
        JsonToken v = p.nextToken();
        if (OWNER.equals(field) && v == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = CaseFields.field(p.currentName());
            put(values, f, p, p.nextToken());
          }
        } else {
          put(values, OWNER.equals(field) ? OWNER_NAME : field, p, v);
        }
      }
    } catch (IOException e) {
      return null;
    }
    return new RawCase(values);
  }

  private static void put(Map<String, String> values, String field, JsonParser p, JsonToken v) throws IOException {
    if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
      p.skipChildren();
      return;
    }
    if (field == null || v == JsonToken.VALUE_NULL || values.containsKey(field)) {
      return;
    }
    String text = v == JsonToken.VALUE_NUMBER_FLOAT ? String.valueOf(p.getDoubleValue()) : p.getText();
    String s = CaseFields.nfc(text).strip();
    if (!s.isEmpty()) {
      values.put(field, s);
    }
  }
}
