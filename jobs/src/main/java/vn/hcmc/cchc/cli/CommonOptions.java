package vn.hcmc.cchc.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes. */
public final class CommonOptions {
  @Option(names = "--conf", paramLabel = "FILE", defaultValue = "conf/local.conf",
      description = "HOCON config file (default: ${DEFAULT-VALUE}); flags override it.")
  Path conf;

  @Option(names = "--verbose", description = "Spark's own logs, and the stack trace of an error.")
  boolean verbose;
}
