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
import java.util.Set;
import org.apache.spark.sql.types.StructType;

/**
 * Every table of the warehouse, declared once: its contract name ({@code layer.name}), where it
 * lives below the warehouse root, the keys it is laid out by (partitioned or clustered: {@link
 * Layout}), the Delta features it needs ({@link Feature}), and its columns' names and types
 * ({@link Columns}); what the table and each column hold, in English and Vietnamese, and the
 * table's grain are the {@link Dictionary}'s. {@link DeltaWriter} creates a table from this
 * declaration and refuses rows that do not match it; the stages build their rows with {@link
 * #schema()}. The column names and types of WAREHOUSE.md are the contract. Nullability is what each
 * stage writes today (a created table takes it as {@code NOT NULL}; the writer's check ignores it).
 */
public enum Table {
  /** One row per raw record of feeds A and B, parseable or not; append-only, one ingest run is one batch. */
  BRONZE_CASES("bronze", "cases", List.of(), Set.of(), Columns.of()
      .required("batch_id", StringType)
      .required("feed", StringType)
      .required("source_file", StringType)
      .required("file_hash", StringType)
      .required("line_number", LongType)
      .required("export_date", DateType)
      .required("ingested_at", TimestampType)
      .required("record", StringType)
      .optional("parse_error", StringType)),
  /** One row per file taken, or recognised as already taken: the ledger that loads no file twice. */
  BRONZE_FILES("bronze", "files", List.of(), Set.of(), Columns.of()
      .required("path", StringType)
      .required("feed", StringType)
      .optional("export_date", DateType)
      .optional("size", LongType)
      .optional("modified_at", LongType)
      .required("file_hash", StringType)
      .optional("records", LongType)
      .required("status", StringType)
      .required("batch_id", StringType)
      .required("ingested_at", TimestampType)),
  /** One row per delivery (path and content) that could not be read at all, with its reason. */
  BRONZE_BAD_FILES("bronze", "bad_files", List.of(), Set.of(), Columns.of()
      .required("path", StringType)
      .required("feed", StringType)
      .optional("export_date", DateType)
      .optional("size", LongType)
      .required("file_hash", StringType)
      .required("reason", StringType)
      .required("batch_id", StringType)
      .required("detected_at", TimestampType)),
  /**
   * One row per dossier, its latest accepted snapshot. Keeps a change feed: the marts refresh only
   * the months its changes reach. The one table a MERGE updates in place: deletion vectors mark the
   * rows it replaces instead of rewriting their files.
   */
  SILVER_CASES("silver", "cases", List.of("level", "agency_code"), Set.of(Feature.CHANGE_FEED, Feature.DELETION_VECTORS),
      Columns.of()
      .optional("dossier_id", StringType)
      .optional("agency_code", StringType)
      .optional("level", StringType)
      .optional("district_code", StringType)
      .optional("ward_code", StringType)
      .optional("procedure_code", StringType)
      .optional("sector", StringType)
      .optional("channel", StringType)
      .optional("online_level", StringType)
      .optional("applicant_type", StringType)
      .optional("status", StringType)
      .optional("status_code", IntegerType)
      .optional("received_at", TimestampType)
      .optional("received_date", DateType)
      .optional("due_at", TimestampType)
      .optional("resolved_at", TimestampType)
      .optional("returned_at", TimestampType)
      .optional("withdrawn_at", TimestampType)
      .optional("updated_at", TimestampType)
      .optional("interagency", BooleanType)
      .optional("e_circulated", BooleanType)
      .optional("prior_documents", BooleanType)
      .optional("data_reused", BooleanType)
      .optional("digitised", BooleanType)
      .optional("eid_verified", BooleanType)
      .optional("device", StringType)
      .optional("paid_online", BooleanType)
      .optional("apology_letter", BooleanType)
      .optional("rating", IntegerType)
      .optional("applicant_name_token", StringType)
      .optional("applicant_id_token", StringType)
      .optional("applicant_phone_token", StringType)
      .optional("feed", StringType)
      .optional("batch_id", StringType)
      .optional("source_file", StringType)
      .optional("source_line", LongType)
      .optional("export_date", DateType)
      .optional("snapshot_key", StringType)),
  /** One row per rejected raw record, with its reason code. */
  SILVER_QUARANTINE("silver", "quarantine", List.of(), Set.of(), Columns.of()
      .optional("batch_id", StringType)
      .optional("feed", StringType)
      .optional("source_file", StringType)
      .optional("line_number", LongType)
      .optional("export_date", DateType)
      .optional("file_hash", StringType)
      .optional("ingested_at", TimestampType)
      .optional("dossier_id", StringType)
      .optional("reason", StringType)
      .optional("detail", StringType)
      .optional("record", StringType)
      .added("released_run_id", StringType)
      .added("released_at", TimestampType)),
  /** One row per agency code and validity interval of the agency snapshots. */
  SILVER_AGENCIES("silver", "agencies", List.of(), Set.of(), Columns.of()
      .optional("agency_code", StringType)
      .optional("agency_name", StringType)
      .optional("level", StringType)
      .optional("district_code", StringType)
      .optional("ward_code", StringType)
      .required("valid_from", DateType)
      .optional("valid_to", DateType)
      .required("snapshot_file", StringType)),
  /** One row per procedure code and validity interval of the catalogue snapshots. */
  SILVER_PROCEDURES("silver", "procedures", List.of(), Set.of(), Columns.of()
      .optional("procedure_code", StringType)
      .optional("procedure_name", StringType)
      .optional("sector", StringType)
      .optional("level", StringType)
      .optional("internal", BooleanType)
      .optional("published", BooleanType)
      .optional("online_eligible", BooleanType)
      .optional("online_offered", StringType)
      .optional("on_city_portal", BooleanType)
      .optional("on_national_portal", BooleanType)
      .optional("mobile_enabled", BooleanType)
      .optional("deadline_working_days", IntegerType)
      .required("valid_from", DateType)
      .optional("valid_to", DateType)
      .required("snapshot_file", StringType)),
  /** One row per month and agency of feed C. */
  SILVER_WORK_FILES("silver", "work_files", List.of(), Set.of(), Columns.of()
      .required("period_month", DateType)
      .required("agency_code", StringType)
      .optional("level", StringType)
      .optional("district_code", StringType)
      .required("total", LongType)
      .required("processed_online", LongType)
      .required("classified", LongType)
      .required("source_file", StringType)
      .required("source_line", LongType)),
  /** One row per target, year and scope of feed D. */
  SILVER_INDICATORS("silver", "indicators", List.of(), Set.of(), Columns.of()
      .required("target_id", StringType)
      .required("year", IntegerType)
      .required("scope_code", StringType)
      .required("numerator", LongType)
      .required("denominator", LongType)
      .optional("note", StringType)
      .required("source_file", StringType)
      .required("source_line", LongType)),
  /**
   * Internal (not published): the events of {@code silver.cases} summed per local month and agency,
   * kept by {@code marts} and moved by each day's change feed; {@code gold.case_monthly} is rolled up
   * from it (docs/MARTS.md, "How the counts are kept").
   */
  SILVER_CASE_FLOWS("silver", "case_flows", List.of(), Set.of(), Columns.of()
      .required("period_month", DateType)
      .optional("agency_code", StringType)
      .optional("level", StringType)
      .optional("district_code", StringType)
      .required("sector", StringType)
      .requiredCounts("received_new", "received_desk", "received_online", "received_postal",
          "received_full_online", "received_partial_online", "interagency", "e_circulated", "prior_documents",
          "data_reused", "digitised", "paid_online", "mobile", "eid_verified", "resolved", "resolved_early",
          "resolved_on_time", "resolved_late", "late_with_apology", "withdrawn", "rated", "rated_satisfied",
          "open_change", "overdue_change", "span_received", "span_exported", "span_latest")),
  /** Month x scope x sector: the official report form and the digital-government counters. */
  GOLD_CASE_MONTHLY("gold", "case_monthly", List.of(), Set.of(), Columns.of()
      .required("period_month", DateType)
      .required("scope_type", StringType)
      .required("scope_code", StringType)
      .required("sector", StringType)
      .requiredCounts("carried_over", "received_new", "received_desk", "received_online", "received_postal",
          "received_full_online", "received_partial_online", "resolved", "resolved_early", "resolved_on_time",
          "resolved_late", "late_with_apology", "withdrawn", "pending_end", "pending_overdue",
          "pending_in_time", "interagency", "e_circulated", "prior_documents", "data_reused", "digitised",
          "paid_online", "mobile", "eid_verified", "rated", "rated_satisfied")
      .optional("on_time_rate", DoubleType)
      .optional("late_rate", DoubleType)
      .optional("apology_rate", DoubleType)
      .optional("online_rate", DoubleType)
      .optional("full_online_rate", DoubleType)
      .optional("e_circulation_rate", DoubleType)
      .optional("data_reuse_rate", DoubleType)
      .optional("digitisation_rate", DoubleType)
      .optional("eid_rate", DoubleType)
      .optional("satisfaction_rate", DoubleType)),
  /** Month x scope (level, city): catalogue KPIs from the snapshot in force on the month's last day. */
  GOLD_PROCEDURE_MONTHLY("gold", "procedure_monthly", List.of(), Set.of(), Columns.of()
      .optional("period_month", DateType)
      .required("scope_type", StringType)
      .optional("scope_code", StringType)
      .optional("procedures", LongType)
      .optional("online_eligible", LongType)
      .optional("online_available", LongType)
      .optional("full_online_available", LongType)
      .optional("on_national_portal", LongType)
      .optional("full_online_offered", LongType)
      .optional("mobile_enabled_full", LongType)
      .optional("internal_procedures", LongType)
      .optional("internal_published", LongType)
      .optional("online_available_rate", DoubleType)
      .optional("full_online_available_rate", DoubleType)
      .optional("national_portal_rate", DoubleType)
      .optional("mobile_available_rate", DoubleType)
      .optional("internal_published_rate", DoubleType)),
  /** Month x scope with at least one work-file row of feed C. */
  GOLD_WORK_MONTHLY("gold", "work_monthly", List.of(), Set.of(), Columns.of()
      .required("period_month", DateType)
      .required("scope_type", StringType)
      .optional("scope_code", StringType)
      .optional("total", LongType)
      .optional("classified", LongType)
      .optional("processed_online", LongType)
      .optional("work_online_rate", DoubleType)),
  /** Year x scope x target: every target of targets.csv, the city every year. */
  GOLD_TARGET_ATTAINMENT("gold", "target_attainment", List.of(), Set.of(), Columns.of()
      .required("year", IntegerType)
      .required("scope_type", StringType)
      .required("scope_code", StringType)
      .required("scope_name", StringType)
      .required("target_id", StringType)
      .optional("phase", StringType)
      .required("metric", StringType)
      .optional("scope_filter", StringType)
      .required("measured_from", StringType)
      .required("months_covered", IntegerType)
      .optional("numerator", LongType)
      .optional("denominator", LongType)
      .optional("actual", DoubleType)
      .required("comparator", StringType)
      .required("threshold", DoubleType)
      .optional("threshold_high", DoubleType)
      .optional("gap", DoubleType)
      .required("status", StringType)),
  /** Month x scope x indicator: the service index of Decision 766/QĐ-TTg, its groups and its total. */
  GOLD_SERVICE_INDEX("gold", "service_index", List.of(), Set.of(), Columns.of()
      .required("period_month", DateType)
      .required("scope_type", StringType)
      .required("scope_code", StringType)
      .required("indicator_id", StringType)
      .required("group_id", IntegerType)
      .required("group_max_points", DoubleType)
      .required("indicator_name", StringType)
      .required("max_points", DoubleType)
      .required("status", StringType)
      .optional("numerator", LongType)
      .optional("denominator", LongType)
      .optional("rate", DoubleType)
      .optional("points", DoubleType)
      .required("group_measurable_max", DoubleType)
      .optional("group_points", DoubleType)
      .required("measurable_max", DoubleType)
      .optional("total_points", DoubleType)
      .optional("score_100", DoubleType)),
  /** Scope x target: each target's monthly trend, projected to 2025 and 2030, and when it meets the target at this pace. */
  GOLD_TARGET_TRAJECTORY("gold", "target_trajectory", List.of(), Set.of(), Columns.of()
      .required("scope_type", StringType)
      .required("scope_code", StringType)
      .required("scope_name", StringType)
      .required("target_id", StringType)
      .optional("phase", StringType)
      .required("metric", StringType)
      .optional("scope_filter", StringType)
      .required("comparator", StringType)
      .required("threshold", DoubleType)
      .optional("threshold_high", DoubleType)
      .required("deadline", DateType)
      .required("months", IntegerType)
      .optional("first_month", DateType)
      .optional("as_of_month", DateType)
      .optional("now_year", IntegerType)
      .optional("actual_now", DoubleType)
      .optional("meets_now", BooleanType)
      .optional("trend_now", DoubleType)
      .optional("slope_per_year", DoubleType)
      .optional("residual_sd", DoubleType)
      .optional("projected_2025", DoubleType)
      .optional("projected_2025_low", DoubleType)
      .optional("projected_2025_high", DoubleType)
      .optional("projected_2030", DoubleType)
      .optional("projected_2030_low", DoubleType)
      .optional("projected_2030_high", DoubleType)
      .optional("reaches_month", DateType)
      .required("outlook", StringType)
      .required("at_risk", BooleanType)),
  /** The scopes of the marts with their Vietnamese names, district and level, per validity interval. */
  GOLD_SCOPE("gold", "scope", List.of(), Set.of(), Columns.of()
      .required("scope_type", StringType)
      .required("scope_code", StringType)
      .required("valid_from", DateType)
      .optional("valid_to", DateType)
      .required("scope_name", StringType)
      .optional("level", StringType)
      .optional("district_code", StringType)
      .optional("district_name", StringType)
      .optional("ward_code", StringType)
      .required("is_latest", BooleanType)),
  /** The sector codes of the marts with their Vietnamese and English names. */
  GOLD_SECTOR("gold", "sector", List.of(), Set.of(), Columns.of()
      .required("sector", StringType)
      .required("sector_name", StringType)
      .required("sector_name_en", StringType)),
  /** One row per ingest batch, written by the normalize run that took it: nothing was lost. */
  OPS_RECONCILIATION("ops", "reconciliation", List.of(), Set.of(), Columns.of()
      .required("batch_id", StringType)
      .required("ingested_at", TimestampType)
      .required("files", IntegerType)
      .required("raw_records", LongType)
      .required("bronze_rows", LongType)
      .required("normalized_at", TimestampType)
      .optional("normalize_run_id", StringType)
      .optional("silver_rows", LongType)
      .optional("superseded_rows", LongType)
      .optional("quarantined_rows", LongType)
      .optional("balanced", BooleanType)),
  /**
   * One row per replay (normalize, {@code vn.hcmc.cchc.normalize.Replay}): the reference versions its
   * records were judged against again, and what changed; the latest row is the next replay's baseline.
   */
  OPS_REPLAYS("ops", "replays", List.of(), Set.of(), Columns.of()
      .required("run_id", StringType)
      .required("replayed_at", TimestampType)
      .required("scope", StringType)
      .optional("agencies_version", LongType)
      .optional("procedures_version", LongType)
      .required("changed_codes", IntegerType)
      .requiredCounts("records_judged", "released_rows", "reasons_changed_rows", "quarantined_rows",
          "silver_updated", "silver_deleted")
      .optional("first_month", DateType)),
  /** The run audit: one row per command run on the warehouse ({@code vn.hcmc.cchc.ops.RunRecord}). */
  OPS_RUNS("ops", "runs", List.of(), Set.of(), Columns.of()
      .required("run_id", StringType)
      .required("command", StringType)
      .required("arguments", StringType)
      .optional("conf_file", StringType)
      .optional("spark_master", StringType)
      .optional("spark_application_id", StringType)
      .optional("date_from", DateType)
      .optional("date_to", DateType)
      .required("started_at", TimestampType)
      .required("ended_at", TimestampType)
      .required("seconds", DoubleType)
      .required("status", StringType)
      .optional("error", StringType)
      // Delta takes no NOT NULL inside an array: the nested fields are nullable by force
      .required("stages", createArrayType(new StructType().add("stage", StringType).add("rows_in", LongType)
          .add("rows_out", LongType).add("rows_quarantined", LongType).add("seconds", DoubleType)
          .add("detail", StringType), true))
      .required("versions", createArrayType(new StructType().add("table_name", StringType)
          .add("version", LongType), true))),
  /** One row per quality rule and scope a run evaluated ({@code conf/quality.csv}): what its batches' quarantine looked like. */
  OPS_QUALITY("ops", "quality", List.of(), Set.of(), Columns.of()
      .required("run_id", StringType)
      .required("rule_id", StringType)
      .required("per", StringType)
      .required("scope", StringType)
      .required("feed", StringType)
      .required("reason", StringType)
      .required("records", LongType)
      .required("quarantined", LongType)
      .required("observed", DoubleType)
      .required("threshold", DoubleType)
      .required("severity", StringType)
      .required("outcome", StringType)
      .required("worst_file", StringType)
      .required("evaluated_at", TimestampType)
      .required("batches", createArrayType(StringType, true)));

