package vn.hcmc.cchc.cli;

import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;
import vn.hcmc.cchc.config.AppConfig;
import vn.hcmc.cchc.config.UsageException;

/** {@code --raw} and {@code --warehouse}: flags win over {@code cchc.raw} / {@code cchc.warehouse}. */
final class Paths {
  private Paths() {}

  static final class WarehouseOption {
    @Option(names = "--warehouse", paramLabel = "DIR", description = "Warehouse root, a local path or s3a:// URI.")
    String warehouse;

    String resolve(AppConfig config) {
      return required(warehouse, config.settings().warehouse(), "cchc.warehouse", "--warehouse DIR");
    }
  }

  static final class RawOption {
    @Option(names = "--raw", paramLabel = "DIR", description = "Raw landing zone, a local path or s3a:// URI.")
    String raw;

    String resolve(AppConfig config) {
      return required(raw, config.settings().raw(), "cchc.raw", "--raw DIR");
    }
  }

  /** A URI whose authority holds user information: {@code s3a://KEY:SECRET@bucket/...}. */
  private static final Pattern CREDENTIALS = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*@");

  /**
   * The flag's path, else the configured one. A URI that carries credentials is refused, without
   * showing it: logs, {@code ops.runs}, the metastore and the printed catalog statements would
   * otherwise keep the secret in clear.
   */
  private static String required(String flag, Optional<String> configured, String key, String what) {
    String path = flag != null && !flag.isBlank() ? strip(flag) : configured.map(Paths::strip)
        .orElseThrow(() -> new UsageException("missing " + what + " (or set " + key + " in the config file)"));
    if (CREDENTIALS.matcher(path).find()) {
      throw new UsageException(what.split(" ")[0] + " carries credentials (user:secret@ in the URI; not shown): "
          + "give them in the Hadoop configuration instead, e.g. --conf spark.hadoop.fs.s3a.access.key=...");
    }
    return path;
  }

  private static String strip(String p) {
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }
}
