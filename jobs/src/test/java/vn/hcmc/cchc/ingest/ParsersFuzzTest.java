package vn.hcmc.cchc.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import vn.hcmc.cchc.pii.CaseFields;
import vn.hcmc.cchc.pii.Pseudonymizer;
import vn.hcmc.cchc.quality.Reason;
import vn.hcmc.cchc.support.FuzzedRecords;
import vn.hcmc.cchc.support.Leaks;
import vn.hcmc.cchc.text.DelimitedText;

/**
 * The feed parsers of ingest under a coverage-guided fuzzer (Jazzer): feed A's JSON lines and
 * feed B's CSV ({@link RawRecords}), feeds C and D ({@link SideFeedParser}). For every input:
 * nothing escapes but an outcome; every record gives exactly one outcome (a record, or a
 * quarantine reason of WAREHOUSE.md); no error quotes the input; and no applicant's value is
 * stored in clear. Without {@code JAZZER_FUZZ} each target runs its seeds ({@code
 * ParsersFuzzTestInputs/}); docs/RELIABILITY.md, "Fuzzed parsers", says how to fuzz for longer.
 */
class ParsersFuzzTest {
  private static final Pseudonymizer PII = new Pseudonymizer("fuzz-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TOKEN = Pattern.compile("h:[0-9a-f]{64}(#[0-9]+)?");
  /** A blank header is its own token (nothing to hide), made unique as tokens are. */
  private static final Pattern BLANK_KEY = Pattern.compile("\\s*(#[0-9]+)?");
  /** Every error a feed A line can get: fixed words and a column, never the line's text. */
  private static final Pattern JSON_ERROR = Pattern.compile("not a JSON object|(invalid JSON|duplicate key) near column -?[0-9]+");
  /** The same for a feed B record. */
  private static final Pattern CSV_ERROR = Pattern.compile("invalid CSV: (unbalanced quotes|a quoted value is never closed"
      + "|the file has no readable header|[0-9]+ fields where the header has [0-9]+)"
      + "|malformed header: (unbalanced quotes|a quoted value is never closed)");

  /**
   * Feed A: a file of one to three lines, each a fuzzed dossier, the same cut short, or the
   * fuzzer's raw text. One outcome per non-blank line, on its line number.
   */
  @FuzzTest(maxDuration = "10s")
  void feedALines(FuzzedDataProvider data) {
    List<String> lines = new ArrayList<>();
    List<FuzzedRecords.Built> dossiers = new ArrayList<>();
    for (int n = data.consumeInt(1, 3); n > 0; n--) {
      switch (data.consumeInt(0, 2)) {
        case 0 -> lines.add(data.consumeString(200));
        case 1 -> {
          FuzzedRecords.Built d = FuzzedRecords.feedA(data);
          String line = d.text();
          lines.add(line.substring(0, data.consumeInt(0, line.length())));
          dossiers.add(new FuzzedRecords.Built(lines.get(lines.size() - 1), d.personal(), d.withoutPersonal()));
        }
        default -> {
          FuzzedRecords.Built d = FuzzedRecords.feedA(data);
          lines.add(d.text());
          dossiers.add(d);
        }
      }
    }
    String text = String.join(data.pickValue(List.of("\n", "\r\n", "\r")), lines);

    List<RawRecords.Parsed> out = RawRecords.parse(Feed.DVC, text, PII);

    assertThat(out).extracting(RawRecords.Parsed::lineNumber).containsExactlyElementsOf(nonBlankLines(text));
    for (RawRecords.Parsed p : out) {
      assertThat(p.record()).isNotNull();
      if (p.parseError() == null) {
        assertOnlyClearValuesInClear(p.record());
      } else {
        assertThat(p.parseError()).matches(JSON_ERROR);
      }
    }
    for (FuzzedRecords.Built d : dossiers) {
      String record = out.stream().filter(p -> d.text().equals(lineOf(text, p.lineNumber()))).findFirst()
          .map(RawRecords.Parsed::record).orElse("");
      assertNoPersonalValue(d, record);
    }
  }

  /** Feed B: a fuzzed file (header and one to three records), or the fuzzer's raw text. */
  @FuzzTest(maxDuration = "10s")
  void feedBFile(FuzzedDataProvider data) {
    FuzzedRecords.Built file = data.consumeBoolean() ? FuzzedRecords.feedB(data)
        : new FuzzedRecords.Built(data.consumeRemainingAsString(), List.of(), "");
    String text = file.text();

    List<RawRecords.Parsed> out = RawRecords.parse(Feed.LEGACY, text, PII);

    List<DelimitedText.Record> records = DelimitedText.records(text, ';');
    boolean headerRead = !records.isEmpty() && !records.get(0).malformed();
    assertThat(out).extracting(RawRecords.Parsed::lineNumber).containsExactlyElementsOf(
        records.stream().skip(headerRead ? 1 : 0).map(DelimitedText.Record::lineNumber).toList());
    for (RawRecords.Parsed p : out) {
      assertThat(p.record()).isNotNull();
      if (p.parseError() == null) {
        assertOnlyClearValuesInClear(p.record());
        assertNoPersonalValue(file, p.record());
      } else {
        // a broken record is masked as far as it can be split; privacy there is best effort (RawRecords)
        assertThat(p.parseError()).matches(CSV_ERROR);
      }
    }
  }

  /** Feed C: a month's work file, its header right or not, records fuzzed field by field or raw. */
  @FuzzTest(maxDuration = "10s")
  void workFile(FuzzedDataProvider data) {
    String text = sideFeed(data, SideFeedParser.WORK_HEADER,
        List.of(List.of("000.01.00.H29", "000.00.760.H29", "26734.760.H29", "26737.760.H29"), List.of("100", "0"),
            List.of("90", "0"), List.of("10", "0")));
    SideFeedParser.Parsed p = SideFeedParser.work(
        List.of(SideFeedParserTest.source("/raw/work/2021/03.csv", Feed.WORK, SideFeedParserTest.MAR_1, text)),
        SideFeedParserTest.agencies());

    assertSideFeedOutcomes(text, SideFeedParser.WORK_HEADER, p, p.rows().stream().map(r -> r.getLong(8)).toList());
  }

  /** Feed D: an indicator file, as {@link #workFile}. */
  @FuzzTest(maxDuration = "10s")
  void indicatorFile(FuzzedDataProvider data) {
    String text = sideFeed(data, SideFeedParser.INDICATOR_HEADER, List.of(List.of("T25_DATABASES", "T30_INTL_SOE"),
        List.of("2024", "2025"), List.of("HCM", "760"), List.of("20", "0"), List.of("24", "0"), List.of("", "ghi chú")));
    SideFeedParser.Parsed p = SideFeedParser.indicators(
        List.of(SideFeedParserTest.source("/raw/indicators/2024.csv", Feed.INDICATORS, LocalDate.of(2024, 1, 1), text)));

    assertSideFeedOutcomes(text, SideFeedParser.INDICATOR_HEADER, p, p.rows().stream().map(r -> r.getLong(7)).toList());
  }

  /**
   * A side feed's text: its header (or the fuzzer's), then records whose fields are a value of
   * {@code values} for their column or the fuzzer's text; sometimes a raw line.
   */
  private static String sideFeed(FuzzedDataProvider data, List<String> header, List<List<String>> values) {
    StringBuilder text = new StringBuilder(data.consumeInt(0, 9) == 0 ? data.consumeString(60) : String.join(",", header));
    for (int n = data.consumeInt(0, 4); n > 0; n--) {
      text.append(data.pickValue(List.of("\n", "\r\n")));
      if (data.consumeInt(0, 5) == 0) {
        text.append(data.consumeString(80));
        continue;
      }
      List<String> fields = new ArrayList<>();
      for (List<String> column : values) {
        fields.add(data.consumeBoolean() ? data.pickValue(column) : data.consumeString(20));
      }
      text.append(String.join(",", fields.subList(0, data.consumeInt(fields.size() - 1, fields.size()))));
    }
    return text.toString();
  }

  /**
   * Every record after the header is a row, a reject or superseded; without the header every
   * record is a reject. A reject's reason is one of the rules the side feeds check, and its detail,
   * with the column names and numbers taken out, quotes nothing of its record.
   */
  private static void assertSideFeedOutcomes(String text, List<String> header, SideFeedParser.Parsed p,
      List<Long> rowLines) {
    List<DelimitedText.Record> records = DelimitedText.records(text, ',');
    boolean headerOk = !records.isEmpty() && !records.get(0).malformed()
        && records.get(0).fields().stream().map(h -> h.strip().toLowerCase(java.util.Locale.ROOT)).toList().equals(header);
    int expected = headerOk ? records.size() - 1 : records.size();
    assertThat(p.rows().size() + p.rejects().size() + p.superseded()).isEqualTo(expected);
    Set<Long> lines = new HashSet<>(rowLines);
    for (SideFeedParser.Reject r : p.rejects()) {
      assertThat(lines.add(r.lineNumber())).as("one outcome for line %d", r.lineNumber()).isTrue();
      assertThat(r.reason()).isIn(Reason.MALFORMED_RECORD, Reason.MISSING_FIELD, Reason.BAD_CODE, Reason.UNKNOWN_AGENCY);
      assertThat(Leaks.inMessage(r.detail(), r.record(), header)).as(r.detail()).isNull();
    }
    assertThat(lines).isSubsetOf(records.stream().map(DelimitedText.Record::lineNumber).toList());
  }

  /**
   * A stored record is a JSON object whose every key names a field, is a plain identifier, is
   * a token or is blank, and whose every value in clear is one {@link CaseFields#inClear} allows for its field
   * or a JSON boolean (which says nothing of anyone: kept, so that normalize can call it a bad
   * code); under the applicant, every value is a token (or {@code null}).
   */
  private static void assertOnlyClearValuesInClear(String record) {
    JsonNode o;
    try {
      o = JSON.readTree(record);
    } catch (IOException e) {
      throw new AssertionError("a parsed record is not JSON", e);
    }
    assertThat(o.isObject()).isTrue();
    for (Map.Entry<String, JsonNode> e : o.properties()) {
      String key = e.getKey();
      String field = CaseFields.field(key);
      assertThat(field != null || CaseFields.plainKey(key) || TOKEN.matcher(key).matches()
          || BLANK_KEY.matcher(key).matches()).as("key %s", key).isTrue();
      JsonNode v = e.getValue();
      if (CaseFields.OWNER.equals(field) && v.isObject()) {
        v.properties().forEach(o2 -> assertThat(o2.getValue().isNull() || isToken(o2.getValue())).as(record).isTrue());
      } else if (!v.isNull() && !v.isBoolean() && !isToken(v)) {
        assertThat(v.isValueNode() && !CaseFields.personal(field) && CaseFields.inClear(field, v.asText()))
            .as("%s in clear in %s", key, record).isTrue();
      }
    }
  }

  private static boolean isToken(JsonNode v) {
    return v.isTextual() && (v.asText().isBlank() || TOKEN.matcher(v.asText()).matches());
  }

  /** No 8 characters of an applicant's value in the record, unless they are also in the rest of the input. */
  private static void assertNoPersonalValue(FuzzedRecords.Built input, String record) {
    for (String secret : input.personal()) {
      assertThat(Leaks.found(secret, record, input.withoutPersonal())).as("%s in %s", secret, record).isNull();
    }
  }

  /** The 1-based numbers of the lines that hold more than white space (LF, CRLF or CR). */
  private static List<Long> nonBlankLines(String text) {
    List<Long> out = new ArrayList<>();
    String[] lines = text.split("\r\n|\r|\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        out.add(i + 1L);
      }
    }
    return out;
  }

  private static String lineOf(String text, long lineNumber) {
    return text.split("\r\n|\r|\n", -1)[(int) lineNumber - 1];
  }
}
