package vn.hcmc.cchc.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;

/**
 * The effective configuration of one command: the HOCON file given with {@code --conf} (which
 * includes {@code defaults.conf}), overridden by command-line flags. Secrets never live here: they
 * come from the environment ({@link #env(String)}); keys that look secret are masked in {@link
 * #describe()}.
 */
public final class AppConfig {
  private static final Pattern SECRET_KEY =
      Pattern.compile("(?i).*(secret|password|passwd|token|credential|access\\.key|pii\\.key$).*");

  private static final String SPARK_HADOOP = "spark.hadoop.";

  private final Config config;
  private final Path file;
  private final Settings settings;

  private AppConfig(Config config, Path file) {
    this.config = config;
    this.file = file;
    this.settings = typed();
  }

  /** Loads {@code file} and resolves it; flags override any key. */
  public static AppConfig load(Path file, Map<String, ?> overrides) {
    if (!Files.isRegularFile(file)) {
      throw new UsageException("config file not found: " + file + " (pass --conf FILE, e.g. conf/local.conf)");
    }
    Config parsed =
        ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    Config flags = ConfigFactory.empty();
    for (Map.Entry<String, ?> e : overrides.entrySet()) {
      if (e.getValue() != null) {
        flags = flags.withValue(e.getKey(), ConfigValueFactory.fromAnyRef(e.getValue()));
      }
    }
    Config resolved =
        flags.withFallback(parsed).resolve();
    return new AppConfig(resolved, file.toAbsolutePath().normalize());
  }

  /** The typed settings of this config (built, and so checked, when it is loaded). */
  public Settings settings() {
    return settings;
  }

  private Settings typed() {
    try {
      return new Settings(file, optionalString("cchc.raw"), optionalString("cchc.warehouse"),
          localPath("cchc.reference-dir"), localPath("cchc.quality.rules"), optionalString("cchc.pii.key-file").map(Path::of),
          config.getString("cchc.layout.silver-cases"),
          new Settings.Lock(config.getDuration("cchc.lock.wait"), config.getDuration("cchc.lock.stale-after"),
              config.getBoolean("cchc.lock.kill-holder"), optionalString("cchc.lock.master-ui")),
          Duration.ofSeconds(config.getLong("cchc.progress.interval-seconds")),
          new Settings.Publish(optionalString("cchc.publish.jdbc-url"), optionalString("cchc.publish.user"),
              config.getString("cchc.publish.schema"), config.getString("cchc.publish.reader-role"),
              config.getInt("cchc.publish.batch-size")),
          new Settings.Catalog(optionalString("cchc.catalog.metastore"), optionalString("cchc.catalog.user")),
          new Settings.Generate(config.getLong("cchc.generate.seed"), config.getDouble("cchc.generate.scale"),
              config.getDouble("cchc.generate.pace"), config.getDouble("cchc.generate.bad-record-share"),
              config.getDouble("cchc.generate.legacy-share-of-communes")),
          sparkConf());
    } catch (ConfigException e) {
      throw new UsageException("bad config " + file + ": " + Messages.firstLine(e.getMessage(), "unreadable"));
    }
  }

  private Optional<String> optionalString(String path) {
    return config.hasPath(path) && !config.getIsNull(path) && !config.getString(path).isBlank()
        ? Optional.of(config.getString(path))
        : Optional.empty();
  }

  /** A local path from the config; relative paths are taken from the working directory. */
  private Path localPath(String path) {
    return Path.of(config.getString(path)).toAbsolutePath().normalize();
  }

  /** Spark settings under {@code cchc.spark.conf}, flattened to {@code key -> value}. */
  private Map<String, String> sparkConf() {
    Map<String, String> out = new TreeMap<>();
    if (config.hasPath("cchc.spark.conf")) {
      for (Map.Entry<String, ConfigValue> e : config.getConfig("cchc.spark.conf").entrySet()) {
        out.put(e.getKey().replace("\"", ""), String.valueOf(e.getValue().unwrapped()));
      }
    }
    return out;
  }

  /**
   * A Hadoop configuration (Hadoop's defaults first) with the {@code spark.hadoop.*} entries of
   * {@link #sparkConf()}, prefix stripped: what a Spark session's Hadoop configuration gets from
   * them, for code that touches storage without a session ({@code generate} writing to s3a://).
   */
  public Configuration hadoopConf() {
    Configuration conf = new Configuration();
    settings.sparkConf().forEach((k, v) -> {
      if (k.startsWith(SPARK_HADOOP)) {
        conf.set(k.substring(SPARK_HADOOP.length()), v);
      }
    });
    return conf;
  }

  /** Reads a variable of the process environment (where secrets come from). */
  public static Optional<String> env(String name) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
  }

  public Path file() {
    return file;
  }

  /** The effective {@code cchc} settings, one {@code key = value} per line, secrets masked. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    Map<String, String> sorted = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : config.getConfig("cchc").entrySet()) {
      String key = "cchc." + e.getKey();
      String value = e.getValue().render(ConfigRenderOptions.concise());
      sorted.put(key, SECRET_KEY.matcher(key).matches() ? "***" : Secrets.mask(value));
    }
    sorted.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
    return sb.toString();
  }
}
