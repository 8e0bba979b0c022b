package vn.hcmc.cchc.normalize;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.normalize.DossierRanges.Range;
import vn.hcmc.cchc.normalize.DossierRanges.Scope;
import vn.hcmc.cchc.support.TestSpark;
import vn.hcmc.cchc.tables.FileSpan;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * The key ranges of a daily MERGE: grouped by agency and receipt month, exact for every code of
 * the source, and what Delta skips the target's files by.
 */
class DossierRangesTest {
  private final SparkSession spark = TestSpark.session();

  @Test
  void aCodeBelongsToTheGroupOfItsAgencyAndReceiptMonth() {
    assertThat(DossierRanges.bucket("A.H29-210331-0107")).isEqualTo("A.H29-2103");
    assertThat(DossierRanges.bucket("B-210401-1")).isEqualTo("B-2104");
    // not <agency>-<yyMMdd>-<seq>: a group of its own
    assertThat(DossierRanges.bucket("odd code")).isEqualTo("odd code");
    assertThat(DossierRanges.bucket("A-2103-01")).isEqualTo("A-2103-01");
  }

  // the files of agency A: January, February, March 2021, each sorted by code; B's one file, all year
  private static final List<FileSpan> FILES = List.of(
      new FileSpan("A-210101-0001", "A-210131-0099", LocalDate.of(2021, 1, 1)),
      new FileSpan("A-210201-0001", "A-210228-0099", LocalDate.of(2021, 2, 1)),
      new FileSpan("A-210301-0001", "A-210331-0099", LocalDate.of(2021, 3, 1)),
      new FileSpan("B-210101-0001", "B-211231-0099", LocalDate.of(2021, 1, 4)));

  @Test
  void aDayGroupOverlappingNoFileIsNewAndTheRestAreMergedByMonth() {
    assertThat(DossierRanges.dayBucket("A.H29-210331-0107")).isEqualTo("A.H29-210331");
    assertThat(DossierRanges.dayBucket("odd code")).isEqualTo("odd code");
    DossierRanges.Split split = DossierRanges.split(List.of(
        // April, after every file of A; and a code of an agency with no file
        new DossierRanges.Group("A-2104", new Range("A-210401-0001", "A-210401-0009"), 5),
        new DossierRanges.Group("C-2104", new Range("C-210401-0001", "C-210401-0001"), 1),
        // inside A's March file, and inside B's year: the table may hold them
        new DossierRanges.Group("A-2103", new Range("A-210305-0001", "A-210305-0004"), 2),
        new DossierRanges.Group("A-2103", new Range("A-210330-0001", "A-210330-0001"), 1),
        new DossierRanges.Group("B-2106", new Range("B-210601-0001", "B-210601-0002"), 2),
        // between A's February and March files, touching neither
        new DossierRanges.Group("A-2102", new Range("A-210228-0100", "A-210228-0200"), 3)), FILES);
    assertThat(split.fresh()).containsExactly(new Range("A-210228-0100", "A-210228-0200"),
        new Range("A-210401-0001", "A-210401-0009"), new Range("C-210401-0001", "C-210401-0001"));
    assertThat(split.known()).containsExactly(new Range("A-210305-0001", "A-210330-0001"),
        new Range("B-210601-0001", "B-210601-0002"));
    assertThat(split.knownDossiers()).isEqualTo(5);
    String[] from = split.fresh().stream().map(Range::from).toArray(String[]::new);
    String[] to = split.fresh().stream().map(Range::to).toArray(String[]::new);
    assertThat(java.util.stream.Stream.of("A-210228-0100", "A-210228-0150", "A-210401-0009", "C-210401-0001")
        .allMatch(c -> DossierRanges.within(c, from, to))).isTrue();
    assertThat(java.util.stream.Stream.of("A-210228-0099", "A-210228-0201", "A-210305-0001", "C-210401-0002", "")
        .noneMatch(c -> DossierRanges.within(c, from, to))).isTrue();
    assertThat(DossierRanges.within(null, from, to)).isFalse();
    // a file the statistics say nothing of may hold any code: nothing is new
    List<FileSpan> unknown = new java.util.ArrayList<>(FILES);
    unknown.add(new FileSpan("Z", null, null));
    assertThat(DossierRanges.split(List.of(new DossierRanges.Group("Z-2104", new Range("Z-210401-0001",
        "Z-210401-0001"), 1)), unknown).fresh()).isEmpty();
    assertThat(DossierRanges.split(List.of(new DossierRanges.Group("A-2104", new Range("A-210401-0001",
        "A-210401-0001"), 1)), List.of(new FileSpan(null, "A-210402", null))).fresh()).isEmpty();
  }

