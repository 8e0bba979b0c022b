package vn.hcmc.cchc.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.support.TestSpark;

/**
 * The metastore's schema on a real embedded Derby, in this JVM (no Spark: the shared session has
 * no Hive, {@code CatalogIT} runs Spark over it): created once with the version Hive checks, left
 * alone the second time, never created by a reader, refused when of another version.
 */
class MetastoreSchemaTest {
  @Test
  void theSchemaIsCreatedOnceWithItsVersionAndASecondCallChangesNothing() throws SQLException {
    Path dir = TestSpark.tempDir("metastore");
    Metastore m = Metastore.parse("derby:" + dir.resolve("ms"), null, null);
    assertThatThrownBy(() -> MetastoreSchema.require(m)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("holds no catalog yet: run `scripts/cchc catalog sync`");
    assertThat(Files.exists(dir.resolve("ms/metastore_db"))).as("a reader creates no database").isFalse();

    assertThat(MetastoreSchema.ensure(m)).isEqualTo("schema 2.3.0 created");
    List<String> tables = query(m, "SELECT TABLENAME FROM SYS.SYSTABLES WHERE TABLETYPE = 'T'");
    // every table of Hive's mapping: databases, tables, their storage, columns, privileges, the version
    assertThat(tables).contains("DBS", "TBLS", "SDS", "COLUMNS_V2", "TABLE_PARAMS", "DB_PRIVS", "VERSION")
        .hasSizeGreaterThanOrEqualTo(40);
    assertThat(query(m, "SELECT SCHEMA_VERSION FROM VERSION")).containsExactly("2.3.0");
    assertThat(Files.exists(dir.resolve("ms/derby.log"))).as("Derby's log beside its database").isTrue();

    assertThat(MetastoreSchema.ensure(m)).isEqualTo("schema 2.3.0 present");
    assertThat(query(m, "SELECT SCHEMA_VERSION FROM VERSION")).containsExactly("2.3.0");
    MetastoreSchema.require(m);

    update(m, "UPDATE VERSION SET SCHEMA_VERSION = '1.2.0'");
    assertThatThrownBy(() -> MetastoreSchema.ensure(m)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("holds Hive schema 1.2.0; this Spark's Hive client reads 2.3.0");
  }

  @Test
  void theMappingHoldsEveryClassHivePersists() {
    assertThat(MetastoreSchema.modelClasses()).hasSizeGreaterThanOrEqualTo(30)
        .contains("org.apache.hadoop.hive.metastore.model.MVersionTable", "org.apache.hadoop.hive.metastore.model.MTable",
            "org.apache.hadoop.hive.metastore.model.MDatabase");
  }

  private static List<String> query(Metastore m, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(m.jdbcUrl(), "APP", null); Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }

  private static void update(Metastore m, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(m.jdbcUrl(), "APP", null); Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }
}
