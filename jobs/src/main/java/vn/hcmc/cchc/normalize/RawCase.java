package vn.hcmc.cchc.normalize;

import static vn.hcmc.cchc.pii.CaseFields.OWNER;
import static vn.hcmc.cchc.pii.CaseFields.OWNER_NAME;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * given"); where two keys name one field, the first wins.
 */
@Transform
final class RawCase {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> values;

  private RawCase(Map<String, String> values) {
    this.values = values;
  }

  String get(String field) {
    return values.get(field);
  }

  /** Reads bronze's {@code record} (either feed); {@code null} when it is not a JSON object. */
  static RawCase of(String record) {
    JsonNode node;
    try {
      node = JSON.readTree(record);
    } catch (IOException e) {
      return null;
    }
    if (node == null || !node.isObject()) {
      return null;
    }
    Map<String, String> values = new HashMap<>();
    node.fields().forEachRemaining(e -> {
      String field = CaseFields.field(e.getKey());
      JsonNode v = e.getValue();
      if (OWNER.equals(field) && v.isObject()) {
        v.fields().forEachRemaining(o -> put(values, CaseFields.field(o.getKey()), o.getValue()));
      } else if (OWNER.equals(field)) {
        put(values, OWNER_NAME, v);
      } else {
        put(values, field, v);
      }
    });
    return new RawCase(values);
  }

  private static void put(Map<String, String> values, String field, JsonNode v) {
    if (field == null || v == null || v.isNull() || v.isContainerNode()) {
      return;
    }
    String s = CaseFields.nfc(v.asText()).strip();
    if (!s.isEmpty()) {
      values.putIfAbsent(field, s);
    }
  }
}
