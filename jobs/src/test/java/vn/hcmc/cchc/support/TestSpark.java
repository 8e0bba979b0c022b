package vn.hcmc.cchc.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import vn.hcmc.cchc.session.Sessions;

/**
 * The one SparkSession of a test JVM: local[2], two shuffle partitions, no UI, loopback, Delta,
 * a throw-away catalog folder, Spark's interpreted evaluation ({@link #INTERPRETED}). Built the way
 * the jobs build theirs ({@link Sessions#create}).
 */
public final class TestSpark {
  /**
   * Spark's interpreted evaluation instead of generated code: no whole-stage code generation, and
   * expressions, projections and predicates evaluated by Catalyst's interpreted classes. The
   * results are the same (Spark's own suites run both modes); on fixtures of a few hundred rows the
   * Java source Spark generates, formats and compiles for every plan cost half of a run's CPU
   * ({@code DailyRunsTest} in a JVM of its own: 325 s with code generation, 235 s without;
   * docs/DECISIONS.md). The runs the end-to-end tests launch through {@code scripts/cchc} generate
   * code as production does. {@code
   * -Dtest.jvm.flags=-Dcchc.test.codegen=true} runs the in-process tests with code generation.
   */
  public static final Map<String, String> INTERPRETED = Map.of(
      "spark.sql.codegen.wholeStage", "false",
      "spark.sql.codegen.factoryMode", "NO_CODEGEN");

  static final String CODEGEN_PROPERTY = "cchc.test.codegen";

  private static SparkSession spark;

  private TestSpark() {}

  public static synchronized SparkSession session() {
    if (spark == null) {
      Map<String, String> conf = new HashMap<>();
      conf.put("spark.master", "local[2]");
      conf.put("spark.sql.shuffle.partitions", "2");
      conf.put("spark.default.parallelism", "2");
      conf.put("spark.databricks.delta.snapshotPartitions", "2");
      if (!Boolean.getBoolean(CODEGEN_PROPERTY)) {
        conf.putAll(INTERPRETED);
      }
      conf.put("spark.ui.enabled", "false");
      conf.put("spark.ui.showConsoleProgress", "false");
      conf.put("spark.driver.bindAddress", "127.0.0.1");
      conf.put("spark.driver.host", "127.0.0.1");
      conf.put("spark.sql.warehouse.dir", tempDir("spark-catalog").toString());
      System.setProperty("spark.master", "local[2]");
      spark = Sessions.create("cchc-tests", conf);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> spark.stop()));
    }
    return spark;
  }

  public static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory("cchc-" + prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
