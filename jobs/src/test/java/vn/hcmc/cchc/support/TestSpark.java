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
 * a throw-away catalog folder. Built the way the jobs build theirs ({@link Sessions#create}).
 */
public final class TestSpark {
  private static SparkSession spark;

  private TestSpark() {}

  public static synchronized SparkSession session() {
    if (spark == null) {
      Map<String, String> conf = new HashMap<>();
      conf.put("spark.master", "local[2]");
      conf.put("spark.sql.shuffle.partitions", "2");
      conf.put("spark.default.parallelism", "2");
      conf.put("spark.databricks.delta.snapshotPartitions", "2");
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
