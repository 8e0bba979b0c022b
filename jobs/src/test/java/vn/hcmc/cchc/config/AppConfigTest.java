package vn.hcmc.cchc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hcmc.cchc.support.Fixtures;

class AppConfigTest {
  @TempDir Path dir;

  /** The project's defaults: every environment file includes them, and the typed settings need every key. */
  private static final Path DEFAULTS = Fixtures.REFERENCE.getParent().resolve("defaults.conf");

  /** A config file that includes the project's defaults, then {@code text}. */
  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, "include file(\"" + DEFAULTS + "\")\n" + text);
    return p;
  }

  @Test
  void anEnvironmentFileIncludesTheDefaultsAndFlagsWin() throws Exception {
    write("defaults.conf", "cchc { warehouse = \"/default\", generate.scale = 0.01, spark.conf { \"a.b\" = 1 } }");
    Path local = write("local.conf", "include \"defaults.conf\"\ncchc.spark.conf { \"a.b\" = 2, \"c\" = x }");
    Map<String, Object> flags = new HashMap<>();
    flags.put("cchc.warehouse", "/flag");
    flags.put("cchc.generate.scale", null); // a flag not given changes nothing
    flags.put("cchc.generate.seed", 7L);
    Settings s = AppConfig.load(local, flags).settings();
    assertThat(s.warehouse()).contains("/flag");
    assertThat(s.generate().scale()).isEqualTo(0.01);
    assertThat(s.generate().seed()).isEqualTo(7L);
    assertThat(s.sparkConf()).containsEntry("a.b", "2").containsEntry("c", "x");
    assertThat(s.lock().staleAfter()).as("from the project's defaults").isEqualTo(java.time.Duration.ofMinutes(10));
    assertThat(s.file()).isEqualTo(local.toAbsolutePath().normalize());
  }

  @Test
  void aKeyOfTheWrongTypeIsAUsageErrorNamingItBeforeAnySession() throws Exception {
    Path f = write("bad.conf", "cchc.lock.stale-after = soon\n");
    assertThatThrownBy(() -> AppConfig.load(f, Map.of())).isInstanceOf(UsageException.class)
        .hasMessageContaining("bad config " + f.toAbsolutePath().normalize()).hasMessageContaining("stale-after")
        .hasMessageNotContaining("\n");
  }

  @Test
  void theHadoopConfigurationGetsTheSparkHadoopKeysWithoutThePrefix() throws Exception {
    Path f = write("s3.conf", "cchc.spark.conf { \"spark.hadoop.fs.s3a.endpoint\" = \"http://127.0.0.1:9390\","
        + " \"spark.hadoop.fs.s3a.path.style.access\" = true, \"spark.sql.shuffle.partitions\" = 4 }");
    org.apache.hadoop.conf.Configuration conf = AppConfig.load(f, Map.of()).hadoopConf();
    assertThat(conf.get("fs.s3a.endpoint")).isEqualTo("http://127.0.0.1:9390");
    assertThat(conf.getBoolean("fs.s3a.path.style.access", false)).isTrue();
    assertThat(conf.get("spark.sql.shuffle.partitions")).isNull();
    assertThat(conf.get("fs.s3a.impl")).as("Hadoop's own defaults stay").isNotNull();
  }

  @Test
  void secretsAreMaskedInTheDescription() throws Exception {
    Path f = write("s.conf", "cchc { s3.secret-key = hunter2, s3.endpoint = \"http://127.0.0.1:9000\", pii.key = k,"
        + " publish.jdbc-url = \"jdbc:postgresql://db:5432/cchc?user=bi&password=swordfish\" }");
    String described = AppConfig.load(f, Map.of()).describe();
    assertThat(described).contains("cchc.s3.endpoint = \"http://127.0.0.1:9000\"")
        .contains("cchc.s3.secret-key = ***").doesNotContain("hunter2")
        .contains("jdbc:postgresql://db:5432/cchc?user=bi&password=***").doesNotContain("swordfish");
  }

  @Test
  void aMissingFileIsAUsageError() {
    assertThatThrownBy(() -> AppConfig.load(dir.resolve("nope.conf"), Map.of()))
        .isInstanceOf(UsageException.class).hasMessageContaining("--conf");
  }
}
