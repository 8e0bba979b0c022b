package vn.hcmc.cchc.marts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.generate.Generated;
import vn.hcmc.cchc.ingest.IngestJob;
import vn.hcmc.cchc.normalize.NormalizeJob;
import vn.hcmc.cchc.support.Fixtures;
import vn.hcmc.cchc.support.Frames;
import vn.hcmc.cchc.support.TestSpark;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * Daily runs refresh only the months a change reaches, and give the same tables as a full rebuild.
 * A generated first quarter of 2021 (scale 0.0005) arrives in three deliveries: January but its
 * 15th; February; March with the held-back 15 January file (late, out of order). (A run without
 * new files leaves every table, gold included, at its version: {@code
 * normalize.PipelineTest#aSecondRunWithNoNewFilesWritesNoNewTableVersion}.)
 */
class IncrementalMartsTest {
  private static final Pattern DAY_FOLDER = Pattern.compile("cases/[a-z]+/(\\d{4})/(\\d{2})/(\\d{2})/.*");
  private static final LocalDate LATE_DAY = LocalDate.of(2021, 1, 15);

  @Test
  void eachDeliveryRefreshesFromTheFirstMonthItReachesAndEqualsAFullRebuild() {
    SparkSession spark = TestSpark.session();
    Path generated = TestSpark.tempDir("quarter");
    Generated.run(Generated.spec(generated, "2021-01-01", "2021-03-31", 0.0005, 7));
    Path raw = TestSpark.tempDir("quarter-raw");
    Warehouse wh = new Warehouse(spark, TestSpark.tempDir("quarter-wh").toString());

    MartsJob.Result january = deliver(generated, raw, wh, LocalDate.of(2021, 1, 31), "1");
    assertThat(january.fullRebuild()).isTrue();

    MartsJob.Result february = deliver(generated, raw, wh, LocalDate.of(2021, 2, 28), "2");
    assertThat(february.fullRebuild()).isFalse();
    // January dossiers change in February (resolved, digitised, paid online...): from January at the latest
    assertThat(february.caseMonthsFrom()).isBeforeOrEqualTo(LocalDate.of(2021, 2, 1));

    MartsJob.Result march = deliver(generated, raw, wh, LocalDate.of(2021, 3, 31), "3");
    assertThat(march.fullRebuild()).isFalse();
    // the late 15 January file brings January receipts: January onwards is recomputed
    assertThat(march.caseMonthsFrom()).isEqualTo(LocalDate.of(2021, 1, 1));

    Dataset<Row> incremental = snapshot(spark, wh.read(Table.GOLD_CASE_MONTHLY));
    Dataset<Row> attainment = snapshot(spark, wh.read(Table.GOLD_TARGET_ATTAINMENT));
    long procedures = wh.version(Table.GOLD_PROCEDURE_MONTHLY);
    long work = wh.version(Table.GOLD_WORK_MONTHLY);
    assertThat(work).as("gold.work_monthly exists, so that its version below means something").isNotNegative();
    long cases = wh.version(Table.GOLD_CASE_MONTHLY);
    MartsJob.Result full = new MartsJob(wh, new DeltaWriter(wh, "full"), Fixtures.REFERENCE).run(true);
    assertThat(full.fullRebuild()).isTrue();
    assertThat(wh.version(Table.GOLD_CASE_MONTHLY)).isEqualTo(cases + 1);
    // their inputs (reference, work files, months) did not move: the small marts are left as they were
    assertThat(wh.version(Table.GOLD_PROCEDURE_MONTHLY)).isEqualTo(procedures);
    assertThat(wh.version(Table.GOLD_WORK_MONTHLY)).isEqualTo(work);
    assertThat(incremental.count()).isGreaterThan(1000);
    Frames.assertSameRows(wh.read(Table.GOLD_CASE_MONTHLY), incremental);
    Frames.assertSameRows(wh.read(Table.GOLD_TARGET_ATTAINMENT), attainment);
  }

  /** Copies the case files up to {@code lastDay} (the late day only with the last delivery) and the rest; runs the pipeline. */
  private static MartsJob.Result deliver(Path generated, Path raw, Warehouse wh, LocalDate lastDay, String run) {
    copyUpTo(generated, raw, lastDay);
    new IngestJob(wh, new DeltaWriter(wh, "ingest-" + run), Fixtures.PII).run(raw.toString(), Instant.now());
    new NormalizeJob(wh, new DeltaWriter(wh, "normalize-" + run)).run(Instant.now());
    return new MartsJob(wh, new DeltaWriter(wh, "marts-" + run), Fixtures.REFERENCE).run(false);
  }

  private static void copyUpTo(Path from, Path to, LocalDate lastDay) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String rel = from.relativize(f).toString().replace('\\', '/');
        Matcher m = DAY_FOLDER.matcher(rel);
        if (rel.startsWith("_")) {
          continue;
        }
        if (m.matches()) {
          LocalDate day = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)));
          boolean late = day.equals(LATE_DAY) && lastDay.getMonthValue() < 3;
          if (day.isAfter(lastDay) || late) {
            continue;
          }
        }
        Path target = to.resolve(rel);
        if (!Files.exists(target)) {
          Files.createDirectories(target.getParent());
          Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rows as they are now, held in memory (a later overwrite of the table does not change them). */
  private static Dataset<Row> snapshot(SparkSession spark, Dataset<Row> table) {
    return spark.createDataFrame(table.collectAsList(), table.schema());
  }
}
