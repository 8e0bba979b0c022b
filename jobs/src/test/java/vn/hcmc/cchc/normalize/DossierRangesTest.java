package vn.hcmc.cchc.normalize;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.normalize.DossierRanges.Range;
import vn.hcmc.cchc.support.TestSpark;

/**
 * The key ranges of a daily MERGE: grouped by agency and receipt month, exact for every code of
 * the source, and what Delta skips the target's files by.
 */
class DossierRangesTest {
  private final SparkSession spark = TestSpark.session();

  @Test
  void codesOfOneAgencyAndReceiptMonthMakeOneRange() {
    List<Range> ranges = DossierRanges.of(new TreeSet<>(List.of(
        "A.H29-210301-0002", "A.H29-210331-0107", "A.H29-210401-0001", "B.H29-210301-0005", "odd code")));
    assertThat(ranges).containsExactly(
        new Range("A.H29-210301-0002", "A.H29-210331-0107"),
        new Range("A.H29-210401-0001", "A.H29-210401-0001"),
        new Range("B.H29-210301-0005", "B.H29-210301-0005"),
        new Range("odd code", "odd code"));
  }

  @Test
  void thePredicateHoldsForEverySourceCodeAndForNoCodeBetweenTheRanges() {
    List<String> source = List.of("A-210105-0001", "A-210110-0001", "A-210301-0001", "B-210301-0001",
        "C-211201-0001", "C-211230-0009", "D-210101-0001", "E-210101-0001", "x'y");
    List<String> others = List.of("A-210201-0001", "A-210110-0002", "A-210107-0001", "B-210401-0001", "C-211101-0001", "A",
        "D-210101-0002", "");
    List<Range> ranges = DossierRanges.of(new TreeSet<>(source));
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
  void aMergeOnTheRangesNeverReadsTheFilesHoldingNoneOfThem() throws Exception {
    java.nio.file.Path dir = TestSpark.tempDir("ranges").resolve("t");
    String path = dir.toString();
    // three files, one per receipt month: January, February, March of agency A (day 1 + id % 28)
    for (String month : List.of("01", "02", "03")) {
      spark.range(1, 51).selectExpr("format_string('A-21%s%02d-%04d', '" + month + "', 1 + id % 28, id) AS dossier_id",
          "'old' AS status").coalesce(1).write().format("delta").mode("append").save(path);
    }
    // January's and February's files are gone from storage: reading either would fail the MERGE
    try (var files = java.nio.file.Files.list(dir)) {
      List<java.nio.file.Path> data = files.filter(f -> f.toString().endsWith(".parquet")).toList();
      for (java.nio.file.Path f : data) {
        String first = spark.read().parquet(f.toString()).selectExpr("min(dossier_id)").head().getString(0);
        if (!first.startsWith("A-2103")) {
          java.nio.file.Files.delete(f);
        }
      }
    }
    // a March dossier resolved, a new April one
    var source = spark.createDataFrame(List.of(
        org.apache.spark.sql.RowFactory.create("A-210304-0003", "resolved"),
        org.apache.spark.sql.RowFactory.create("A-210402-0001", "new")),
        new org.apache.spark.sql.types.StructType().add("dossier_id", "string").add("status", "string"));
    List<Range> ranges = DossierRanges.of(new TreeSet<>(List.of("A-210304-0003", "A-210402-0001")));
    DeltaTable.forPath(spark, path).as("t").merge(source.as("s"),
        col("t.dossier_id").equalTo(col("s.dossier_id")).and(DossierRanges.predicate(col("t.dossier_id"), ranges)))
        .whenMatched().updateAll().whenNotMatched().insertAll().execute();
    Row metrics = DeltaTable.forPath(spark, path).history(1).select("operationMetrics").head();
    scala.collection.Map<String, String> m = metrics.getMap(0);
    assertThat(m.get("numTargetRowsUpdated").get()).isEqualTo("1");
    assertThat(m.get("numTargetRowsInserted").get()).isEqualTo("1");
    List<String> march = spark.read().format("delta").load(path).filter("dossier_id >= 'A-2103'")
        .filter("status <> 'old'").select("dossier_id").as(Encoders.STRING()).collectAsList();
    assertThat(march).containsExactlyInAnyOrder("A-210304-0003", "A-210402-0001");
  }
}
