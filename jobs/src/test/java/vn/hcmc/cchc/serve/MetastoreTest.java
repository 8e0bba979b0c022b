package vn.hcmc.cchc.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.config.UsageException;

/** What {@code --metastore} accepts, the Spark settings it becomes, and that its password never shows. */
class MetastoreTest {
  @Test
  void derbyIsAFolderHoldingTheDatabaseAndItsLog() {
    Metastore m = Metastore.parse("derby:target/ms", "someone", "ignored");
    Path dir = Path.of("target/ms").toAbsolutePath().normalize();
    assertThat(m.derby()).isTrue();
    assertThat(m.derbyFolder()).isEqualTo(dir);
    assertThat(m.jdbcUrl()).isEqualTo("jdbc:derby:;databaseName=" + dir.resolve("metastore_db") + ";create=true");
    // embedded Derby has no users: Hive's default schema, whoever asked
    assertThat(m.user()).isEqualTo("APP");
    assertThat(m.password()).isNull();
    assertThat(m.sparkConf()).doesNotContainKey("spark.hadoop.javax.jdo.option.ConnectionPassword");
  }

  @Test
  void postgresqlKeepsItsUrlAndTheSessionGetsHiveWithTheSchemaCheckOn() {
    Metastore m = Metastore.parse("jdbc:postgresql://db:5432/metastore", "hive", "s3cret");
    Map<String, String> conf = m.sparkConf();
    assertThat(conf).containsEntry("spark.sql.catalogImplementation", "hive")
        .containsEntry("spark.hadoop.javax.jdo.option.ConnectionURL", "jdbc:postgresql://db:5432/metastore")
        .containsEntry("spark.hadoop.javax.jdo.option.ConnectionDriverName", "org.postgresql.Driver")
        .containsEntry("spark.hadoop.javax.jdo.option.ConnectionUserName", "hive")
        .containsEntry("spark.hadoop.javax.jdo.option.ConnectionPassword", "s3cret")
        .containsEntry("spark.hadoop.hive.metastore.schema.verification", "true")
        .containsEntry("spark.hadoop.datanucleus.schema.autoCreateAll", "false");
    assertThat(m.toString()).isEqualTo("jdbc:postgresql://db:5432/metastore").doesNotContain("s3cret");
  }

  @Test
  void aPasswordInTheUrlIsMaskedWhereverTheMetastoreIsShown() {
    Metastore m = Metastore.parse("jdbc:postgresql://db/ms?user=hive&password=s3cret", null, null);
    assertThat(m.toString()).doesNotContain("s3cret").contains("password=***");
    assertThatThrownBy(() -> Metastore.parse("mysql://hive:s3cret@db/ms", null, null))
        .isInstanceOf(UsageException.class).hasMessageNotContaining("s3cret")
        .hasMessageStartingWith("unknown metastore 'mysql://hive:***@db/ms': use derby:DIR or jdbc:postgresql://");
    assertThatThrownBy(() -> Metastore.parse("derby:", null, null)).isInstanceOf(UsageException.class);
  }
}
