package vn.hcmc.cchc.cli;

import vn.hcmc.cchc.config.Messages;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;
import vn.hcmc.cchc.city.City;

/**
 * picocli's own parse errors as the contract's one line on stderr, exit 2: {@code cchc run: unknown
 * option --bogus; see scripts/cchc run --help} (no usage dump). A message names the argument the
 * user typed, never its index: {@code scripts/cchc} drops Spark's options and inserts {@code --conf
 * FILE} after the command, so picocli's positions are not the user's.
 */
final class ParseErrors implements CommandLine.IParameterExceptionHandler {
  /** Longer values are cut to this many characters in a message (a whole query is no help there). */
  static final int SHOWN = 32;

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cli = ex.getCommandLine();
    String command = cli.getCommandSpec().qualifiedName(" ");
    PrintWriter err = cli.getErr();
    err.println(command + ": " + message(ex, List.of(args)) + "; see scripts/" + command + " --help");
    err.flush();
    return Cchc.USAGE;
  }

  /** What is wrong, in the user's terms; {@code typed}: the arguments as the JVM got them. */
  static String message(ParameterException ex, List<String> typed) {
    CommandLine cli = ex.getCommandLine();
    // picocli reports a missing QUERY before an unknown option it also saw: the option is the real mistake
    List<String> unmatched = ex instanceof UnmatchedArgumentException u ? u.getUnmatched() : cli.getUnmatchedArguments();
    if (!unmatched.isEmpty()) {
      return unmatched(cli, unmatched);
    }
    if (ex instanceof MissingParameterException m && !m.getMissing().isEmpty()) {
      return missing(m.getMissing().get(0), typed);
    }
    if (ex instanceof OverwrittenOptionException o && o.getOverwritten() != null) {
      return name(o.getOverwritten()) + " is given twice: give it once";
    }
    if (ex.getArgSpec() != null && ex.getValue() != null) {
      ArgSpec arg = ex.getArgSpec();
      return name(arg) + " needs " + expected(arg) + ", not " + shown(ex.getValue());
    }
    return lowerFirst(Messages.oneLine(ex).replaceAll(" (at|from) index \\d+", "").replaceFirst("\\.$", ""));
  }

  private static String unmatched(CommandLine cli, List<String> unmatched) {
    CommandSpec spec = cli.getCommandSpec();
    String first = unmatched.get(0);
    if (first.startsWith("-")) {
      // picocli's guesses are good for a mistyped option, not for a command ("frobnicate": generate?)
      List<String> guesses = new UnmatchedArgumentException(cli, unmatched).getSuggestions();
      return "unknown option " + shown(first.replaceFirst("=.*", "")).replace("'", "")
          + (guesses.isEmpty() ? "" : " (did you mean " + String.join(" or ", guesses) + "?)");
    }
    if (!spec.subcommands().isEmpty()) {
      return "unknown command " + shown(first);
    }
    if (!spec.positionalParameters().isEmpty()) {
      String label = spec.positionalParameters().get(0).paramLabel();
      return label + " is one argument: put it in quotes (extra words " + shown(String.join(" ", unmatched)) + ")";
    }
    return "unexpected argument " + shown(first) + " (" + spec.name() + " takes only options)";
  }

  private static String missing(ArgSpec arg, List<String> typed) {
    if (arg instanceof OptionSpec o && typed.stream().anyMatch(a -> List.of(o.names()).contains(a.replaceFirst("=.*", "")))) {
      return o.longestName() + " needs a value, " + o.paramLabel();
    }
    String what = arg.description().length == 0 ? ""
        : " (" + lowerFirst(arg.description()[0].replaceFirst("\\.$", "")) + ")";
    return "missing " + (arg instanceof OptionSpec o ? o.longestName() + " " + o.paramLabel() : arg.paramLabel()) + what;
  }

  /** What a value of {@code arg} looks like, for a person. */
  private static String expected(ArgSpec arg) {
    Class<?> type = arg.type();
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "a whole number " + arg.paramLabel();
    }
    if (type == double.class || type == Double.class) {
      return "a number " + arg.paramLabel();
    }
    if (type == ZoneId.class) {
      return "a time zone such as " + City.ZONE_ID + " or UTC";
    }
    return arg.paramLabel();
  }

  private static String name(ArgSpec arg) {
    return arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
  }

  /** {@code value} in quotes, cut to {@link #SHOWN} characters. */
  static String shown(String value) {
    return "'" + (value.length() <= SHOWN ? value : value.substring(0, SHOWN - 3) + "...") + "'";
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
  }
}
