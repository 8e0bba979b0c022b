package vn.hcmc.cchc.cli;

import java.util.Optional;
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

  private static String required(String flag, Optional<String> configured, String key, String what) {
    if (flag != null && !flag.isBlank()) {
      return strip(flag);
    }
    return configured.map(Paths::strip)
        .orElseThrow(() -> new UsageException("missing " + what + " (or set " + key + " in the config file)"));
  }

  private static String strip(String p) {
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }
}