  @Test
  void newDossiersReadNoFileAndFewGroupsAreRanges() {
    // April's dossiers of A and a code of a new agency: no file's codes reach them
    Scope fresh = DossierRanges.scope(List.of(new Range("A-210401-0001", "A-210402-0007"),
        new Range("C-210401-0001", "C-210401-0001")), FILES, 64).orElseThrow();
    assertThat(fresh).isEqualTo(new Scope(null, List.of()));
    assertThat(fresh.describe()).isEqualTo("no file to read (new dossiers only)");
    // March's and April's: only March is a range
    Optional<Scope> few = DossierRanges.scope(List.of(new Range("A-210401-0001", "A-210402-0007"),
        new Range("A-210304-0003", "A-210330-0001")), FILES, 64);
    assertThat(few).isEqualTo(Optional.of(new Scope(null, List.of(new Range("A-210304-0003", "A-210330-0001")))));
  }

  @Test
  void theGroupsReachingTheOldestFilesAreRangesAndTheRestAReceiptDay() {
    List<Range> day = List.of(new Range("A-210105-0001", "A-210105-0001"), new Range("A-210302-0001", "A-210329-0004"),
        new Range("A-210215-0002", "A-210215-0002"), new Range("A-210401-0001", "A-210401-0009"));
    // one range allowed: January's dossier (its file starts on 1 January); the rest from 1 February
    assertThat(DossierRanges.scope(day, FILES, 1)).contains(new Scope(LocalDate.of(2021, 2, 1),
        List.of(new Range("A-210105-0001", "A-210105-0001"))));
    // none: from 1 January
    assertThat(DossierRanges.scope(day, FILES, 0)).contains(new Scope(LocalDate.of(2021, 1, 1), List.of()));
    // a code of B reaches B's file, which starts on 4 January: before February
    List<Range> withB = new java.util.ArrayList<>(day);
    withB.add(new Range("B-211130-0001", "B-211130-0001"));
    assertThat(DossierRanges.scope(withB, FILES, 2).orElseThrow().ranges()).containsExactly(
        new Range("A-210105-0001", "A-210105-0001"), new Range("B-211130-0001", "B-211130-0001"));
    assertThat(DossierRanges.scope(withB, FILES, 2).orElseThrow().since()).isEqualTo(LocalDate.of(2021, 2, 1));
  }

  @Test
  void aFileTheStatisticsSayNothingOfLeavesOnlyTheKey() {
    List<FileSpan> unknown = new java.util.ArrayList<>(FILES);
    unknown.add(new FileSpan(null, null, null));
    List<Range> day = List.of(new Range("A-210302-0001", "A-210329-0004"), new Range("A-210401-0001", "A-210401-0009"));
    // every group may be in it: exact only as ranges, or not at all
    assertThat(DossierRanges.scope(day, unknown, 2)).contains(new Scope(null, day));
    assertThat(DossierRanges.scope(day, unknown, 1)).isEmpty();
  }

  @Test
  void thePredicateHoldsForEverySourceCodeAndForNoCodeBetweenTheRanges() {
    List<String> source = List.of("A-210105-0001", "A-210110-0001", "A-210301-0001", "B-210301-0001",
        "C-211201-0001", "C-211230-0009", "D-210101-0001", "E-210101-0001", "x'y");
    List<String> others = List.of("A-210201-0001", "A-210110-0002", "A-210107-0001", "B-210401-0001", "C-211101-0001", "A",
        "D-210101-0002", "");
    List<Range> ranges = java.util.stream.Stream.of("A-210105-0001:A-210110-0001", "A-210301-0001:A-210301-0001",
        "B-210301-0001:B-210301-0001", "C-211201-0001:C-211230-0009", "D-210101-0001:D-210101-0001",
        "E-210101-0001:E-210101-0001", "x'y:x'y").map(r -> new Range(r.split(":")[0], r.split(":")[1])).toList();
    TreeSet<String> all = new TreeSet<>(source);
    all.addAll(others);
    List<String> kept = spark.createDataset(List.copyOf(all), Encoders.STRING()).toDF("dossier_id")
        .filter(DossierRanges.predicate(col("dossier_id"), ranges)).as(Encoders.STRING()).collectAsList();
    // A-210107-0001 lies inside A's January range: a range is a superset of its codes, never exact
    TreeSet<String> expected = new TreeSet<>(source);
    expected.add("A-210107-0001");
    assertThat(kept).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(spark.range(1).selectExpr("'A' AS dossier_id")
        .filter(DossierRanges.predicate(col("dossier_id"), List.of())).count()).isZero();
  }

