package vn.hcmc.cchc.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import vn.hcmc.cchc.config.AppConfig;
import vn.hcmc.cchc.ingest.ExportWindow;
import vn.hcmc.cchc.ops.RunRecord;
import vn.hcmc.cchc.pipeline.Pipeline;
import vn.hcmc.cchc.serve.Metastore;
import vn.hcmc.cchc.session.Sessions;

/**
 * The wrapper every command shares: parse (picocli), load config and log it (secrets masked), open
 * the session, call the library, close; {@link Cchc} maps the outcome to an exit code. Commands
 * that change the warehouse hand their stages to {@link Pipeline#run} through {@link #onWarehouse}.
 * Subclasses hold only their own options and the call into the library.
 */
abstract class JobCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(JobCommand.class);

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  /** Command-line values that override config keys (only non-null ones apply). */
  protected Map<String, Object> overrides() {
    return Map.of();
  }

  protected abstract int execute(AppConfig config) throws Exception;

  /** {@link #overrides()}, and {@code --kill-holder} where the command has it. */
  private Map<String, Object> flags() {
    Map<String, Object> flags = new HashMap<>(overrides());
    for (CommandSpec mixin : spec.mixins().values()) {
      if (mixin.userObject() instanceof KillHolderOption k && k.killHolder) {
        flags.put(KillHolderOption.KEY, true);
      }
    }
    return flags;
  }

  /** The {@code --conf} and {@code --verbose} in force (a subcommand may take them from its parent's too). */
  protected CommonOptions options() {
    return common;
  }

  @Override
  public final Integer call() throws Exception {
    CommonOptions options = options();
    Logging.configure(options.verbose);
    AppConfig config = AppConfig.load(options.conf, flags());
    if (options.verbose) {
      LOG.info("effective config ({}):\n{}", config.file(), config.describe());
    } else {
      LOG.info("config {}: {}", config.file(), config.describe().strip().replace("\n", "; "));
    }
    return execute(config);
  }

  /** A Spark session configured from {@code cchc.spark.conf} (or the JVM's own, borrowed); the caller closes the lease. */
  static Sessions.Lease session(AppConfig config, String command) {
    return session(config, command, Optional.empty());
  }

  /**
   * {@link #session(AppConfig, String)} whose catalog {@code metastore} keeps, when one is given (its
   * schema must exist: {@link Metastore#createSchemaIfMissing()} or {@link Metastore#requireSchema()} first).
   */
  static Sessions.Lease session(AppConfig config, String command, Optional<Metastore> metastore) {
    Map<String, String> conf = new HashMap<>(config.settings().sparkConf());
    metastore.ifPresent(m -> conf.putAll(m.sparkConf()));
    return Sessions.open("cchc " + command, conf);
  }

  /**
   * Runs {@code stages} as one {@link Pipeline} run on the warehouse at {@code root}, in this
   * command's session, recorded in {@code ops.runs} under the command's name and arguments. {@code
   * window}: the export days the run took, for the record.
   */
  RunRecord onWarehouse(AppConfig config, String root, ExportWindow window, Pipeline.Stage... stages) {
    return onWarehouse(config, root, window, Optional.empty(), stages);
  }

  /**
   * {@link #onWarehouse(AppConfig, String, ExportWindow, Pipeline.Stage...)} in a session with {@code
   * catalog}'s metastore, when one is given; its schema is created first, before any stage runs.
   */
  RunRecord onWarehouse(AppConfig config, String root, ExportWindow window, Optional<Metastore> catalog,
      Pipeline.Stage... stages) {
    catalog.ifPresent(JobCommand::createSchemaIfMissing);
    try (Sessions.Lease lease = session(config, name(), catalog)) {
      return Pipeline.run(lease.spark(), config.settings(),
          new Pipeline.Params(name(), arguments(), root, window, changesTables(), List.of(stages)));
    }
  }

  /** The metastore's schema, created unless it exists: before a session is built with the metastore. */
  static void createSchemaIfMissing(Metastore metastore) {
    LOG.info("metastore {}: {}", metastore, metastore.createSchemaIfMissing());
  }

  /** The command's name as typed after {@code cchc}: {@code run}, {@code catalog sync}. */
  String name() {
    return spec.root() == spec ? spec.name() : spec.qualifiedName(" ").substring(spec.root().name().length()).strip();
  }

  /** Whether the command changes tables, and so holds the warehouse's lock while it runs. */
  protected boolean changesTables() {
    return true;
  }

  /** The arguments after the command name, as given (the record masks secrets). */
  private List<String> arguments() {
    List<String> args = spec.commandLine().getParseResult().originalArgs();
    int at = args.indexOf(spec.name());
    return at < 0 ? args : args.subList(at + 1, args.size());
  }
}
