package vn.hcmc.cchc.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Files;
import java.nio.file.Path;
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

  private AppConfig(Config config, Path file) {
    this.config = config;
    this.file = file;
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

  public Config raw() {
    return config;
  }

  public String string(String path) {
    return config.getString(path);
  }

  public Optional<String> optionalString(String path) {
    return config.hasPath(path) && !config.getIsNull(path) && !config.getString(path).isBlank()
        ? Optional.of(config.getString(path))
        : Optional.empty();
  }

  public double number(String path) {
    return config.getDouble(path);
  }

  public int integer(String path) {
    return config.getInt(path);
  }

  public boolean flag(String path) {
    return config.getBoolean(path);
  }

  /** A local path from the config; relative paths are taken from the working directory. */
  public Path localPath(String path) {
    return Path.of(config.getString(path)).toAbsolutePath().normalize();
  }

  /** Spark settings under {@code cchc.spark.conf}, flattened to {@code key -> value}. */
  public Map<String, String> sparkConf() {
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
    sparkConf().forEach((k, v) -> {
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
