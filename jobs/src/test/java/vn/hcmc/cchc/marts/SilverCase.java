package vn.hcmc.cchc.marts;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import vn.hcmc.cchc.city.City;
import vn.hcmc.cchc.tables.SilverSchema;

/**
 * A {@code silver.cases} row for mart tests: an in-process desk dossier of district agency
 * {@code Q1} (district 760), sector {@code land}, received 2 Mar 2021 08:00, due 20 Mar 2021 17:00,
 * every yes/no field false, unless told otherwise. Times are written in local time of Ho Chi Minh
 * City ({@code yyyy-MM-dd HH:mm}) and stored as instants, as normalize does.
 */
final class SilverCase {
  private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final List<String> STATUSES = List.of("registered", "received", "refused", "in_process",
      "supplement_requested", "fee_requested", "withdrawn", "stopped", "finished", "returned");

  private final Map<String, Object> values = new HashMap<>();

  private SilverCase(String id) {
    values.put("dossier_id", id);
    district("Q1", "760");
    values.put("procedure_code", "P-" + id);
    values.put("sector", "land");
    values.put("channel", "desk");
    values.put("online_level", "none");
    status(4);
    received("2021-03-02 08:00");
    due("2021-03-20 17:00");
    for (String flag : List.of("interagency", "e_circulated", "prior_documents", "data_reused", "digitised",
        "eid_verified", "paid_online", "apology_letter")) {
      values.put(flag, false);
    }
    values.put("device", "web");
    values.put("rating", 0);
    values.put("feed", "dvc");
    values.put("snapshot_key", "k-" + id);
  }

  static SilverCase dossier(String id) {
    return new SilverCase(id);
  }

  /** An instant from local wall-clock time of Ho Chi Minh City. */
  static Instant local(String localTime) {
    return LocalDateTime.parse(localTime, LOCAL_TIME).atZone(City.ZONE).toInstant();
  }

  static Dataset<Row> frame(SparkSession spark, SilverCase... dossiers) {
    return spark.createDataFrame(Stream.of(dossiers).map(SilverCase::row).toList(), SilverSchema.CASES);
  }

  SilverCase cityDepartment(String agency) {
    return agency(agency, "city", null, null);
  }

  SilverCase district(String agency, String districtCode) {
    return agency(agency, "district", districtCode, null);
  }

  SilverCase commune(String agency, String districtCode, String wardCode) {
    return agency(agency, "commune", districtCode, wardCode);
  }

  private SilverCase agency(String code, String level, String districtCode, String wardCode) {
    values.put("agency_code", code);
    values.put("level", level);
    values.put("district_code", districtCode);
    values.put("ward_code", wardCode);
    return this;
  }

  SilverCase sector(String sector) {
    values.put("sector", sector);
    return this;
  }

  /** An online dossier: {@code partial} unless {@link #fullOnline()}, as normalize makes it. */
  SilverCase online() {
    values.put("channel", "online");
    values.put("online_level", "partial");
    return this;
  }

  SilverCase fullOnline() {
    online();
    values.put("online_level", "full");
    return this;
  }

  SilverCase postal() {
    values.put("channel", "postal");
    return this;
  }

  SilverCase status(int code) {
    values.put("status_code", code);
    values.put("status", STATUSES.get(code - 1));
    return this;
  }

  /** Received at {@code localTime}, and last updated then (every accepted snapshot has an update time). */
  SilverCase received(String localTime) {
    values.put("received_at", local(localTime));
    values.put("updated_at", local(localTime));
    values.put("received_date", LocalDateTime.parse(localTime, LOCAL_TIME).toLocalDate());
    return this;
  }

  SilverCase due(String localTime) {
    values.put("due_at", local(localTime));
    return this;
  }

  /** Finished (status 9) with this result date. */
  SilverCase resolved(String localTime) {
    values.put("resolved_at", local(localTime));
    return status(9);
  }

  /** Returned (status 10): no result date, so {@code resolved_at} is the return date. */
  SilverCase returned(String localTime) {
    values.put("resolved_at", local(localTime));
    values.put("returned_at", local(localTime));
    return status(10);
  }

  SilverCase withdrawn(String localTime) {
    values.put("withdrawn_at", local(localTime));
    return status(7);
  }

  SilverCase stopped(String localTime) {
    values.put("withdrawn_at", local(localTime));
    return status(8);
  }

  /** Sets a result date without changing the status (a result date on a dossier that is not finished). */
  SilverCase resultDate(String localTime) {
    values.put("resolved_at", local(localTime));
    return this;
  }

  /** The export day of the file the snapshot came from ({@code yyyy-MM-dd}); none unless told. */
  SilverCase exported(String date) {
    values.put("export_date", java.time.LocalDate.parse(date));
    return this;
  }

  /** Sets yes/no fields to true, by silver column name. */
  SilverCase yes(String... flags) {
    for (String f : flags) {
      if (!values.containsKey(f) || !(values.get(f) instanceof Boolean)) {
        throw new IllegalArgumentException("not a yes/no column: " + f);
      }
      values.put(f, true);
    }
    return this;
  }

  SilverCase mobile() {
    values.put("device", "mobile");
    return this;
  }

  SilverCase rating(int rating) {
    values.put("rating", rating);
    return this;
  }

  Row row() {
    return RowFactory.create(Stream.of(SilverSchema.CASES.fieldNames()).map(values::get).toArray());
  }
}
