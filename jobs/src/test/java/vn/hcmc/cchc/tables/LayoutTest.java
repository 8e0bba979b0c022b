package vn.hcmc.cchc.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.tables.DeltaTable;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.config.UsageException;
import vn.hcmc.cchc.support.DeclaredRows;
import vn.hcmc.cchc.support.TestSpark;

/** The three layouts of silver.cases: what each creates, and what {@code maintain}'s compaction does to it. */
class LayoutTest {
  @Test
  void configNamesParseAndAnUnknownOneSaysWhatIsAllowed() {
    assertThat(Layout.parse(" Level-ZOrder ")).isEqualTo(Layout.LEVEL_ZORDER);
    assertThat(Layout.parse("clustered")).isEqualTo(Layout.CLUSTERED);
    assertThatThrownBy(() -> Layout.parse("zorder")).isInstanceOf(UsageException.class)
        .hasMessage("unknown layout 'zorder' for cchc.layout.silver-cases: use one of partitioned, clustered, "
            + "level-zorder");
  }

  @Test
  void eachLayoutSplitsTheKeysOfSilverCasesItsOwnWay() {
    Table t = Table.SILVER_CASES;
    assertThat(Layout.PARTITIONED.partitionColumns(t)).containsExactly("level", "agency_code");
    assertThat(Layout.PARTITIONED.clusteringColumns(t)).isEmpty();
    assertThat(Layout.CLUSTERED.partitionColumns(t)).isEmpty();
    assertThat(Layout.CLUSTERED.clusteringColumns(t)).containsExactly("level", "agency_code");
    assertThat(Layout.LEVEL_ZORDER.partitionColumns(t)).containsExactly("level");
    assertThat(Layout.zOrderColumns(t, List.of("level"))).containsExactly("agency_code");
    assertThat(Layout.zOrderColumns(t, List.of("level", "agency_code"))).isEmpty();
    assertThat(Layout.zOrderColumns(t, List.of())).isEmpty();
    // a table without layout keys is never Z-ordered, whatever it is partitioned by
    assertThat(Layout.zOrderColumns(Table.GOLD_CASE_MONTHLY, List.of("level"))).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void theTableIsCreatedInTheLayoutAndCompactionKeepsEveryRow(Layout layout) {
    SparkSession spark = TestSpark.session();
    Warehouse wh = new Warehouse(spark, TestSpark.tempDir("layout-" + layout.configName()).toString());
    DeltaWriter writer = new DeltaWriter(wh, "layout-test", layout);
    merge(writer, cases(spark, "d1", "commune", "C1", "in_process"), "d2", "district", "D1", "in_process");
    merge(writer, cases(spark, "d1", "commune", "C1", "finished"), "d3", "commune", "C2", "in_process");
    // an insert only: a file of its own beside C1's, whatever the update before did to its file
    merge(writer, cases(spark, "d4", "commune", "C1", "in_process"), "d3", "commune", "C2", "in_process");

    Row detail = DeltaTable.forPath(spark, wh.location(Table.SILVER_CASES)).detail()
        .select("partitionColumns", "clusteringColumns").head();
    assertThat(detail.<String>getList(0)).isEqualTo(layout.partitionColumns(Table.SILVER_CASES));
    assertThat(detail.<String>getList(1)).isEqualTo(layout.clusteringColumns(Table.SILVER_CASES));
    assertThat(wh.partitionColumns(Table.SILVER_CASES)).isEqualTo(layout.partitionColumns(Table.SILVER_CASES));

    assertThat(writer.compact(Table.SILVER_CASES)).isTrue();
    Row optimize = DeltaTable.forPath(spark, wh.location(Table.SILVER_CASES)).history(1)
        .select("operation", "operationParameters").head();
    assertThat(optimize.getString(0)).isEqualTo("OPTIMIZE");
    String zOrderBy = optimize.<String, String>getJavaMap(1).get("zOrderBy");
    assertThat(zOrderBy).isEqualTo(layout == Layout.LEVEL_ZORDER ? "[\"agency_code\"]" : "[]");
    assertThat(wh.read(Table.SILVER_CASES).select("dossier_id", "level", "agency_code", "status").orderBy("dossier_id")
        .collectAsList()).map(Row::toString)
        .containsExactly("[d1,commune,C1,finished]", "[d2,district,D1,in_process]", "[d3,commune,C2,in_process]",
            "[d4,commune,C1,in_process]");
  }

  /** Upserts {@code first} and one more case into silver.cases, as normalize does (by dossier id). */
  private static void merge(DeltaWriter writer, Dataset<Row> first, String id, String level, String agency,
      String status) {
    Dataset<Row> rows = first.union(cases(first.sparkSession(), id, level, agency, status));
    writer.merge(Table.SILVER_CASES, rows, "t.dossier_id = s.dossier_id",
        m -> m.whenMatched().updateAll().whenNotMatched().insertAll());
  }

  private static Dataset<Row> cases(SparkSession spark, String id, String level, String agency, String status) {
    boolean finished = "finished".equals(status);
    return DeclaredRows.frame(spark, Table.SILVER_CASES, DeclaredRows.silverCase(
        "dossier_id", id, "level", level, "agency_code", agency, "status", status, "status_code", finished ? 9 : 4,
        "resolved_at", finished ? java.time.Instant.parse("2021-03-05T03:00:00Z") : null));
  }
}
