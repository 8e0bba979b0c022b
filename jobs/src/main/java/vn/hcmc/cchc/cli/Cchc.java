package vn.hcmc.cchc.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import vn.hcmc.cchc.config.Messages;
import vn.hcmc.cchc.config.UsageException;
import vn.hcmc.cchc.quality.QualityFailure;

/**
 * The one entry point of the jar: {@code spark-submit --class vn.hcmc.cchc.cli.Cchc cchc-jobs.jar
 * COMMAND ...}, usually through {@code scripts/cchc}. Exit codes: 0 success, 2 usage error (a bad
 * argument, flag, path or missing key: the message says what to fix), 1 any other failure. One
 * line on stderr for an error; the stack trace only with {@code --verbose}.
 */
@Command(
    name = "cchc",
    mixinStandardHelpOptions = true,
    versionProvider = Cchc.Version.class,
    description = "cchc-warehouse: Ho Chi Minh City's administrative-reform data warehouse (Spark + Delta Lake).",
    subcommands = {
      GenerateCommand.class,
      IngestCommand.class,
      NormalizeCommand.class,
      MartsCommand.class,
      MaintainCommand.class,
      RestoreCommand.class,
      PublishCommand.class,
      CatalogCommand.class,
      RunCommand.class,
      RunsCommand.class,
      TablesCommand.class,
      SqlCommand.class,
      ServeCommand.class,
      TargetsCommand.class,
      ReportCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Cchc implements Runnable {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    List<String> commands = spec.subcommands().keySet().stream().filter(c -> !c.equals("help")).toList();
    throw new CommandLine.ParameterException(spec.commandLine(), "give a command: " + String.join(", ", commands));
  }

  public static void main(String[] args) {
    int code = execute(args);
    System.out.flush();
    System.err.flush();
    System.exit(code);
  }

  /** Runs a command line and returns its exit code (the testable part of {@link #main}). */
  public static int execute(String... args) {
    return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** {@link #execute(String...)} with picocli's help and error messages to {@code out} and {@code err}. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = commandLine();
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(args);
  }

  /** The command tree with the project's error handlers and help layout. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Cchc());
    HelpText.install(cli);
    cli.setParameterExceptionHandler(new ParseErrors());
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      boolean verbose = parseResult.expandedArgs().contains("--verbose");
      PrintWriter err = commandLine.getErr();
      String command = commandLine.getCommandSpec().qualifiedName(" ");
      if (ex instanceof UsageException) {
        err.println(command + ": " + ex.getMessage());
        err.flush();
        return USAGE;
      }
      err.println(command + " failed: " + Messages.oneLine(ex));
      if (verbose) {
        ex.printStackTrace(err);
      } else if (!(ex instanceof QualityFailure)) { // its one line says all: no stack trace to offer
        err.println("(run again with --verbose for the stack trace)");
      }
      err.flush();
      return FAILED;
    });
    return cli;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Cchc.class.getPackage().getImplementationVersion();
      return new String[] {"cchc-warehouse " + (v == null ? "dev" : v)};
    }
  }
}
