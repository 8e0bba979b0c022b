package vn.hcmc.cchc.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import vn.hcmc.cchc.config.UsageException;
import vn.hcmc.cchc.ingest.ExportWindow;
import vn.hcmc.cchc.ingest.IngestJob;
import vn.hcmc.cchc.marts.MartsJob;
import vn.hcmc.cchc.normalize.NormalizeJob;
import vn.hcmc.cchc.ops.MaintainJob;
import vn.hcmc.cchc.ops.RestoreJob;
import vn.hcmc.cchc.ops.RunRecord;
import vn.hcmc.cchc.pii.Pseudonymizer;
import vn.hcmc.cchc.quality.QualityCheck;
import vn.hcmc.cchc.quality.QualityFailure;
import vn.hcmc.cchc.quality.QualityRules;
import vn.hcmc.cchc.serve.CatalogSync;
import vn.hcmc.cchc.serve.Metastore;
import vn.hcmc.cchc.session.Stopwatch;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * The stages a {@link Pipeline} run is made of, each what one command does: the job's call, and the
 * line {@code ops.runs} keeps of it (rows in and out, seconds, a detail a person reads).
 */
public final class Stages {
  private Stages() {}

  /** New raw files of {@code window} into bronze, reference and side feeds into silver. */
  public static Pipeline.Stage ingest(String rawRoot, ExportWindow window, Pseudonymizer pii) {
    return new Pipeline.Stage("ingest", run -> {
      Stopwatch clock = Stopwatch.start();
      IngestJob.Result r = new IngestJob(run.warehouse(), run.writer(), pii).run(rawRoot, window, run.startedAt());
      return stage("ingest", clock, r.rawRecords(), r.bronzeRows(), null,
          r.filesLoaded() + " of " + r.filesSeen() + " files loaded (" + window + ")"
              + (r.unreadable().isEmpty() ? "" : "; " + r.unreadable().size() + " unreadable, in bronze.bad_files"));
    });
  }

  /** Bronze batches not yet normalized into silver and its quarantine, then the replay of what changed reference data explains. */
  public static Pipeline.Stage normalize() {
    return normalize(false);
  }

  /** The same; {@code replayAll}: every record judged again against today's reference data ({@code --replay}). */
  public static Pipeline.Stage normalize(boolean replayAll) {
    return new Pipeline.Stage("normalize", run -> {
      Stopwatch clock = Stopwatch.start();
      NormalizeJob.Result r = new NormalizeJob(run.warehouse(), run.writer()).run(run.startedAt(), replayAll);
      return stage("normalize", clock, r.bronzeRows(), r.accepted(), r.quarantined(),
          r.batches() + " batch(es), " + r.superseded() + " superseded snapshots; " + r.replay());
    });
  }

  /** Silver into the gold marts, from the first month that changed ({@code full}: all of them). */
  public static Pipeline.Stage marts(Path referenceDir, boolean full) {
    return new Pipeline.Stage("marts", run -> {
      Stopwatch clock = Stopwatch.start();
      MartsJob.Result r = new MartsJob(run.warehouse(), run.writer(), referenceDir).run(full);
      String detail = !r.changed() ? "up to date"
          : r.caseMonthsFrom() == null ? "gold.case_monthly unchanged"
          : (r.fullRebuild() ? "gold.case_monthly rebuilt whole from " : "gold.case_monthly refreshed from ")
              + r.caseMonthsFrom();
      return stage("marts", clock, null, r.caseRows(), null, detail);
    });
  }

  /**
   * The quality rules on the batches the run normalized, into {@code ops.quality}; a rule whose
   * outcome is {@code fail} fails the run at its end, once the stages after this one have run too,
   * with one line ({@link QualityFailure}). After the stages that write and reconcile the tables.
   */
  public static Pipeline.Stage quality(List<QualityRules.Rule> rules) {
    return new Pipeline.Stage("quality", run -> {
      Stopwatch clock = Stopwatch.start();
      QualityCheck.Result r = new QualityCheck(run.warehouse(), run.writer()).run(rules, run.startedAt());
      r.failure().ifPresent(line -> run.failAtEnd(new QualityFailure(line)));
      return stage("quality", clock, null, (long) r.outcomes().size(), null, r.summary());
    });
  }

