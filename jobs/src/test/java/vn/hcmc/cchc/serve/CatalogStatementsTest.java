package vn.hcmc.cchc.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.config.UsageException;
import vn.hcmc.cchc.serve.CatalogStatements.Engine;
import vn.hcmc.cchc.serve.CatalogStatements.Registration;
import vn.hcmc.cchc.tables.Table;

/** The SQL {@code catalog statements} prints for Trino and Databricks, whole, on two tables of two layers. */
class CatalogStatementsTest {
  private static final String ROOT = CatalogStatements.rootSeenBy("s3a://lake/wh", null);
  private static final List<Registration> TABLES = List.of(
      new Registration(Table.SILVER_CASES, ROOT + "/" + Table.SILVER_CASES.relativePath()),
      new Registration(Table.GOLD_CASE_MONTHLY, ROOT + "/" + Table.GOLD_CASE_MONTHLY.relativePath()));

  @Test
  void trinoCreatesEachSchemaOnceAndRegistersEachTableByLocation() {
    assertThat(CatalogStatements.of(Engine.TRINO, "delta", TABLES).stream().filter(l -> !l.startsWith("--")))
        .containsExactly(
            "CREATE SCHEMA IF NOT EXISTS delta.silver;",
            "CREATE SCHEMA IF NOT EXISTS delta.gold;",
            "CALL delta.system.register_table(schema_name => 'silver', table_name => 'cases', "
                + "table_location => 's3://lake/wh/silver/cases');",
            "CALL delta.system.register_table(schema_name => 'gold', table_name => 'case_monthly', "
                + "table_location => 's3://lake/wh/gold/case_monthly');");
  }

  @Test
  void databricksCreatesExternalDeltaTablesInSchemasWithTheLayersComments() {
    List<String> sql = CatalogStatements.of(Engine.DATABRICKS, "cchc", TABLES).stream()
        .filter(l -> !l.startsWith("--")).toList();
    assertThat(sql).hasSize(4);
    // the comment is a Spark SQL literal: the apostrophe of "city's" escaped with a backslash
    assertThat(sql.get(1)).isEqualTo("CREATE SCHEMA IF NOT EXISTS cchc.gold COMMENT '"
        + CatalogStatements.layerComment("gold").replace("'", "\\'") + "';").contains("city\\'s");
    assertThat(sql.get(3))
        .isEqualTo("CREATE TABLE IF NOT EXISTS cchc.gold.case_monthly USING DELTA LOCATION 's3://lake/wh/gold/case_monthly';");
  }

  @Test
  void aLocationWithAQuoteStaysOneLiteralInEitherDialect() {
    List<Registration> odd = List.of(new Registration(Table.OPS_RUNS, "file:///data/o'brien/ops/runs"));
    assertThat(CatalogStatements.of(Engine.TRINO, "delta", odd)).last().asString()
        .endsWith("table_location => 'file:///data/o''brien/ops/runs');");
    assertThat(CatalogStatements.of(Engine.DATABRICKS, "main", odd)).last().asString()
        .endsWith("LOCATION 'file:///data/o\\'brien/ops/runs';");
  }

  @Test
  void theRootIsWrittenAsTheOtherEngineReachesIt() {
    assertThat(CatalogStatements.rootSeenBy("s3a://lake/wh/", null)).isEqualTo("s3://lake/wh");
    assertThat(CatalogStatements.rootSeenBy("/srv/cchc/warehouse", null)).isEqualTo("file:///srv/cchc/warehouse");
    assertThat(CatalogStatements.rootSeenBy("/srv/cchc/warehouse", "abfss://lake@acct.dfs.core.windows.net/wh/"))
        .isEqualTo("abfss://lake@acct.dfs.core.windows.net/wh");
  }

  @Test
  void anUnknownEngineOrACatalogNameThatNeedsQuotingIsAUsageError() {
    assertThat(Engine.named("Trino")).isEqualTo(Engine.TRINO);
    assertThatThrownBy(() -> Engine.named("oracle")).isInstanceOf(UsageException.class)
        .hasMessage("unknown --for 'oracle': use trino or databricks");
    assertThatThrownBy(() -> CatalogStatements.of(Engine.TRINO, "my catalog", TABLES)).isInstanceOf(UsageException.class)
        .hasMessage("--catalog 'my catalog' is not a plain name: use letters, digits and _");
  }
}
