package vn.hcmc.cchc.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.tables.BronzeSchema;
import vn.hcmc.cchc.tables.Table;

class LayoutCheckTest {
  private static final StructType EXPECTED = new StructType().add("path", DataTypes.StringType, false)
      .add("size", DataTypes.LongType, true).add("status", DataTypes.StringType, false);

  @Test
  void aMissingColumnOrAnotherTypeIsNamedAndExtraColumnsAndNullabilityAreAllowed() {
    assertThat(LayoutCheck.missing(EXPECTED, new StructType().add("path", DataTypes.StringType, true)
        .add("SIZE", DataTypes.LongType, false).add("status", DataTypes.StringType).add("added_later",
            DataTypes.IntegerType))).isEmpty();
    assertThat(LayoutCheck.missing(EXPECTED, new StructType().add("path", DataTypes.StringType)
        .add("size", DataTypes.IntegerType))).containsExactly("size bigint", "status string");
  }

  @Test
  void everyTableIsCheckedAgainstItsDeclaration() {
    assertThat(LayoutCheck.EXPECTED).containsEntry(Table.BRONZE_FILES, BronzeSchema.FILES)
        .containsOnlyKeys(Table.values());
    for (Table t : Table.values()) {
      // a column a later release added is the writer's to add, not a sign of an older layout
      assertThat(LayoutCheck.EXPECTED.get(t).fieldNames()).as(t.sqlName()).containsExactly(t.columns().list().stream()
          .filter(c -> !c.added()).map(c -> c.name()).toArray(String[]::new));
    }
    assertThat(LayoutCheck.EXPECTED.get(Table.SILVER_QUARANTINE).fieldNames()).doesNotContain("released_run_id")
        .contains("reason");
  }
}
