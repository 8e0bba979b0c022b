package vn.hcmc.cchc.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.marts.MartsJob;
import vn.hcmc.cchc.normalize.NormalizeJob;
import vn.hcmc.cchc.support.Fixtures;
import vn.hcmc.cchc.support.TableVersions;
import vn.hcmc.cchc.support.TestSpark;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * A new reference snapshot rebuilds the tables built from it, and nothing else: after the {@code
 * basic} and {@code side-feeds} fixtures, a delivery of one agency snapshot only, then of one
 * procedure snapshot only, then of nothing.
 */
class ReferenceRebuildTest {
  private static final String AGENCIES = "reference/agencies/2021-01-01.csv";
  private static final String PROCEDURES = "reference/procedures/2021-01-01.csv";

  @Test
  void aSnapshotRebuildsOnlyTheTablesBuiltFromItsFeed() throws IOException {
    Path raw = TestSpark.tempDir("raw-reference");
    Fixtures.copy("basic", raw);
    Fixtures.copy("side-feeds", raw);
    Warehouse wh = new Warehouse(TestSpark.session(), TestSpark.tempDir("wh-reference").toString());
    run(wh, raw, "1");

    // 15 April: district 1's agency renamed
    Map<Table, Long> before = TableVersions.of(wh);
    edit(raw, AGENCIES, "reference/agencies/2021-04-15.csv", "UBND Quận 1,", "Ủy ban nhân dân Quận 1,");
    run(wh, raw, "2");
    Map<Table, Long> after = TableVersions.of(wh);
    assertThat(after.get(Table.SILVER_AGENCIES)).isEqualTo(before.get(Table.SILVER_AGENCIES) + 1);
    // the work files' agencies come from it; the catalogue and the dossiers do not
    assertThat(after.get(Table.SILVER_WORK_FILES)).isEqualTo(before.get(Table.SILVER_WORK_FILES) + 1);
    for (Table unmoved : new Table[] {Table.SILVER_PROCEDURES, Table.GOLD_PROCEDURE_MONTHLY, Table.SILVER_CASES,
        Table.GOLD_CASE_MONTHLY}) {
      assertThat(after.get(unmoved)).as(unmoved.sqlName()).isEqualTo(before.get(unmoved));
    }
    // the attainment names the agency by its latest snapshot
    assertThat(wh.read(Table.GOLD_TARGET_ATTAINMENT).filter("scope_code = '000.00.760.H29'")
        .select("scope_name").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
        .containsExactly("Ủy ban nhân dân Quận 1");

    // 15 April: birth registration no longer offered fully online
    before = after;
    edit(raw, PROCEDURES, "reference/procedures/2021-04-15.csv",
        "Đăng ký khai sinh,civil_status,commune,false,true,true,full,",
        "Đăng ký khai sinh,civil_status,commune,false,true,true,partial,");
    run(wh, raw, "3");
    after = TableVersions.of(wh);
    assertThat(after.get(Table.SILVER_PROCEDURES)).isEqualTo(before.get(Table.SILVER_PROCEDURES) + 1);
    assertThat(after.get(Table.GOLD_PROCEDURE_MONTHLY)).isEqualTo(before.get(Table.GOLD_PROCEDURE_MONTHLY) + 1);
    for (Table unmoved : new Table[] {Table.SILVER_AGENCIES, Table.SILVER_WORK_FILES, Table.SILVER_INDICATORS,
        Table.GOLD_WORK_MONTHLY, Table.SILVER_CASES, Table.GOLD_CASE_MONTHLY}) {
      assertThat(after.get(unmoved)).as(unmoved.sqlName()).isEqualTo(before.get(unmoved));
    }

    // nothing new: no table gets a version
    before = after;
    run(wh, raw, "4");
    assertThat(TableVersions.of(wh)).isEqualTo(before);
  }

  /** A later snapshot: {@code from} with one value changed. */
  private static void edit(Path raw, String from, String to, String value, String changed) throws IOException {
    String text = Files.readString(raw.resolve(from), StandardCharsets.UTF_8);
    assertThat(text).contains(value);
    Files.writeString(raw.resolve(to), text.replace(value, changed), StandardCharsets.UTF_8);
  }

  private static void run(Warehouse wh, Path raw, String run) {
    new IngestJob(wh, new DeltaWriter(wh, "ingest-" + run), Fixtures.PII).run(raw.toString(), Instant.now());
    new NormalizeJob(wh, new DeltaWriter(wh, "normalize-" + run)).run(Instant.now());
    new MartsJob(wh, new DeltaWriter(wh, "marts-" + run), Fixtures.REFERENCE).run(false);
  }
}
