package vn.hcmc.cchc.cli;

import java.util.Optional;
import picocli.CommandLine.Option;
import vn.hcmc.cchc.config.AppConfig;
import vn.hcmc.cchc.serve.Metastore;

/**
 * {@code --metastore}: the Hive metastore that names the tables (docs/CATALOG.md). The user from
 * {@code cchc.catalog.user} ({@code CCHC_METASTORE_USER}) or the URL, the password only from
 * {@code CCHC_METASTORE_PASSWORD}.
 */
final class MetastoreOption {
  /** The variable the metastore's password comes from (never the config, never a flag). */
  static final String PASSWORD = "CCHC_METASTORE_PASSWORD";

  @Option(names = "--metastore", paramLabel = "derby:DIR|jdbc:postgresql://HOST:PORT/DB",
      description = "The Hive metastore: derby:DIR (embedded, one process at a time) or a PostgreSQL URL "
          + "(several processes).")
  String metastore;

  /** The flag's metastore, else {@code cchc.catalog.metastore}'s; empty when neither names one. */
  Optional<Metastore> resolve(AppConfig config) {
    return Optional.ofNullable(metastore).or(() -> config.settings().catalog().metastore())
        .map(spec -> of(spec, config));
  }

  /** The flag's metastore only: a reader goes through a metastore when asked to, not because one is configured. */
  Optional<Metastore> flag(AppConfig config) {
    return Optional.ofNullable(metastore).map(spec -> of(spec, config));
  }

  /** {@code cchc.catalog.metastore}'s metastore, if set: what {@code run} syncs at its end. */
  static Optional<Metastore> configured(AppConfig config) {
    return config.settings().catalog().metastore().map(spec -> of(spec, config));
  }

  private static Metastore of(String spec, AppConfig config) {
    return Metastore.parse(spec, config.settings().catalog().user().orElse(null), AppConfig.env(PASSWORD).orElse(null));
  }
}