  private final String layer;
  private final String table;
  private final List<String> layoutKeys;
  private final Set<Feature> features;
  private final Dictionary.Entry entry;
  private final Columns columns;

  Table(String layer, String table, List<String> layoutKeys, Set<Feature> features, Columns columns) {
    this.layer = layer;
    this.table = table;
    this.layoutKeys = layoutKeys;
    this.features = features;
    this.entry = Dictionary.entry(layer, table);
    this.columns = columns.described(entry);
  }

  /**
   * A Delta feature a table is created with when it needs it. A table with none has the plainest
   * protocol (reader version 1), which every Delta reader takes; delta-rs, Polars, Presto and older
   * Snowflake readers refuse deletion vectors.
   */
  public enum Feature {
    /** Row-level pre- and post-images of every commit (writer version 4): what the marts' refresh reads. */
    CHANGE_FEED("delta.enableChangeDataFeed"),
    /**
     * A MERGE, UPDATE or DELETE marks the rows it replaces instead of rewriting their files; a reader
     * needs reader version 3 and the feature, which some readers refuse.
     */
    DELETION_VECTORS("delta.enableDeletionVectors");

    private final String property;

    Feature(String property) {
      this.property = property;
    }

    /** The table property that turns it on. */
    public String property() {
      return property;
    }
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
    return features.contains(Feature.CHANGE_FEED);
  }

