package vn.hcmc.cchc.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.support.TestSpark;

/**
 * Every table declared once ({@link Table}), and {@link DeltaWriter} holding every write to the
 * declaration: a table is created with the declared columns and their descriptions, and rows with
 * a column missing, one too many or one of another type are refused with nothing committed.
 */
class TableDeclarationTest {
  private static final Table BAD_FILES = Table.BRONZE_BAD_FILES;

  /**
   * The data dictionary describes every table and every column, in English and Vietnamese, one line
   * each, and no column that is not declared; each table's grain is a list of its columns.
   */
  @Test
  void everyTableAndColumnHasASnakeCaseNameAndADescriptionInBothLanguages() {
    for (Table t : Table.values()) {
      assertThat(t.columns().list()).as(t.sqlName()).isNotEmpty().allSatisfy(c -> {
        assertThat(c.name()).matches("[a-z][a-z0-9_]*");
        for (String text : List.of(c.text().en(), c.text().vi())) {
          assertThat(text).as("%s.%s: no description in the data dictionary", t.sqlName(), c.name()).isNotBlank()
              .doesNotContain("\n");
        }
      });
      assertThat(List.of(t.text().en(), t.text().vi())).as(t.sqlName()).allSatisfy(text -> assertThat(text)
          .isNotBlank().doesNotContain("\n"));
      List<String> declared = Arrays.asList(t.schema().fieldNames());
      assertThat(t.describedColumns()).as("%s: columns the dictionary describes", t.sqlName())
          .containsExactlyInAnyOrderElementsOf(declared);
      assertThat(t.grain()).as("%s's grain", t.sqlName()).isNotEmpty().isSubsetOf(declared).doesNotHaveDuplicates();
      assertThat(t.columns().mismatches(t.schema())).as(t.sqlName()).isEmpty();
      assertThat(t.schema().fieldNames()).as(t.sqlName()).doesNotHaveDuplicates();
    }
    // the published tables' views with Vietnamese labels: a PostgreSQL name each, unique in its table
    for (Table t : Arrays.stream(Table.values()).filter(t -> t.layer().equals("gold")).toList()) {
      assertThat(t.labelledView()).as(t.sqlName()).matches("[a-z][a-z0-9_]{0,39}");
      List<String> labels = t.columns().list().stream().map(c -> c.text().label()).toList();
      assertThat(labels).as("%s's labels", t.sqlName()).allSatisfy(l -> assertThat(l).isNotBlank()
          .doesNotContain("\"").isEqualTo(l.strip()).satisfies(x -> assertThat(
              x.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63)));
      assertThat(labels.stream().map(l -> l.toLowerCase(java.util.Locale.ROOT))).as(t.sqlName())
          .doesNotHaveDuplicates();
    }
    assertThat(Dictionary.tables()).as("tables of the dictionary")
        .containsExactlyInAnyOrderElementsOf(Arrays.stream(Table.values()).map(Table::sqlName).toList());
  }

  @Test
  void orderNullabilityAndMetadataDoNotCountButNamesAndTypesDo() {
    // the declared columns in reverse, every one nullable and commented, the versions an array of NOT NULL structs
    List<StructField> reversed = new java.util.ArrayList<>(Arrays.asList(Table.OPS_RUNS.schema().fields()));
    java.util.Collections.reverse(reversed);
    StructType strictVersions = new StructType().add("table_name", DataTypes.StringType, false)
        .add("version", DataTypes.LongType, false);
    StructType loose = new StructType(reversed.stream().map(f -> new StructField(f.name(),
        f.name().equals("versions") ? DataTypes.createArrayType(strictVersions, false) : f.dataType(), true,
        f.metadata()).withComment("other words")).toArray(StructField[]::new));
    assertThat(Table.OPS_RUNS.columns().mismatches(loose)).isEmpty();

    StructType changed = new StructType(Arrays.stream(BAD_FILES.schema().fields())
        .filter(f -> !f.name().equals("reason"))
        .map(f -> f.name().equals("size") ? new StructField("size", DataTypes.IntegerType, true, f.metadata()) : f)
        .toArray(StructField[]::new)).add("note", DataTypes.StringType);
    assertThat(BAD_FILES.columns().mismatches(changed))
        .containsExactly("size is int, declared bigint", "missing reason string", "extra note string");
  }

  @Test
  void aMatchingFrameIsWrittenToATableCreatedFromTheDeclaration() {
    SparkSession spark = TestSpark.session();
    Warehouse wh = new Warehouse(spark, TestSpark.tempDir("declared").toString());
    // computed columns are nullable: a frame that says so still matches
    StructType nullable = new StructType(Arrays.stream(BAD_FILES.schema().fields())
        .map(f -> new StructField(f.name(), f.dataType(), true, f.metadata())).toArray(StructField[]::new));
    new DeltaWriter(wh, "declared").append(BAD_FILES, spark.createDataFrame(List.of(badFile("a.gz", 12L)), nullable));

    assertThat(wh.read(BAD_FILES).select("path", "size").collectAsList()).map(Row::toString)
        .containsExactly("[a.gz,12]");
    StructType table = wh.read(BAD_FILES).schema();
    for (Columns.Column c : BAD_FILES.columns().list()) {
      StructField f = table.apply(c.name());
      assertThat(f.dataType()).as(c.name()).isEqualTo(c.type());
      assertThat(f.nullable()).as(c.name()).isEqualTo(c.nullable());
      assertThat(f.getComment().get()).as(c.name()).isEqualTo(c.text().en() + " | " + c.text().vi());
    }
    assertThat(table.fieldNames()).containsExactly(BAD_FILES.schema().fieldNames());
    assertThat(spark.sql("DESCRIBE DETAIL delta.`" + wh.location(BAD_FILES) + "`").select("description").head()
        .getString(0)).isEqualTo(BAD_FILES.text().en() + " | " + BAD_FILES.text().vi());
  }

