package vn.hcmc.cchc.marts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hcmc.cchc.marts.CaseMonthly.MonthRange;
import vn.hcmc.cchc.config.ReferenceCsv;
import vn.hcmc.cchc.reference.ReferenceFiles;
import vn.hcmc.cchc.reference.ScopeNames;
import vn.hcmc.cchc.reference.ServiceIndex;
import vn.hcmc.cchc.session.Stopwatch;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * {@code marts}: silver into the gold marts. {@code gold.case_monthly} is refreshed from the first
 * month that the changes of {@code silver.cases} since the last build can reach (read from its
 * change feed; later months follow because stocks carry over), or rebuilt whole with {@code full}
 * or when the change feed cannot answer. The small marts ({@code gold.procedure_monthly}, {@code
 * gold.work_monthly}, {@code gold.target_attainment}) are rebuilt whole, the first two only when their
 * own inputs moved (a daily run usually leaves them alone); so are the dimensions {@code gold.scope}
 * and {@code gold.sector} ({@link Dimensions}), only when their rows change, and the service index
 * {@code gold.service_index} ({@link ServiceIndex}) when the marts it reads or its indicators moved. The identity of {@code
 * gold.case_monthly} must hold in every row, and no count of any gold table may be below 0: the
 * run fails before writing a table that breaks either (one line naming table, row and column).
 *
 * <p>Each silver input is read once, at the start of {@link #run}, and the marts are functions of
 * those frames ({@link CaseMonthly}, {@link ProcedureMonthly}, {@link WorkMonthly}, {@link
 * TargetAttainment} read no table). The gold marts that {@code gold.target_attainment} is computed
 * from are read back once they are written: a refresh rewrites only some months of {@code
 * gold.case_monthly}.
 *
 * <p>{@code gold.target_attainment} is written last; its commit records the versions of every input
 * it was built from, so a run whose inputs did not move writes nothing, and a run that crashed
 * half-way is redone from the same point (the refresh is idempotent).
 */
public final class MartsJob {
  private static final Logger LOG = LoggerFactory.getLogger(MartsJob.class);
  private static final Pattern BUILT_FROM = Pattern.compile("built from (\\S+)");
  /** What every build that finds data writes, whatever moved: the dimensions, the index, the attainment. */
  private static final List<Table> EVERY_BUILD = List.of(Table.GOLD_SCOPE, Table.GOLD_SECTOR,
      Table.GOLD_SERVICE_INDEX, Table.GOLD_TARGET_TRAJECTORY, Table.GOLD_TARGET_ATTAINMENT);
  private static final List<Table> INPUTS = List.of(Table.SILVER_CASES, Table.SILVER_AGENCIES,
      Table.SILVER_PROCEDURES, Table.SILVER_WORK_FILES, Table.SILVER_INDICATORS);

  /**
   * What one run did.
   *
   * @param changed whether any gold table was written (false only when the inputs had not moved)
   * @param caseMonthsFrom the first month of {@code gold.case_monthly} rewritten, {@code null} when none
   * @param fullRebuild whether {@code gold.case_monthly} was rebuilt whole
   * @param caseRows rows written to {@code gold.case_monthly}
   */
  public record Result(boolean changed, LocalDate caseMonthsFrom, boolean fullRebuild, long caseRows) {}

  private final Warehouse warehouse;
  private final DeltaWriter writer;
  private final Path referenceDir;

  public MartsJob(Warehouse warehouse, DeltaWriter writer, Path referenceDir) {
    this.warehouse = warehouse;
    this.writer = writer;
    this.referenceDir = referenceDir;
  }

  /** Brings the marts up to date with silver; {@code full} rebuilds {@code gold.case_monthly} whole. */
  public Result run(boolean full) {
    Stopwatch clock = Stopwatch.start();
    // read before any write: a targets, sectors or service-index file that cannot be judged fails the stage with nothing committed
    List<ReformTarget> targets = ReformTarget.load(referenceDir.resolve(ReformTarget.FILE));
    List<ReferenceCsv.Line> sectorNames = ReferenceCsv.read(referenceDir.resolve(ReferenceFiles.SECTORS));
    Dimensions.sectors(sectorNames, List.of());
    List<ServiceIndex.Indicator> serviceIndicators = ServiceIndex.parse(
        ReferenceCsv.read(referenceDir.resolve(ReferenceFiles.SERVICE_INDEX)), ReferenceFiles.SERVICE_INDEX);
    String inputs = inputVersions();
    String built = builtFrom();
    // a warehouse built before a table of EVERY_BUILD existed gets it on its next run, moved inputs or not
    if (!full && inputs.equals(built) && EVERY_BUILD.stream().allMatch(warehouse::exists)) {
      LOG.info("marts: up to date with {}", inputs);
      return new Result(false, null, false, 0);
    }
    // each input is read here, once; the marts are computed from these frames
    Dataset<Row> workFiles = readIfExists(Table.SILVER_WORK_FILES);
    Dataset<Row> procedures = readIfExists(Table.SILVER_PROCEDURES);
    Dataset<Row> agencies = readIfExists(Table.SILVER_AGENCIES);
    Dataset<Row> indicators = readIfExists(Table.SILVER_INDICATORS);
    Result result = new Result(false, null, false, 0);
    Optional<MonthRange> cases = Optional.empty();
    if (warehouse.exists(Table.SILVER_CASES)) {
      Flows flows = caseFlows(full);
      try {
        cases = CaseMonthly.span(flows.table());
        Plan plan = full || built == null ? Plan.WHOLE : null;
        long builtVersion = built == null ? -1 : versionIn(built, Table.SILVER_CASES);
        result = cases.map(w -> refreshCaseMonthly(flows, w, plan, builtVersion))
            .orElse(result);
      } finally {
        flows.release();
      }
    }
    MonthRange window = months(cases, workFiles);
    if (window == null) {
      LOG.info("marts: no case or work data yet");
      return new Result(false, null, false, 0);
    }
    if (procedures != null) {
      rebuildUnlessBuiltFrom(Table.GOLD_PROCEDURE_MONTHLY, versionOf(Table.SILVER_PROCEDURES) + " months "
          + window.from() + ".." + window.to(), () -> ProcedureMonthly.compute(warehouse.spark(), procedures,
              window.from(), window.to()), ProcedureMonthly::checkCounts);
    }
    if (workFiles != null) {
      rebuildUnlessBuiltFrom(Table.GOLD_WORK_MONTHLY, versionOf(Table.SILVER_WORK_FILES),
          () -> WorkMonthly.compute(workFiles), WorkMonthly::checkCounts);
    }
    // the gold marts as this run left them: a refresh rewrote only some months of gold.case_monthly;
    // read once (a few ten thousand rows), for the attainment aggregates it once per target filter
    Dataset<Row> caseMonthly = readIfExists(Table.GOLD_CASE_MONTHLY);
    Dataset<Row> procedureMonthly = readIfExists(Table.GOLD_PROCEDURE_MONTHLY);
    if (caseMonthly != null) {
      caseMonthly = caseMonthly.cache();
    }
    ScopeNames names = ScopeNames.load(referenceDir, agencies);
    Dataset<Row> attainment;
    Dataset<Row> trajectory;
    try {
      rebuildDimensions(caseMonthly, procedureMonthly, agencies, names, sectorNames);
      Dataset<Row> monthly = caseMonthly;
      rebuildUnlessBuiltFrom(Table.GOLD_SERVICE_INDEX, versionIfExists(Table.GOLD_CASE_MONTHLY) + ","
          + versionIfExists(Table.GOLD_PROCEDURE_MONTHLY) + " indicators " + digest(serviceIndicators),
          () -> ServiceIndex.compute(warehouse.spark(), serviceIndicators, monthly, procedureMonthly), rows -> {});
      TargetAttainment.Inputs measured = new TargetAttainment.Inputs(caseMonthly, procedureMonthly, workFiles, indicators);
      // the month sums once: the attainment adds them up to years, the trajectories fit lines to them
      List<TargetAttainment.Measure> months = TargetAttainment.measures(targets, measured, TargetAttainment.Period.MONTH);
      attainment = TargetAttainment.compute(warehouse.spark(), targets, names, measured, months);
      Stopwatch trend = Stopwatch.start();
      trajectory = TargetTrajectory.compute(warehouse.spark(), targets, names, months, attainment);
      LOG.info("marts: target trajectories fitted; {}", trend);
    } finally {
      if (caseMonthly != null) {
        caseMonthly.unpersist();
      }
    }
    TargetAttainment.checkCounts(attainment);
    writer.overwrite(Table.GOLD_TARGET_TRAJECTORY, trajectory, writer.runId() + " built from " + inputs);
    // written last: its commit says which inputs the marts were built from
    writer.overwrite(Table.GOLD_TARGET_ATTAINMENT, attainment, writer.runId() + " built from " + inputs);
    LOG.info("marts: built from {}: gold.case_monthly {}; {}", inputs,
        result.caseMonthsFrom() == null ? "unchanged"
            : (result.fullRebuild() ? "rebuilt whole" : "refreshed from " + result.caseMonthsFrom())
                + " (" + result.caseRows() + " rows)", clock);
    // the small marts and the attainment were written even when gold.case_monthly was not
    return new Result(true, result.caseMonthsFrom(), result.fullRebuild(), result.caseRows());
  }

  /**
   * {@code gold.scope} and {@code gold.sector}, from the agency intervals, the scopes and sectors
   * the marts now have rows for ({@code caseMonthly}, {@code procedureMonthly}: those marts as this
   * run left them, {@code null} when there are none), the reference names and the lines of the sectors file; each is written only when its rows
   * differ from the last ones written (its commit records a digest of them).
   */
  private void rebuildDimensions(Dataset<Row> caseMonthly, Dataset<Row> procedureMonthly, Dataset<Row> agencies,
      ScopeNames names, List<ReferenceCsv.Line> sectorNames) {
    Stopwatch clock = Stopwatch.start();
    List<Dataset<Row>> marts = new ArrayList<>();
    for (Dataset<Row> mart : java.util.Arrays.asList(caseMonthly, readIfExists(Table.GOLD_WORK_MONTHLY),
        procedureMonthly)) {
      if (mart != null) {
        marts.add(mart.select("scope_type", "scope_code", "period_month"));
      }
    }
    List<Dimensions.SeenScope> seen = marts.stream().reduce(Dataset::union)
        .map(all -> all.filter(col("scope_code").isNotNull()).groupBy("scope_type", "scope_code")
            .agg(min("period_month")).collectAsList())
        .orElse(List.of()).stream()
        .map(r -> new Dimensions.SeenScope(r.getString(0), r.getString(1), r.getLocalDate(2))).toList();
    List<Dimensions.AgencyInterval> intervals = agencies == null ? List.of()
        : agencies.select("agency_code", "agency_name", "level", "district_code", "ward_code", "valid_from", "valid_to")
            .collectAsList().stream().map(r -> new Dimensions.AgencyInterval(r.getString(0), r.getString(1),
                r.getString(2), r.getString(3), r.getString(4), r.getLocalDate(5), r.getLocalDate(6))).toList();
    List<String> sectors = caseMonthly == null ? List.of()
        : caseMonthly.select("sector").distinct().collectAsList().stream().map(r -> r.getString(0)).toList();
    rebuildIfChanged(Table.GOLD_SCOPE, Dimensions.scopes(intervals, seen, names));
    rebuildIfChanged(Table.GOLD_SECTOR,
        Dimensions.sectors(sectorNames, sectors));
    LOG.info("marts: dimensions up to date; {}", clock);
  }

  /** Overwrites a small table with {@code rows} unless its last commit was built from the same rows. */
  private void rebuildIfChanged(Table table, List<Row> rows) {
    rebuildUnlessBuiltFrom(table, "rows " + digest(rows) + " (" + rows.size() + ")",
        () -> warehouse.spark().createDataFrame(rows, table.schema()), built -> {});
  }

  /** A digest of what a list prints: equal lists, equal digests. */
  private static String digest(List<?> values) {
    return UUID.nameUUIDFromBytes(values.toString().getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** {@code layer.name@version}, or {@code layer.name@none} when the table does not exist. */
  private String versionIfExists(Table table) {
    return warehouse.exists(table) ? versionOf(table) : table.sqlName() + "@none";
  }

  /** The table's rows, or {@code null} when it does not exist yet. */
  private Dataset<Row> readIfExists(Table table) {
    return warehouse.exists(table) ? warehouse.read(table) : null;
  }

  /** How {@code gold.case_monthly} is brought up to date: rebuilt whole, refreshed from a month, or left alone. */
  private record Plan(boolean whole, LocalDate from) {
    static final Plan WHOLE = new Plan(true, null);
    static final Plan NOTHING = new Plan(false, null);

    static Plan from(LocalDate month) {
      return new Plan(false, month);
    }
  }

  /**
   * {@code silver.case_flows} brought up to the current version of {@code silver.cases}, and what
   * it moved by.
   *
   * @param table the flows now (cached: the months, the refresh and the plan read it)
   * @param builtFrom the version of {@code silver.cases} the flows were at before this run; -1 when rebuilt
   * @param difference what the changes after {@code builtFrom} moved; {@code null} when rebuilt or none
   */
  private record Flows(Dataset<Row> table, long builtFrom, Dataset<Row> difference) {
    void release() {
      table.unpersist();
      if (difference != null) {
        difference.unpersist();
      }
    }
  }

  /**
   * Brings {@code silver.case_flows} up to date: the change feed of {@code silver.cases} since the
   * version the table was built from ({@code built from silver.cases@N} in its last commit) gives
   * the difference, added to the table; rebuilt from all of {@code silver.cases} with {@code full},
   * when it does not exist, or when the feed cannot answer. One commit either way, so a run that
   * stops after it resumes from the version it recorded.
   */
  private Flows caseFlows(boolean full) {
    Stopwatch clock = Stopwatch.start();
    long version = warehouse.version(Table.SILVER_CASES);
    long at = full || !warehouse.exists(Table.SILVER_CASE_FLOWS) ? -1
        : versionIn(String.valueOf(warehouse.lastCommitMetadata(Table.SILVER_CASE_FLOWS)), Table.SILVER_CASES);
    if (at >= 0 && at <= version) {
      Dataset<Row> difference = at == version ? null : difference(at, version);
      if (at == version || difference != null) {
        Dataset<Row> old = warehouse.read(Table.SILVER_CASE_FLOWS);
        if (difference != null) {
          writer.overwrite(Table.SILVER_CASE_FLOWS, CaseMonthly.plus(old, difference),
              writer.runId() + " built from " + versionOf(Table.SILVER_CASES, version));
          LOG.info("marts: silver.case_flows moved by silver.cases@{}..{}; {}", at + 1, version, clock);
        }
        return new Flows(warehouse.read(Table.SILVER_CASE_FLOWS).cache(), at, difference);
      }
    }
    Dataset<Row> silver = warehouse.read(Table.SILVER_CASES).select(columns());
    writer.overwrite(Table.SILVER_CASE_FLOWS, CaseMonthly.flows(silver),
        writer.runId() + " built from " + versionOf(Table.SILVER_CASES, version));
    LOG.info("marts: silver.case_flows rebuilt from silver.cases@{}; {}", version, clock);
    return new Flows(warehouse.read(Table.SILVER_CASE_FLOWS).cache(), -1, null);
  }

  /** What the changes of {@code silver.cases} in versions {@code (after, to]} move; {@code null} when the feed cannot say. */
  private Dataset<Row> difference(long after, long to) {
    try {
      // each change-feed file read once: pre-images (update_preimage, delete) count negatively
      Dataset<Row> feed = warehouse.changes(Table.SILVER_CASES, after + 1, to);
      Dataset<Row> difference = CaseMonthly.difference(feed, col("_change_type").isin("update_preimage", "delete"))
          .persist(StorageLevel.MEMORY_AND_DISK());
      difference.isEmpty(); // the feed is read here: a version it does not cover fails now, not later
      return difference;
    } catch (Exception e) {
      // Delta's AnalysisException is checked in Scala only: any failure to read the feed lands here
      LOG.warn("marts: no change feed of silver.cases for versions {}..{} ({}); rebuilding from silver.cases whole",
          after + 1, to, String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
      return null;
    }
  }

  /**
   * {@code gold.case_monthly} from the first month the changes since {@code builtVersion} (the
   * marts' last build) reach, or whole ({@code plan} {@link Plan#WHOLE}), from the flows.
   */
  private Result refreshCaseMonthly(Flows flows, MonthRange now, Plan given, long builtVersion) {
    Stopwatch clock = Stopwatch.start();
    Plan plan = given != null ? given : plan(now, builtVersion, flows);
    if (plan == Plan.NOTHING) {
      LOG.info("marts: gold.case_monthly unchanged (no change to silver.cases moves a count)");
      return new Result(false, null, false, 0);
    }
    LocalDate first = plan.whole() ? now.from() : plan.from();
    Dataset<Row> monthly = CaseMonthly.fromFlows(flows.table(), first, now.to()).cache();
    try {
      CaseMonthly.checkIdentity(monthly);
      CaseMonthly.checkCounts(monthly);
      if (plan.whole()) {
        writer.overwrite(Table.GOLD_CASE_MONTHLY, monthly);
      } else {
        writer.replaceWhere(Table.GOLD_CASE_MONTHLY, monthly, "period_month >= DATE'" + first + "'");
      }
      long rows = monthly.count();
      LOG.info("marts: gold.case_monthly {} {} .. {}: {} rows, identity holds, no count below 0; {}",
          plan.whole() ? "rebuilt" : "refreshed", first, now.to(), rows, clock);
      return new Result(true, first, plan.whole(), rows);
    } finally {
      monthly.unpersist();
    }
  }

  /**
   * What the changes of {@code silver.cases} after {@code builtVersion} need: the first month whose
   * rows they can change; nothing; or a whole rebuild (no earlier build, the window shrank, or the
   * change feed does not cover the versions). The flows' own difference answers when it covers
   * exactly those versions (a daily run); otherwise the feed is read again for them.
   */
  private Plan plan(MonthRange now, long builtVersion, Flows flows) {
    long version = warehouse.version(Table.SILVER_CASES);
    if (builtVersion < 0 || !warehouse.exists(Table.GOLD_CASE_MONTHLY)) {
      return Plan.WHOLE;
    }
    Row old = warehouse.read(Table.GOLD_CASE_MONTHLY).agg(min("period_month"), max("period_month")).head();
    if (old.isNullAt(0) || now.to().isBefore(old.getLocalDate(1))) {
      return Plan.WHOLE;
    }
    LocalDate oldTo = old.getLocalDate(1);
    LocalDate from = now.from().isBefore(old.getLocalDate(0)) ? now.from() : old.getLocalDate(0);
    Optional<LocalDate> changed = Optional.empty();
    if (version > builtVersion) {
      if (flows.builtFrom() == builtVersion) {
        changed = flows.difference() == null ? Optional.empty()
            : CaseMonthly.firstChangedMonth(flows.difference(), from, now.to());
      } else {
        // the flows were built from another version (rebuilt, or a run stopped between them and the marts)
        Dataset<Row> difference = difference(builtVersion, version);
        if (difference == null) {
          return Plan.WHOLE;
        }
        try {
          changed = CaseMonthly.firstChangedMonth(difference, from, now.to());
        } finally {
          difference.unpersist();
        }
      }
    }
    if (now.to().isAfter(oldTo)) {
      LocalDate next = oldTo.plusMonths(1);
      changed = Optional.of(changed.filter(c -> c.isBefore(next)).orElse(next));
    }
    return changed.map(Plan::from).orElse(Plan.NOTHING);
  }

  /** What the case marts read of silver.cases. */
  private static org.apache.spark.sql.Column[] columns() {
    return CaseMonthly.INPUT_COLUMNS.stream().map(org.apache.spark.sql.functions::col)
        .toArray(org.apache.spark.sql.Column[]::new);
  }

  /**
   * The months of every monthly mart: the case data's, widened to the months of {@code workFiles}
   * ({@code silver.work_files}, {@code null} when it does not exist); {@code null} when neither has any.
   */
  static MonthRange months(Optional<MonthRange> cases, Dataset<Row> workFiles) {
    LocalDate from = cases.map(MonthRange::from).orElse(null);
    LocalDate to = cases.map(MonthRange::to).orElse(null);
    if (workFiles != null) {
      Row span = workFiles.agg(min("period_month"), max("period_month")).head();
      if (!span.isNullAt(0)) {
        from = from == null || span.getLocalDate(0).isBefore(from) ? span.getLocalDate(0) : from;
        to = to == null || span.getLocalDate(1).isAfter(to) ? span.getLocalDate(1) : to;
      }
    }
    return from == null ? null : new MonthRange(from, to);
  }

  /**
   * Rebuilds a small mart whole unless its latest commit says it was built from {@code source}
   * (its inputs' versions and months): a daily run whose changes do not reach it leaves it alone.
   * {@code check} runs on the rows before they are written, and throws to write nothing.
   */
  private void rebuildUnlessBuiltFrom(Table table, String source, Supplier<Dataset<Row>> rows,
      Consumer<Dataset<Row>> check) {
    String meta = warehouse.exists(table) ? warehouse.lastCommitMetadata(table) : null;
    if (meta != null && meta.endsWith(" built from " + source)) {
      LOG.info("marts: {} unchanged (built from {})", table.sqlName(), source);
      return;
    }
    Stopwatch clock = Stopwatch.start();
    Dataset<Row> built = rows.get();
    check.accept(built);
    writer.overwrite(table, built, writer.runId() + " built from " + source);
    LOG.info("marts: {} rebuilt (from {}); {}", table.sqlName(), source, clock);
  }

  private String versionOf(Table table) {
    return versionOf(table, warehouse.version(table));
  }

  private static String versionOf(Table table, long version) {
    return table.sqlName() + "@" + version;
  }

  /** The inputs' versions as one token, e.g. {@code silver.cases@12,silver.agencies@1,...}. */
  private String inputVersions() {
    List<String> parts = new ArrayList<>();
    for (Table t : INPUTS) {
      parts.add(versionOf(t));
    }
    return String.join(",", parts);
  }

  /** The inputs the current marts were built from, {@code null} when they never were. */
  private String builtFrom() {
    if (!warehouse.exists(Table.GOLD_TARGET_ATTAINMENT)) {
      return null;
    }
    String meta = warehouse.lastCommitMetadata(Table.GOLD_TARGET_ATTAINMENT);
    Matcher m = meta == null ? null : BUILT_FROM.matcher(meta);
    return m != null && m.find() ? m.group(1) : null;
  }

  private static long versionIn(String inputs, Table table) {
    Matcher m = Pattern.compile(Pattern.quote(table.sqlName()) + "@(-?\\d+)").matcher(inputs);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }
}