  /** The Delta features the table is created with; none but where its writes need one. */
  public Set<Feature> features() {
    return features;
  }

  /**
   * The Delta {@code CHECK} constraints the table carries, name to SQL expression ({@link
   * TableChecks}): what every writer, ours or another, must keep.
   */
  public java.util.Map<String, String> checks() {
    return TableChecks.of(this);
  }

  /** What the table holds, in English and Vietnamese (the {@link Dictionary}'s). */
  public Dictionary.Text text() {
    return entry.text();
  }

  /** The columns whose values identify one row (the {@link Dictionary}'s): its primary key where it is published. */
  public List<String> grain() {
    return entry.grain();
  }

  /**
   * The name of the table's view with Vietnamese column labels in {@code publish}'s labelled schema
   * (the {@link Dictionary}'s); empty for a table that is not published.
   */
  public String labelledView() {
    return entry.view();
  }

  /** The columns the {@link Dictionary} describes for this table, whether declared or not (a test compares). */
  public java.util.Set<String> describedColumns() {
    return entry.columns().keySet();
  }

  /** The declared columns, in table order, each with its texts. */
  public Columns columns() {
    return columns;
  }

  /** The declared columns as a Spark schema: what a stage builds the table's rows with. */
  public StructType schema() {
    return columns.schema();
  }
}
