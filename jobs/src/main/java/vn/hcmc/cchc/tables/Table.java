package vn.hcmc.cchc.tables;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * Every table of the warehouse, declared once: its contract name ({@code layer.name}), where it
 * lives below the warehouse root, the keys it is laid out by (partitioned or clustered: {@link
 * Layout}), whether it records Delta's change data feed, and its columns with a one-line
 * description each ({@link Columns}). {@link DeltaWriter} creates a table from this declaration and
 * refuses rows that do not match it; the stages build their rows with {@link #schema()}. The
 * column names and types of WAREHOUSE.md are the contract; the descriptions are docs/TABLES.md's and
 * docs/MARTS.md's in one line. Nullability is what each stage writes today (a created table takes
 * it as {@code NOT NULL}; the writer's check ignores it).
 */
public enum Table {
  /** One row per raw record of feeds A and B, parseable or not; append-only, one ingest run is one batch. */
  BRONZE_CASES("bronze", "cases", List.of(), false, Columns.of()
      .required("batch_id", StringType, "the ingest run that loaded it")
      .required("feed", StringType, "dvc (feed A) or legacy (feed B)")
      .required("source_file", StringType, "full path of the file in the landing zone")
      .required("file_hash", StringType, "SHA-256 of the file's bytes as stored")
      .required("line_number", LongType, "1-based line where the record starts")
      .required("export_date", DateType, "the file's export day (its date folders)")
      .required("ingested_at", TimestampType, "start of the ingest run")
      .required("record", StringType, "the record as JSON text, personal values replaced by h:<HMAC-SHA256>")
      .optional("parse_error", StringType, "NULL when it parsed; otherwise why (position only)")),
  /** One row per file taken, or recognised as already taken: the ledger that loads no file twice. */
  BRONZE_FILES("bronze", "files", List.of(), false, Columns.of()
      .required("path", StringType, "the file's path in the landing zone")
      .required("feed", StringType, "the feed the file belongs to")
      .optional("export_date", DateType, "the file's export day")
      .optional("size", LongType, "bytes")
      .optional("modified_at", LongType, "modification time, epoch milliseconds")
      .required("file_hash", StringType, "SHA-256 of the file's bytes")
      .optional("records", LongType, "raw records read; NULL for reference snapshots")
      .required("status", StringType, "loaded, duplicate (same path and content as a loaded file) or unreadable")
      .required("batch_id", StringType, "the ingest run that took it")
      .required("ingested_at", TimestampType, "start of that ingest run")),
  /** One row per delivery (path and content) that could not be read at all, with its reason. */
  BRONZE_BAD_FILES("bronze", "bad_files", List.of(), false, Columns.of()
      .required("path", StringType, "the file's path in the landing zone")
      .required("feed", StringType, "the feed the file belongs to")
      .optional("export_date", DateType, "the file's export day")
      .optional("size", LongType, "bytes")
      .required("file_hash", StringType, "SHA-256 of the file's bytes")
      .required("reason", StringType, "why it cannot be read, one line, never quoting the content")
      .required("batch_id", StringType, "the ingest run that found it")
      .required("detected_at", TimestampType, "start of that ingest run")),
  /**
   * One row per dossier, its latest accepted snapshot. Keeps a change feed: the marts refresh only
   * the months its changes reach.
   */
  SILVER_CASES("silver", "cases", List.of("level", "agency_code"), true, Columns.of()
      .optional("dossier_id", StringType, "MaHoSo")
      .optional("agency_code", StringType, "MaDonVi")
      .optional("level", StringType, "city, district or commune: the agency's level on the receipt day")
      .optional("district_code", StringType, "GSO district code from the same agency snapshot")
      .optional("ward_code", StringType, "GSO ward code from the same agency snapshot")
      .optional("procedure_code", StringType, "MaTTHC")
      .optional("sector", StringType, "the procedure's sector in the catalogue in force on the receipt day")
      .optional("channel", StringType, "desk, online or postal")
      .optional("online_level", StringType, "none, partial or full (an online dossier without a level is partial)")
      .optional("applicant_type", StringType, "citizen, enterprise, state_agency, other_organisation")
      .optional("status", StringType, "registered ... returned")
      .optional("status_code", IntegerType, "1 (registered) ... 10 (returned)")
      .optional("received_at", TimestampType, "receipt instant")
      .optional("received_date", DateType, "the receipt's local date")
      .optional("due_at", TimestampType, "statutory deadline")
      .optional("resolved_at", TimestampType, "result date, else return date")
      .optional("returned_at", TimestampType, "result handed back")
      .optional("withdrawn_at", TimestampType, "withdrawal date; else, for statuses 7 and 8, updated_at")
      .optional("updated_at", TimestampType, "time of the snapshot")
      .optional("interagency", BooleanType, "passes between agencies")
      .optional("e_circulated", BooleanType, "passed between them electronically")
      .optional("prior_documents", BooleanType, "documents already accepted before")
      .optional("data_reused", BooleanType, "not asked for them again")
      .optional("digitised", BooleanType, "dossier and result digitised")
      .optional("eid_verified", BooleanType, "online applicant authenticated with VNeID")
      .optional("device", StringType, "web, mobile or NULL")
      .optional("paid_online", BooleanType, "fees paid online")
      .optional("apology_letter", BooleanType, "an apology letter was issued")
      .optional("rating", IntegerType, "0 none, 1 very satisfied, 2 satisfied, 3 not satisfied")
      .optional("applicant_name_token", StringType, "pseudonymised applicant name")
      .optional("applicant_id_token", StringType, "pseudonymised applicant ID number")
      .optional("applicant_phone_token", StringType, "pseudonymised applicant phone number")
      .optional("feed", StringType, "dvc or legacy: lineage of the snapshot kept")
      .optional("batch_id", StringType, "the ingest run that loaded the snapshot")
      .optional("source_file", StringType, "the file of the snapshot")
      .optional("source_line", LongType, "its 1-based line")
      .optional("export_date", DateType, "its export day")
      .optional("snapshot_key", StringType, "update time, export day, file, line: the order of snapshots")),
  /** One row per rejected raw record, with its reason code. */
  SILVER_QUARANTINE("silver", "quarantine", List.of(), false, Columns.of()
      .optional("batch_id", StringType, "the ingest run of the record (side feeds: the run that last rebuilt them)")
      .optional("feed", StringType, "dvc, legacy, work or indicators")
      .optional("source_file", StringType, "the file of the record")
      .optional("line_number", LongType, "its 1-based line")
      .optional("export_date", DateType, "its export day")
      .optional("file_hash", StringType, "SHA-256 of the file's bytes")
      .optional("ingested_at", TimestampType, "start of the ingest run")
      .optional("dossier_id", StringType, "MaHoSo when it could be read")
      .optional("reason", StringType, "the first broken rule's code (WAREHOUSE.md)")
      .optional("detail", StringType, "the field at fault and what was expected")
      .optional("record", StringType, "the record, pseudonymised as in bronze")),
  /** One row per agency code and validity interval of the agency snapshots. */
  SILVER_AGENCIES("silver", "agencies", List.of(), false, Columns.of()
      .optional("agency_code", StringType, "the code used in MaDonVi")
      .optional("agency_name", StringType, "Vietnamese name, NFC")
      .optional("level", StringType, "city, district or commune")
      .optional("district_code", StringType, "GSO code of the agency's district, NULL where none")
      .optional("ward_code", StringType, "GSO code of the commune-level unit, NULL where none")
      .required("valid_from", DateType, "date of the snapshot that introduced these values")
      .optional("valid_to", DateType, "first snapshot date that changed or dropped them (exclusive); NULL: in force")
      .required("snapshot_file", StringType, "the snapshot that introduced them")),
  /** One row per procedure code and validity interval of the catalogue snapshots. */
  SILVER_PROCEDURES("silver", "procedures", List.of(), false, Columns.of()
      .optional("procedure_code", StringType, "as in MaTTHC")
      .optional("procedure_name", StringType, "Vietnamese name")
      .optional("sector", StringType, "land, construction, ... other")
      .optional("level", StringType, "the level that handles it: city, district, commune")
      .optional("internal", BooleanType, "an internal procedure between state agencies")
      .optional("published", BooleanType, "publicly announced and up to date")
      .optional("online_eligible", BooleanType, "legally allowed online")
      .optional("online_offered", StringType, "none, partial or full")
      .optional("on_city_portal", BooleanType, "on the city portal")
      .optional("on_national_portal", BooleanType, "on the national public-service portal")
      .optional("mobile_enabled", BooleanType, "usable on phones")
      .optional("deadline_working_days", IntegerType, "statutory processing time, working days")
      .required("valid_from", DateType, "date of the snapshot that introduced these values")
      .optional("valid_to", DateType, "first snapshot date that changed or dropped them (exclusive); NULL: in force")
      .required("snapshot_file", StringType, "the snapshot that introduced them")),
  /** One row per month and agency of feed C. */
  SILVER_WORK_FILES("silver", "work_files", List.of(), false, Columns.of()
      .required("period_month", DateType, "the month's first day")
      .required("agency_code", StringType, "the agency the counts are for")
      .optional("level", StringType, "from the agency snapshot in force on the month's last day")
      .optional("district_code", StringType, "GSO district code from the same snapshot, NULL where none")
      .required("total", LongType, "internal work files of the month")
      .required("processed_online", LongType, "of those, processed electronically")
      .required("classified", LongType, "of those, classified; excluded from both sides of the rate")
      .required("source_file", StringType, "the file the row comes from")
      .required("source_line", LongType, "its 1-based line")),
  /** One row per target, year and scope of feed D. */
  SILVER_INDICATORS("silver", "indicators", List.of(), false, Columns.of()
      .required("target_id", StringType, "a target of conf/reference/targets.csv")
      .required("year", IntegerType, "calendar year measured")
      .required("scope_code", StringType, "HCM for the whole city")
      .required("numerator", LongType, "the indicator's numerator")
      .required("denominator", LongType, "its denominator, above 0")
      .optional("note", StringType, "what was counted, as delivered")
      .required("source_file", StringType, "the file of the record kept")
      .required("source_line", LongType, "its line")),
  /**
   * Internal (not published): the events of {@code silver.cases} summed per local month and agency,
   * kept by {@code marts} and moved by each day's change feed; {@code gold.case_monthly} is rolled up
   * from it (docs/MARTS.md, "How the counts are kept").
   */
  SILVER_CASE_FLOWS("silver", "case_flows", List.of(), false, Columns.of()
      .required("period_month", DateType, "the local month's first day in which the events happened")
      .optional("agency_code", StringType, "the dossiers' agency")
      .optional("level", StringType, "its level on the receipt day")
      .optional("district_code", StringType, "its GSO district, NULL where none")
      .required("sector", StringType, "the procedure's sector, unknown where none")
      .required("received_new", LongType, "receipts in the month")
      .required("received_desk", LongType, "of those, at the desk")
      .required("received_online", LongType, "of those, online")
      .required("received_postal", LongType, "of those, by post")
      .required("received_full_online", LongType, "of those, online_level full")
      .required("received_partial_online", LongType, "of those, online_level partial")
      .required("interagency", LongType, "of those, passing between agencies")
      .required("e_circulated", LongType, "of interagency, electronically")
      .required("prior_documents", LongType, "of the receipts, with documents already accepted")
      .required("data_reused", LongType, "of prior_documents, not asked again")
      .required("digitised", LongType, "of the receipts, digitised")
      .required("paid_online", LongType, "of the receipts, fees paid online")
      .required("mobile", LongType, "of the receipts, from a phone")
      .required("eid_verified", LongType, "of the receipts online, authenticated with VNeID")
      .required("resolved", LongType, "closings by a result in the month")
      .required("resolved_early", LongType, "of those, before the deadline's day")
      .required("resolved_on_time", LongType, "of those, not early and not late")
      .required("resolved_late", LongType, "of those, after the deadline")
      .required("late_with_apology", LongType, "of the late ones, with an apology letter")
      .required("withdrawn", LongType, "closings by withdrawal in the month")
      .required("rated", LongType, "of the results, rated")
      .required("rated_satisfied", LongType, "of rated, satisfied")
      .required("open_change", LongType, "receipts minus closings: the change of the open stock")
      .required("overdue_change", LongType, "dossiers falling overdue while open minus overdue ones closed")
      .required("span_received", LongType, "receipts of any status (the marts' first month)")
      .required("span_exported", LongType, "dossiers whose export day is in the month (the marts' last month)")
      .required("span_latest", LongType, "dossiers without an export day whose latest instant is in the month")),
  /** Month x scope x sector: the official report form and the digital-government counters. */
  GOLD_CASE_MONTHLY("gold", "case_monthly", List.of(), false, Columns.of()
      .required("period_month", DateType, "the month's first day")
      .required("scope_type", StringType, "agency, district, level or city")
      .required("scope_code", StringType, "agency code, GSO district code, level, or HCM")
      .required("sector", StringType, "* for all sectors, or one sector")
      .required("carried_over", LongType, "received before the month, not closed before it started")
      .required("received_new", LongType, "received in the month")
      .required("received_desk", LongType, "of received_new, at the desk")
      .required("received_online", LongType, "of received_new, online")
      .required("received_postal", LongType, "of received_new, by post")
      .required("received_full_online", LongType, "received in the month, online_level full")
      .required("received_partial_online", LongType, "received in the month, online_level partial")
      .required("resolved", LongType, "resolved_at in the month")
      .required("resolved_early", LongType, "resolved before the first instant of the deadline's day")
      .required("resolved_on_time", LongType, "not early, and resolved_at <= due_at")
      .required("resolved_late", LongType, "resolved_at > due_at")
      .required("late_with_apology", LongType, "resolved late with an apology letter")
      .required("withdrawn", LongType, "withdrawn_at in the month")
      .required("pending_end", LongType, "received before the month ended, not closed before it ended")
      .required("pending_overdue", LongType, "of pending_end, due_at before the month ended")
      .required("pending_in_time", LongType, "pending_end - pending_overdue")
      .required("interagency", LongType, "received in the month, passing between agencies")
      .required("e_circulated", LongType, "of interagency, electronically")
      .required("prior_documents", LongType, "received in the month with documents already accepted")
      .required("data_reused", LongType, "of prior_documents, not asked again")
      .required("digitised", LongType, "received in the month, digitised")
      .required("paid_online", LongType, "received in the month, fees paid online")
      .required("mobile", LongType, "received in the month from a phone")
      .required("eid_verified", LongType, "received online in the month, authenticated with VNeID")
      .required("rated", LongType, "resolved in the month with a rating")
      .required("rated_satisfied", LongType, "of rated, rating 1 or 2")
      .optional("on_time_rate", DoubleType, "% (resolved_early + resolved_on_time) / resolved")
      .optional("late_rate", DoubleType, "% resolved_late / resolved")
      .optional("apology_rate", DoubleType, "% late_with_apology / resolved_late")
      .optional("online_rate", DoubleType, "% received_online / received_new")
      .optional("full_online_rate", DoubleType, "% received_full_online / received_new")
      .optional("e_circulation_rate", DoubleType, "% e_circulated / interagency")
      .optional("data_reuse_rate", DoubleType, "% data_reused / prior_documents")
      .optional("digitisation_rate", DoubleType, "% digitised / received_new")
      .optional("eid_rate", DoubleType, "% eid_verified / received_online")
      .optional("satisfaction_rate", DoubleType, "% rated_satisfied / rated")),
  /** Month x scope (level, city): catalogue KPIs from the snapshot in force on the month's last day. */
  GOLD_PROCEDURE_MONTHLY("gold", "procedure_monthly", List.of(), false, Columns.of()
      .optional("period_month", DateType, "the month's first day")
      .required("scope_type", StringType, "level or city")
      .optional("scope_code", StringType, "the level that handles the procedure, or HCM")
      .optional("procedures", LongType, "public procedures in the catalogue")
      .optional("online_eligible", LongType, "legally allowed online")
      .optional("online_available", LongType, "eligible and offered partial or full")
      .optional("full_online_available", LongType, "eligible, offered full, on the city portal")
      .optional("on_national_portal", LongType, "on the national public-service portal")
      .optional("full_online_offered", LongType, "offered full")
      .optional("mobile_enabled_full", LongType, "offered full and on phones")
      .optional("internal_procedures", LongType, "internal procedures between state agencies")
      .optional("internal_published", LongType, "of those, published and up to date")
      .optional("online_available_rate", DoubleType, "% online_available / online_eligible")
      .optional("full_online_available_rate", DoubleType, "% full_online_available / online_eligible")
      .optional("national_portal_rate", DoubleType, "% on_national_portal / procedures")
      .optional("mobile_available_rate", DoubleType, "% mobile_enabled_full / full_online_offered")
      .optional("internal_published_rate", DoubleType, "% internal_published / internal_procedures")),
  /** Month x scope with at least one work-file row of feed C. */
  GOLD_WORK_MONTHLY("gold", "work_monthly", List.of(), false, Columns.of()
      .required("period_month", DateType, "the month's first day")
      .required("scope_type", StringType, "agency, district, level or city")
      .optional("scope_code", StringType, "agency code, GSO district code, level, or HCM")
      .optional("total", LongType, "internal work files of the month")
      .optional("classified", LongType, "of those, classified")
      .optional("processed_online", LongType, "of those, processed online")
      .optional("work_online_rate", DoubleType, "% processed_online / (total - classified)")),
  /** Year x scope x target: every target of targets.csv, the city every year. */
  GOLD_TARGET_ATTAINMENT("gold", "target_attainment", List.of(), false, Columns.of()
      .required("year", IntegerType, "calendar year (local months)")
      .required("scope_type", StringType, "agency, district, level or city")
      .required("scope_code", StringType, "agency code, GSO district code, level, or HCM")
      .required("scope_name", StringType, "the scope's Vietnamese name")
      .required("target_id", StringType, "from targets.csv")
      .optional("phase", StringType, "2025 or 2030")
      .required("metric", StringType, "the rate that measures the target")
      .optional("scope_filter", StringType, "sector in (...) or level in (...), NULL without one")
      .required("measured_from", StringType, "cases, procedures, work or indicators")
      .required("months_covered", IntegerType, "months of the year the target's source covers")
      .optional("numerator", LongType, "the metric's numerator over the year; NULL when nothing measures it")
      .optional("denominator", LongType, "its denominator")
      .optional("actual", DoubleType, "% numerator / denominator; NULL when the denominator is 0 or missing")
      .required("comparator", StringType, "gt, ge or between")
      .required("threshold", DoubleType, "the target, %")
      .optional("threshold_high", DoubleType, "upper bound of between")
      .optional("gap", DoubleType, "actual - threshold, points")
      .required("status", StringType, "met, not_met or no_data")),
  /** One row per ingest batch, written by the normalize run that took it: nothing was lost. */
  OPS_RECONCILIATION("ops", "reconciliation", List.of(), false, Columns.of()
      .required("batch_id", StringType, "the ingest batch")
      .required("ingested_at", TimestampType, "start of its ingest run")
      .required("files", IntegerType, "files it loaded")
      .required("raw_records", LongType, "records ingest read")
      .required("bronze_rows", LongType, "rows it wrote to bronze.cases")
      .required("normalized_at", TimestampType, "start of the normalize run")
      .optional("normalize_run_id", StringType, "that run")
      .optional("silver_rows", LongType, "records that reached silver.cases, latest or superseded")
      .optional("superseded_rows", LongType, "of those, older snapshots")
      .optional("quarantined_rows", LongType, "records quarantined")
      .optional("balanced", BooleanType, "raw_records = bronze_rows = silver_rows + quarantined_rows")),
  /** The run audit: one row per command run on the warehouse ({@code vn.hcmc.cchc.ops.RunRecord}). */
  OPS_RUNS("ops", "runs", List.of(), false, Columns.of()
      .required("run_id", StringType, "also the userMetadata of each of the run's commits")
      .required("command", StringType, "ingest, normalize, marts, run, maintain")
      .required("arguments", StringType, "as given after the command name, secrets masked")
      .optional("conf_file", StringType, "the --conf file")
      .optional("spark_master", StringType, "the session's master")
      .optional("spark_application_id", StringType, "the Spark application")
      .optional("date_from", DateType, "first export day of the window; NULL when the run took every new file")
      .optional("date_to", DateType, "last export day of the window")
      .required("started_at", TimestampType, "start")
      .required("ended_at", TimestampType, "end")
      .required("seconds", DoubleType, "ended_at - started_at")
      .required("status", StringType, "succeeded or failed")
      .optional("error", StringType, "one line, failed runs only")
      // Delta takes no NOT NULL inside an array: the nested fields are nullable by force
      .required("stages", createArrayType(new StructType().add("stage", StringType).add("rows_in", LongType)
          .add("rows_out", LongType).add("rows_quarantined", LongType).add("seconds", DoubleType)
          .add("detail", StringType), true), "per stage: rows in, out, quarantined (NULL where none), seconds")
      .required("versions", createArrayType(new StructType().add("table_name", StringType)
          .add("version", LongType), true), "every Delta version the run committed"));

  private final String layer;
  private final String table;
  private final List<String> layoutKeys;
  private final boolean changeFeed;
  private final Columns columns;

  Table(String layer, String table, List<String> layoutKeys, boolean changeFeed, Columns columns) {
    this.layer = layer;
    this.table = table;
    this.layoutKeys = layoutKeys;
    this.changeFeed = changeFeed;
    this.columns = columns;
  }

  public String layer() {
    return layer;
  }

  /** The name within its layer, e.g. {@code cases}. */
  public String tableName() {
    return table;
  }

  /** The name users type in SQL, e.g. {@code silver.cases}. */
  public String sqlName() {
    return layer + "." + table;
  }

  /** Location relative to the warehouse root, e.g. {@code silver/cases}. */
  public String relativePath() {
    return layer + "/" + table;
  }

  /**
   * The columns the table is laid out by, most selective last (e.g. level, agency_code): its
   * partition or clustering columns, as its {@link Layout} says; empty for tables too small to need any.
   */
  public List<String> layoutKeys() {
    return layoutKeys;
  }

  /** Whether the table records Delta's change data feed (row-level pre- and post-images of every commit). */
  public boolean changeFeed() {
    return changeFeed;
  }

  /** The declared columns, in table order, each with its description. */
  public Columns columns() {
    return columns;
  }

  /** The declared columns as a Spark schema: what a stage builds the table's rows with. */
  public StructType schema() {
    return columns.schema();
  }
}
