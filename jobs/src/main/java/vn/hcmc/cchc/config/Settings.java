package vn.hcmc.cchc.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Every {@code cchc.*} key the code reads, typed, built once by {@link AppConfig#settings()} from the
 * effective config ({@code conf/defaults.conf} documents each key). A missing or mistyped key fails
 * when the config is loaded, before any session starts, not in the middle of a run. Secrets are not
 * here: they come from the environment.
 *
 * @param file the config file the settings come from (recorded in {@code ops.runs})
 * @param raw {@code cchc.raw}: the landing zone when {@code --raw} is not given
 * @param warehouse {@code cchc.warehouse}: the warehouse root when {@code --warehouse} is not given
 * @param referenceDir {@code cchc.reference-dir}: the reference data shipped with the product
 * @param qualityRules {@code cchc.quality.rules}: the quality rules every run evaluates ({@code conf/quality.csv})
 * @param piiKeyFile {@code cchc.pii.key-file}: a file holding the pseudonymisation key
 * @param silverLayout {@code cchc.layout.silver-cases}: the layout of a new {@code silver.cases}
 * @param progressInterval {@code cchc.progress.interval-seconds}: how often a long command logs progress (0: never)
 * @param catalog {@code cchc.catalog}: the Hive metastore {@code run} registers the tables in, if any
 * @param sparkConf {@code cchc.spark.conf}, flattened: Spark settings spark-submit did not set
 */
public record Settings(Path file, Optional<String> raw, Optional<String> warehouse, Path referenceDir, Path qualityRules,
    Optional<Path> piiKeyFile, String silverLayout, Lock lock, Duration progressInterval, Publish publish,
    Catalog catalog, Generate generate, Map<String, String> sparkConf) {

  /**
   * {@code cchc.lock}: how long a second writer waits, when a holder's lock counts as abandoned,
   * whether a live holder is ended after the wait ({@code kill-holder}, the flag {@code --kill-holder})
   * and the standalone master's web UI that ends it when its driver runs on another host.
   */
  public record Lock(Duration maxWait, Duration staleAfter, boolean killHolder, Optional<String> masterUi) {}

  /** {@code cchc.publish}: where {@code publish} writes the marts (the password only from the environment). */
  public record Publish(Optional<String> jdbcUrl, Optional<String> user, String schema, String readerRole,
      int batchSize) {}

  /**
   * {@code cchc.catalog}: the metastore of {@code catalog sync}, and of {@code run} when set ({@code derby:DIR} or a
   * {@code jdbc:postgresql:} URL), and its user; the password only from the environment.
   */
  public record Catalog(Optional<String> metastore, Optional<String> user) {}

  /** {@code cchc.generate}: the synthetic landing zone's defaults. */
  public record Generate(long seed, double scale, double pace, double badRecordShare, double legacyShareOfCommunes) {}
}
