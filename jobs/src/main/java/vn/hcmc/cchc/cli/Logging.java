package vn.hcmc.cchc.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/** Quiet by default: one summary line per stage from our jobs, Spark only when something is wrong. */
final class Logging {
  private Logging() {}

  static void configure(boolean verbose) {
    Configurator.setRootLevel(verbose ? Level.INFO : Level.WARN);
    Configurator.setLevel("vn.hcmc.cchc", Level.toLevel(System.getProperty("cchc.log.level", "INFO"), Level.INFO));
    if (!verbose) {
      // chatty at WARN about things that are expected here (no native Hadoop, a loopback address)
      Configurator.setLevel("org.apache.hadoop.util.NativeCodeLoader", Level.ERROR);
      Configurator.setLevel("org.apache.spark.util.Utils", Level.ERROR);
      Configurator.setLevel("org.apache.spark.sql.delta", Level.ERROR);
      // Delta's MERGE checkpoints its source locally and Spark warns about it on unpersist
      Configurator.setLevel("org.apache.spark.rdd.MapPartitionsRDD", Level.ERROR);
      Configurator.setLevel("org.apache.spark.sql.catalyst.util.SparkStringUtils", Level.ERROR);
    }
  }
}