  @Test
  void aDailyMergeReadsOnlyTheFilesItsDossiersMayBeInAndLeavesNoRowBehind() throws Exception {
    Warehouse warehouse = new Warehouse(spark, TestSpark.tempDir("ranges").toString());
    String path = warehouse.location(Table.SILVER_CASES);
    // agency A's files, one per receipt month (January to March, day 2 + id % 27), and B's March file
    for (String file : List.of("A:01", "A:02", "A:03", "B:03")) {
      String agency = file.split(":")[0];
      String month = file.split(":")[1];
      spark.range(1, 51).selectExpr(
          "format_string('%s-21%s%02d-%04d', '" + agency + "', '" + month + "', 2 + id % 27, id) AS dossier_id",
          "'" + agency + "' AS agency_code", "make_date(2021, " + month + ", 2 + CAST(id % 27 AS INT)) AS received_date",
          "'old' AS status").coalesce(1).write().format("delta").mode("append").partitionBy("agency_code").save(path);
    }
    // February's file is gone from storage: reading it would fail the MERGE
    try (var files = java.nio.file.Files.walk(java.nio.file.Path.of(path))) {
      for (java.nio.file.Path f : files.filter(f -> f.toString().endsWith(".parquet")).toList()) {
        if (spark.read().parquet(f.toString()).selectExpr("min(dossier_id)").head().getString(0).startsWith("A-2102")) {
          java.nio.file.Files.delete(f);
        }
      }
    }
    // a March dossier resolved, a new April one, and a January one moved to agency B and to March
    var source = spark.createDataFrame(List.of(
        org.apache.spark.sql.RowFactory.create("A-210305-0003", "A", java.sql.Date.valueOf("2021-03-05"), "resolved"),
        org.apache.spark.sql.RowFactory.create("A-210402-0001", "A", java.sql.Date.valueOf("2021-04-02"), "new"),
        org.apache.spark.sql.RowFactory.create("A-210105-0003", "B", java.sql.Date.valueOf("2021-03-15"), "moved")),
        new org.apache.spark.sql.types.StructType().add("dossier_id", "string").add("agency_code", "string")
            .add("received_date", "date").add("status", "string"));
    // one range allowed: January's group (its file reaches furthest back); the rest by receipt day, from 2 March
    Column on = NormalizeJob.onDossiers(warehouse, col("s.dossier_id"), source.select("dossier_id").as(Encoders.STRING()), 1);
    assertThat(on.toString()).contains("2021-03-02").contains("A-210105-0003");
    DeltaTable.forPath(spark, path).as("t").merge(source.as("s"), on)
        .whenMatched().updateAll().whenNotMatched().insertAll().execute();
    scala.collection.Map<String, String> m = DeltaTable.forPath(spark, path).history(1).select("operationMetrics")
        .head().getMap(0);
    assertThat(m.get("numTargetRowsUpdated").get()).isEqualTo("2");
    assertThat(m.get("numTargetRowsInserted").get()).isEqualTo("1");
    // read around February's file: by code, which its statistics exclude
    List<String> changed = warehouse.read(Table.SILVER_CASES).filter("dossier_id < 'A-2102' OR dossier_id > 'A-2103'")
        .filter("status <> 'old'").selectExpr("concat_ws(' ', dossier_id, agency_code, received_date, status)")
        .as(Encoders.STRING()).collectAsList();
    assertThat(changed).containsExactlyInAnyOrder("A-210305-0003 A 2021-03-05 resolved", "A-210402-0001 A 2021-04-02 new",
        "A-210105-0003 B 2021-03-15 moved");
    // the moved dossier's old row is gone from A's partition: one row per dossier
    assertThat(warehouse.read(Table.SILVER_CASES).filter("dossier_id = 'A-210105-0003'").count()).isEqualTo(1);
  }
}