  /** The daily pipeline: ingest, normalize and marts. */
  public static List<Pipeline.Stage> daily(String rawRoot, ExportWindow window, Pseudonymizer pii, Path referenceDir,
      boolean full) {
    return List.of(ingest(rawRoot, window, pii), normalize(), marts(referenceDir, full));
  }

  /**
   * Every table the warehouse holds registered in {@code metastore} by location (the run's session must
   * be built with it: {@link Metastore#sparkConf()}); what it did goes to {@code result}.
   */
  public static Pipeline.Stage catalog(Metastore metastore, Consumer<CatalogSync.Result> result) {
    return new Pipeline.Stage("catalog", run -> {
      requireContent(run.warehouse());
      Stopwatch clock = Stopwatch.start();
      CatalogSync.Result r = CatalogSync.sync(run.warehouse());
      result.accept(r);
      return stage("catalog", clock, null, (long) r.entries().size(), null, r.summary() + " (metastore " + metastore
          + ")");
    });
  }

  /** OPTIMIZE then VACUUM every table; each table's report goes to {@code reports}. */
  public static Pipeline.Stage maintain(double retentionHours, boolean dryRun,
      Consumer<List<MaintainJob.TableReport>> reports) {
    return new Pipeline.Stage("maintain", run -> {
      requireContent(run.warehouse());
      Stopwatch clock = Stopwatch.start();
      List<MaintainJob.TableReport> done = new MaintainJob(run.warehouse(), run.writer()).run(retentionHours, dryRun);
      reports.accept(done);
      return stage("maintain", clock, null, null, null, maintained(done, dryRun));
    });
  }

  /** Every table run {@code runId} wrote, back to the version before it; each step goes to {@code steps}. */
  public static Pipeline.Stage restore(String runId, boolean force, boolean dryRun,
      Consumer<List<RestoreJob.Step>> steps) {
    return new Pipeline.Stage("restore", run -> {
      requireContent(run.warehouse());
      Stopwatch clock = Stopwatch.start();
      List<RestoreJob.Step> done = new RestoreJob(run.warehouse(), run.writer()).run(runId, force, dryRun);
      steps.accept(done);
      return stage("restore", clock, null, null, null, (dryRun ? "dry run: " : "") + done.size()
          + " tables restored to before run " + runId);
    });
  }

  /** A stage's line in {@code ops.runs}: what it counted, its seconds so far, and its detail. */
  public static RunRecord.Stage stage(String name, Stopwatch clock, Long in, Long out, Long quarantined,
      String detail) {
    return new RunRecord.Stage(name, in, out, quarantined, clock.seconds(), detail);
  }

  static String maintained(List<MaintainJob.TableReport> reports, boolean dryRun) {
    long filesBefore = 0;
    long filesAfter = 0;
    long vacuumed = 0;
    long bytesVacuumed = 0;
    for (MaintainJob.TableReport r : reports) {
      filesBefore += r.filesBefore();
      filesAfter += r.filesAfter();
      vacuumed += r.filesVacuumed();
      bytesVacuumed += r.bytesVacuumed();
    }
    return String.format(Locale.ROOT, "%s%d tables: %,d -> %,d live files; %,d old files (%s MB) %s",
        dryRun ? "dry run, " : "", reports.size(), filesBefore, filesAfter, vacuumed, megabytes(bytesVacuumed),
        dryRun ? "to delete" : "deleted");
  }

  /** Bytes as megabytes with two decimals, as the reports print them. */
  public static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.2f", bytes / 1e6);
  }

  /** Refuses a warehouse that holds no table (a mistyped --warehouse). */
  public static void requireContent(Warehouse wh) {
    if (!wh.hasContent()) {
      throw new UsageException("warehouse not found: " + wh.root() + " (fix --warehouse)");
    }
  }
}
