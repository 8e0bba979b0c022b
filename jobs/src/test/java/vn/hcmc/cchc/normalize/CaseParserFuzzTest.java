package vn.hcmc.cchc.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.unsafe.types.UTF8String;
import vn.hcmc.cchc.city.City;
import vn.hcmc.cchc.ingest.Feed;
import vn.hcmc.cchc.ingest.RawRecords;
import vn.hcmc.cchc.pii.CaseFields;
import vn.hcmc.cchc.pii.Pseudonymizer;
import vn.hcmc.cchc.quality.Reason;
import vn.hcmc.cchc.support.FuzzedRecords;
import vn.hcmc.cchc.support.Leaks;
import vn.hcmc.cchc.tables.SilverSchema;

/**
 * The normalizer ({@link CaseParser}) under a coverage-guided fuzzer (Jazzer), on bronze records
 * as ingest writes them (a fuzzed feed A line or feed B file, masked by {@link RawRecords}) and on
 * any text a bronze record could hold. For every record: one outcome and no exception; an accepted
 * snapshot holds RAW.md's required values in canonical form, nothing before its receipt and no
 * applicant's value in clear; a rejected one has a reason code of WAREHOUSE.md and a detail that
 * quotes a value only in the shape its field expects ({@link CaseFields#inClear}) and nothing
 * else of the record. The two entry points, external and internal rows, agree.
 */
class CaseParserFuzzTest {
  private static final Pseudonymizer PII = new Pseudonymizer("fuzz-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));
  private static final Pattern TOKEN = Pattern.compile("h:[0-9a-f]{64}");
  /** A value a detail quotes: {@code MaDonVi '99999.000.H29' is not ...}. */
  private static final Pattern QUOTED = Pattern.compile("^([A-Za-z]+) '([^']*)' is ");
  private static final List<String> REASONS = Arrays.stream(Reason.values()).map(Reason::code).toList();
  /** Feed A's field names: the words a detail is made of, not input. */
  private static final List<String> FIELD_NAMES = fieldNames();
  private static final int REASON = SilverSchema.OUTCOME.fieldIndex("reason");
  private static final int DETAIL = SilverSchema.OUTCOME.fieldIndex("detail");
  private static final List<String> INSTANTS =
      List.of("due_at", "resolved_at", "returned_at", "withdrawn_at", "updated_at");

  @FuzzTest(maxDuration = "10s")
  void bronzeRecord(FuzzedDataProvider data) {
    int kind = data.consumeInt(0, 2);
    FuzzedRecords.Built input;
    List<RawRecords.Parsed> bronze;
    String feed = kind == 1 ? "legacy" : "dvc";
    if (kind == 2) {
      feed = data.pickValue(List.of("dvc", "legacy"));
      input = new FuzzedRecords.Built(data.consumeRemainingAsString(), List.of(), "");
      bronze = List.of(new RawRecords.Parsed(3, input.text(), null));
    } else {
      input = kind == 0 ? FuzzedRecords.feedA(data) : FuzzedRecords.feedB(data);
      bronze = RawRecords.parse(kind == 0 ? Feed.DVC : Feed.LEGACY, input.text(), PII);
    }
    for (RawRecords.Parsed b : bronze) {
      Row bronzeRow = CaseParserTest.bronze(feed, b.record(), b.parseError());
      Row out = CaseParserTest.PARSER.parse(bronzeRow);
      String reason = out.getAs("reason");
      assertThat(out.<Long>getAs("line_number")).isEqualTo(3L);
      if (reason == null) {
        assertAccepted(out, kind != 2);
      } else {
        assertThat(reason).isIn(REASONS);
        assertThat(out.<String>getAs("record")).isEqualTo(b.record());
        assertDetailQuotesNothing(out.getAs("detail"), b.record(), input);
      }
      InternalRow internal = CaseParserTest.PARSER.parse(internal(bronzeRow));
      assertThat(text(internal, REASON)).as("internal row's reason").isEqualTo(reason);
      assertThat(text(internal, DETAIL)).as("internal row's detail").isEqualTo(out.getAs("detail"));
    }
  }

  /**
   * RAW.md's required values present and canonical, nothing before the receipt; the applicant's
   * columns tokens when ingest masked the record.
   */
  private static void assertAccepted(Row out, boolean masked) {
    for (String c : List.of("dossier_id", "agency_code", "procedure_code", "sector", "level", "received_date",
        "snapshot_key")) {
      assertThat(out.<Object>getAs(c)).as(c).isNotNull();
    }
    assertThat(out.<String>getAs("channel")).isIn(Codes.CHANNELS);
    assertThat(out.<String>getAs("status")).isIn(City.Status.NAMES);
    assertThat(out.<String>getAs("online_level")).isIn("none", "partial", "full");
    Instant received = out.getAs("received_at");
    for (String c : INSTANTS) {
      Instant at = out.getAs(c);
      assertThat(at == null || !at.isBefore(received)).as("%s before received_at", c).isTrue();
    }
    if (masked) {
      for (String c : List.of("applicant_name_token", "applicant_id_token", "applicant_phone_token")) {
        String v = out.getAs(c);
        assertThat(v == null || TOKEN.matcher(v).matches()).as("%s: %s", c, v).isTrue();
      }
    }
  }

  /**
   * A detail names fields and what they expect; it may quote the value of a field in the shape
   * that field expects; with those taken out, it holds no 8 characters of the record, nor of the
   * applicant's values as the feed gave them.
   */
  private static void assertDetailQuotesNothing(String detail, String record, FuzzedRecords.Built input) {
    assertThat(detail).isNotNull();
    List<String> ours = new ArrayList<>(FIELD_NAMES);
    Matcher q = QUOTED.matcher(detail);
    if (q.find()) {
      assertThat(CaseFields.inClear(q.group(1), q.group(2))).as(detail).isTrue();
      ours.add(q.group(2));
    }
    assertThat(Leaks.inMessage(detail, record, ours)).as(detail).isNull();
    String words = Leaks.withoutWords(detail, ours); // a name that holds a field's name is not quoted by naming the field
    for (String secret : input.personal()) {
      assertThat(Leaks.found(secret, words, "")).as(detail).isNull();
    }
  }

  /** The bronze row in Spark's internal form, as the normalize job hands it over ({@link CaseParser#BRONZE_COLUMNS}). */
  private static InternalRow internal(Row bronze) {
    Object[] v = new Object[CaseParser.BRONZE_COLUMNS.size()];
    for (int i = 0; i < v.length; i++) {
      Object o = bronze.getAs(CaseParser.BRONZE_COLUMNS.get(i));
      v[i] = o instanceof String s ? UTF8String.fromString(s)
          : o instanceof LocalDate d ? (Object) (int) d.toEpochDay()
          : o instanceof Instant t ? (Object) DateTimeUtils.instantToMicros(t) : o;
    }
    return new GenericInternalRow(v);
  }

  private static String text(InternalRow row, int i) {
    return row.isNullAt(i) ? null : row.getUTF8String(i).toString();
  }

  private static List<String> fieldNames() {
    List<String> names = new ArrayList<>();
    for (Field f : CaseFields.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        try {
          names.add((String) f.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return names;
  }
}