  /**
   * Deletion vectors only where a MERGE needs them: a table appended to or overwritten is created at
   * reader version 1, which every Delta reader takes; silver.cases at 3, with them and its change feed.
   */
  @Test
  void onlySilverCasesIsCreatedWithDeletionVectors() {
    SparkSession spark = TestSpark.session();
    Warehouse wh = new Warehouse(spark, TestSpark.tempDir("protocols").toString());
    DeltaWriter writer = new DeltaWriter(wh, "protocols");
    writer.append(BAD_FILES, spark.createDataFrame(List.of(badFile("a.gz", 1L)), BAD_FILES.schema()));
    writer.overwrite(Table.GOLD_WORK_MONTHLY, spark.createDataFrame(List.of(), Table.GOLD_WORK_MONTHLY.schema()));
    writer.append(Table.SILVER_CASES, spark.createDataFrame(List.of(), Table.SILVER_CASES.schema()));

    for (Table t : List.of(BAD_FILES, Table.GOLD_WORK_MONTHLY)) {
      TableDetail.TableProtocol p = TableDetail.TableProtocol.of(wh, t);
      assertThat(p.readerVersion()).as(t.sqlName()).isEqualTo(1);
      assertThat(p.features()).as(t.sqlName()).doesNotContain("deletionVectors", "changeDataFeed");
    }
    TableDetail.TableProtocol cases = TableDetail.TableProtocol.of(wh, Table.SILVER_CASES);
    assertThat(cases.readerVersion()).isEqualTo(3);
    assertThat(cases.features()).contains("deletionVectors", "changeDataFeed");
    assertThat(Arrays.stream(Table.values()).filter(t -> !t.features().isEmpty())).containsExactly(Table.SILVER_CASES);
  }

  @Test
  void aFrameWithAnExtraColumnOrAnotherTypeIsRefusedAndNothingIsCommitted() {
    SparkSession spark = TestSpark.session();
    Warehouse wh = new Warehouse(spark, TestSpark.tempDir("undeclared").toString());
    DeltaWriter writer = new DeltaWriter(wh, "undeclared");
    Dataset<Row> extra = spark.createDataFrame(List.of(RowFactory.create(appended(badFile("a.gz", 1L), "x"))),
        BAD_FILES.schema().add("note", DataTypes.StringType));

    assertThatThrownBy(() -> writer.append(BAD_FILES, extra)).isInstanceOf(UndeclaredColumnsException.class)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("bronze.bad_files: the rows do not have the declared columns: extra note string (nothing written)");
    assertThat(wh.exists(BAD_FILES)).isFalse();

    writer.append(BAD_FILES, spark.createDataFrame(List.of(badFile("a.gz", 1L)), BAD_FILES.schema()));
    long version = wh.version(BAD_FILES);
    StructType sizeAsText = new StructType(Arrays.stream(BAD_FILES.schema().fields())
        .map(f -> f.name().equals("size") ? new StructField("size", DataTypes.StringType, true, f.metadata()) : f)
        .toArray(StructField[]::new));
    Row textual = RowFactory.create(Arrays.stream(sizeAsText.fieldNames())
        .map(n -> n.equals("size") ? "2" : badFile("b.gz", 2L).get(BAD_FILES.schema().fieldIndex(n))).toArray());
    Dataset<Row> wrongType = spark.createDataFrame(List.of(textual), sizeAsText);

    assertThatThrownBy(() -> writer.overwrite(BAD_FILES, wrongType))
        .hasMessage("bronze.bad_files: the rows do not have the declared columns: size is string, declared bigint "
            + "(nothing written)");
    assertThatThrownBy(() -> writer.merge(BAD_FILES, wrongType.drop("reason"), "t.path = s.path",
        m -> m.whenNotMatched().insertAll()))
        .hasMessage("bronze.bad_files: the rows do not have the declared columns: size is string, declared bigint; "
            + "missing reason string (nothing written)");
    assertThat(wh.version(BAD_FILES)).isEqualTo(version);
    assertThat(wh.read(BAD_FILES).select("path").collectAsList()).map(Row::toString).containsExactly("[a.gz]");
    assertThat(writer.commits()).hasSize(1);
  }

  private static Row badFile(String path, long size) {
    return RowFactory.create(path, "dvc", null, size, "hash-" + path, "truncated gzip", "b1",
        Timestamp.valueOf("2021-03-01 00:00:00"));
  }

  private static Object[] appended(Row row, Object value) {
    Object[] values = Arrays.copyOf(new Object[row.length()], row.length() + 1);
    for (int i = 0; i < row.length(); i++) {
      values[i] = row.get(i);
    }
    values[row.length()] = value;
    return values;
  }
}
