package vn.hcmc.cchc.cli;

import vn.hcmc.cchc.config.Messages;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import vn.hcmc.cchc.support.Launcher;

/** Exit codes and messages of argument errors, caught before any Spark session exists; the help texts. */
class CchcTest {
  /** What {@code scripts/cchc} inserts after the command name when the user gives no {@code --conf FILE}. */
  private static final String CONF = "/opt/cchc/conf/local.conf";
  /** A config file that exists: the command gets as far as checking its own options. */
  private static final String LOCAL_CONF = Launcher.ROOT.resolve("conf/local.conf").toString();

  record Outcome(int exitCode, String stdout, String stderr) {}

  /** Runs a command line in process, keeping what picocli and the handlers printed. */
  static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cchc.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Outcome(code, out.toString(), err.toString());
  }

  /** Exit 2, nothing on stdout (no usage dump) and exactly {@code line} on stderr. */
  private static void assertUsageError(String line, String... args) {
    Outcome o = run(args);
    assertThat(o.exitCode()).as(String.join(" ", args)).isEqualTo(Cchc.USAGE);
    assertThat(o.stdout()).as("stdout of %s", String.join(" ", args)).isEmpty();
    assertThat(o.stderr().lines().toList()).as("stderr of %s", String.join(" ", args)).containsExactly(line);
  }

  @Test
  void anUnknownOptionIsOneLineNamingItAndTheHelpToRead() {
    // as scripts/cchc passes it: --conf FILE inserted after the command name
    assertUsageError("cchc run: unknown option --bogus; see scripts/cchc run --help", "run", "--conf", CONF, "--bogus");
    assertUsageError("cchc ingest: unknown option --warehous (did you mean --warehouse?); see scripts/cchc ingest --help",
        "ingest", "--conf", CONF, "--raw", "data/raw", "--warehous", "data/wh");
    assertUsageError("cchc: unknown option --bogus; see scripts/cchc --help", "--bogus");
    // picocli would report the missing QUERY first; the unknown option is what the user got wrong
    assertUsageError("cchc sql: unknown option --bogus; see scripts/cchc sql --help", "sql", "--conf", CONF, "--bogus");
    assertUsageError("cchc: unknown command 'frobnicate'; see scripts/cchc --help", "frobnicate");
  }

  @Test
  void anUnquotedQueryIsOneLineAskingForQuotesWithoutArgumentPositions() {
    Outcome o = run("sql", "--conf", CONF, "--warehouse", "data/wh", "SELECT", "level,", "count(*)", "FROM",
        "silver.cases", "GROUP", "BY", "level");
    assertThat(o.exitCode()).isEqualTo(Cchc.USAGE);
    assertThat(o.stdout()).isEmpty();
    assertThat(o.stderr().lines().toList()).containsExactly("cchc sql: QUERY is one argument: put it in quotes "
        + "(extra words 'level, count(*) FROM silver.c...'); see scripts/cchc sql --help");
    // picocli counts "index 5", the launcher's argv; the user typed the query third
    assertThat(o.stderr()).doesNotContainIgnoringCase("index");
    assertUsageError("cchc normalize: unexpected argument 'data/wh' (normalize takes only options); "
        + "see scripts/cchc normalize --help", "normalize", "--conf", CONF, "data/wh");
  }

  @Test
  void aValueOfTheWrongTypeNamesTheOptionAndWhatItTakes() {
    assertUsageError("cchc targets: --year needs a whole number YYYY, not 'abc'; see scripts/cchc targets --help",
        "targets", "--conf", CONF, "--year", "abc");
    assertUsageError("cchc maintain: --retention-hours needs a number H, not 'a week'; see scripts/cchc maintain --help",
        "maintain", "--conf", CONF, "--retention-hours", "a week");
    String pasted = "2021 SELECT * FROM gold.target_attainment WHERE year = 2021 AND scope_type = 'city'";
    assertUsageError("cchc targets: --year needs a whole number YYYY, not '2021 SELECT * FROM gold.targe...'; "
        + "see scripts/cchc targets --help", "targets", "--year", pasted);
  }

  @Test
  void anOptionValueTheCommandRefusesIsOneLineBeforeAnySession() {
    assertUsageError("cchc sql: unknown --format 'xml': use csv, json or table",
        "sql", "--conf", LOCAL_CONF, "--warehouse", "data/wh", "--format", "xml", "SELECT 1");
    assertUsageError("cchc generate: give either --year or --from/--to, not both",
        "generate", "--conf", LOCAL_CONF, "--out", "data/raw", "--year", "2021", "--from", "2021-01-01");
    assertUsageError("cchc maintain: --retention-hours must be 0 or more, not -1.0",
        "maintain", "--conf", LOCAL_CONF, "--warehouse", "data/wh", "--retention-hours", "-1");
    assertUsageError("cchc targets: unknown --scope 'ward': use city, level, district or agency",
        "targets", "--conf", LOCAL_CONF, "--warehouse", "data/wh", "--scope", "ward");
    assertUsageError("cchc targets: --year does not apply to --trend: a trajectory spans every month with data",
        "targets", "--conf", LOCAL_CONF, "--warehouse", "data/wh", "--trend", "--year", "2021");
    assertUsageError("cchc serve: --port 70000 is not a port: use 1 to 65535",
        "serve", "--conf", LOCAL_CONF, "--warehouse", "data/wh", "--port", "70000");
  }

  @Test
  void aPaceThatIsNoNumberOrNegativeIsOneLineSayingWhatItTakes() {
    String[] year = {"generate", "--conf", LOCAL_CONF, "--out", "data/raw", "--year", "2022", "--pace"};
    for (String bad : new String[] {"-1", "NaN", "Infinity"}) {
      assertUsageError("cchc generate: --pace must be a number 0 or more (1: the documented rates, 0: frozen at 2021), "
          + "got " + Double.parseDouble(bad), append(year, bad));
    }
    assertUsageError("cchc generate: --pace needs a number F, not 'fast'; see scripts/cchc generate --help",
        append(year, "fast"));
  }

  private static String[] append(String[] args, String last) {
    String[] out = java.util.Arrays.copyOf(args, args.length + 1);
    out[args.length] = last;
    return out;
  }

  /**
   * {@code catalog}'s subcommands, with {@code --conf FILE} where scripts/cchc puts it (after {@code
   * catalog}) or after the subcommand: each mistake one line naming the whole command, before any
   * session or metastore is opened.
   */
  @Test
  void aCatalogMistakeIsOneLineNamingTheSubcommand() {
    assertUsageError("cchc catalog: give a command: sync, statements; see scripts/cchc catalog --help",
        "catalog", "--conf", CONF);
    assertUsageError("cchc catalog sync: missing --metastore derby:DIR or jdbc:postgresql://HOST:PORT/DATABASE "
        + "(or set cchc.catalog.metastore, CCHC_METASTORE)", "catalog", "--conf", LOCAL_CONF, "sync", "--warehouse", "data/wh");
    assertUsageError("cchc catalog sync: unknown metastore 'mysql://db/hive': use derby:DIR or "
        + "jdbc:postgresql://HOST:PORT/DATABASE", "catalog", "sync", "--conf", LOCAL_CONF, "--warehouse", "data/wh",
        "--metastore", "mysql://db/hive");
    // a root with credentials in its URI would reach the printed statements (and the metastore) in clear
    assertUsageError("cchc catalog statements: --warehouse carries credentials (user:secret@ in the URI; not shown): "
        + "give them in the Hadoop configuration instead, e.g. --conf spark.hadoop.fs.s3a.access.key=...",
        "catalog", "--conf", LOCAL_CONF, "statements", "--warehouse", "s3a://AKIAEXAMPLE:open-sesame@lake/wh",
        "--for", "trino");
    assertUsageError("cchc catalog statements: unknown --for 'oracle': use trino or databricks",
        "catalog", "--conf", LOCAL_CONF, "statements", "--warehouse", "data/wh", "--for", "oracle");
    assertUsageError("cchc catalog statements: --catalog 'my lake' is not a plain name: use letters, digits and _",
        "catalog", "--conf", LOCAL_CONF, "statements", "--warehouse", "data/wh", "--for", "trino", "--catalog", "my lake");
    assertUsageError("cchc catalog statements: missing --for trino|databricks (the engine whose SQL to print); "
        + "see scripts/cchc catalog statements --help", "catalog", "--conf", CONF, "statements", "--warehouse", "data/wh");
    assertUsageError("cchc sql: give --warehouse or --metastore, not both (the metastore knows where its tables are)",
        "sql", "--conf", LOCAL_CONF, "--warehouse", "data/wh", "--metastore", "derby:data/ms", "SELECT 1");
  }

  @Test
  void aTimeZoneThatDoesNotExistIsAUsageErrorBeforeAnySession() {
    assertUsageError("cchc sql: --time-zone needs a time zone such as Asia/Ho_Chi_Minh or UTC, not 'Asia/Saigon City'; "
        + "see scripts/cchc sql --help", "sql", "--conf", CONF, "--time-zone", "Asia/Saigon City", "SELECT 1");
    assertUsageError("cchc targets: --time-zone needs a time zone such as Asia/Ho_Chi_Minh or UTC, not '+25:00'; "
        + "see scripts/cchc targets --help", "targets", "--conf", CONF, "--time-zone", "+25:00");
  }

  @Test
  void sqlAndTargetsRunInTheCitysZoneUnlessTheUserAsksForAnother() {
    CommandLine cli = Cchc.commandLine();
    cli.parseArgs("sql", "SELECT 1");
    assertThat(((SqlCommand) cli.getSubcommands().get("sql").getCommand()).timeZone.zone)
        .isEqualTo(java.time.ZoneId.of("Asia/Ho_Chi_Minh"));
    cli = Cchc.commandLine();
    cli.parseArgs("targets", "--time-zone", "UTC");
    assertThat(((TargetsCommand) cli.getSubcommands().get("targets").getCommand()).timeZone.zone)
        .isEqualTo(java.time.ZoneId.of("UTC"));
    assertThat(Cchc.commandLine().getSubcommands().get("sql").getUsageMessage(CommandLine.Help.Ansi.OFF))
        .contains("--time-zone=ZONE").contains("default: Asia/Ho_Chi_Minh");
  }

  @Test
  void aMissingArgumentOrValueSaysWhichAndWhatItIs() {
    assertUsageError("cchc sql: missing QUERY (one SQL query, in quotes); see scripts/cchc sql --help",
        "sql", "--conf", CONF, "--warehouse", "data/wh");
    assertUsageError("cchc report: missing --out FILE.html (the HTML file to write); see scripts/cchc report --help",
        "report", "--conf", CONF, "--warehouse", "data/wh");
    assertUsageError("cchc targets: --year needs a value, YYYY; see scripts/cchc targets --help",
        "targets", "--conf", CONF, "--year");
    assertUsageError("cchc targets: --year is given twice: give it once; see scripts/cchc targets --help",
        "targets", "--year", "2021", "--year", "2022");
    assertUsageError("cchc: give a command: generate, ingest, normalize, marts, maintain, restore, publish, catalog, run, "
        + "runs, tables, sql, serve, targets, report; see scripts/cchc --help");
  }

  @Test
  void everyHelpTextIsWholeSentencesCutAtSpacesOnly() {
    CommandLine root = Cchc.commandLine();
    List<CommandLine> all = new ArrayList<>(List.of(root));
    all.addAll(root.getSubcommands().values());
    for (CommandLine c : all) {
      CommandSpec spec = c.getCommandSpec();
      String name = spec.qualifiedName(" ");
      String usage = flat(c.getUsageMessage(CommandLine.Help.Ansi.OFF));
      List<String> texts = new ArrayList<>();
      for (String d : spec.usageMessage().description()) {
        texts.addAll(List.of(d.split("%n")));
      }
      for (ArgSpec arg : spec.args()) {
        texts.add(String.join(" ", arg.description()).replace("${DEFAULT-VALUE}", String.valueOf(arg.defaultValue())));
      }
      spec.subcommands().forEach((sub, cli) -> texts.add(sub + " " + summary(cli.getCommandSpec())));
      for (String text : texts.stream().filter(t -> !t.isBlank()).toList()) {
        assertThat(text.strip()).as("a whole sentence in the help of %s", name).endsWith(".");
        // picocli cut "silver.cases" into "silver." and "cases"; a summary was the first line of a paragraph
        assertThat(usage).as("help of %s, whitespace folded", name).contains(flat(text));
      }
      c.getUsageMessage(CommandLine.Help.Ansi.OFF).lines().takeWhile(l -> !l.equals("Examples:") && !l.equals("Example:"))
          .forEach(l -> assertThat(l.length()).as("width of %s's help: %s", name, l).isLessThanOrEqualTo(80));
    }
    assertThat(flat(root.getSubcommands().get("ingest").getUsageMessage())).contains(
        "into bronze.cases, reference snapshots into silver.agencies and silver.procedures,");
  }

  private static String summary(CommandSpec spec) {
    return spec.usageMessage().header().length > 0 ? spec.usageMessage().header()[0] : spec.usageMessage().description()[0];
  }

  private static String flat(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }
  @Test
  void anUnknownCommandOrOptionIsAUsageError() {
    assertThat(Cchc.execute("frobnicate")).isEqualTo(Cchc.USAGE);
    assertThat(Cchc.execute("ingest", "--no-such-flag")).isEqualTo(Cchc.USAGE);
    assertThat(Cchc.execute()).isEqualTo(Cchc.USAGE);
  }

  @Test
  void killHolderIsForTheCommandsThatTakeTheLockAndNotWithADryRun() {
    assertUsageError("cchc maintain: --kill-holder with --dry-run: a command that changes nothing does not end the run "
        + "that holds the lock; drop one of them", "maintain", "--conf", LOCAL_CONF, "--warehouse", "/tmp/wh",
        "--dry-run", "--kill-holder");
    assertUsageError("cchc restore: --kill-holder with --dry-run: a command that changes nothing does not end the run "
        + "that holds the lock; drop one of them", "restore", "--conf", LOCAL_CONF, "--warehouse", "/tmp/wh",
        "--run", "20261125T101500Z-3fa2c1", "--dry-run", "--kill-holder");
    // a reader takes no lock, so has nothing to end
    assertUsageError("cchc publish: unknown option --kill-holder; see scripts/cchc publish --help", "publish", "--conf",
        CONF, "--kill-holder");
  }

  @Test
  void generateNeedsARange() {
    assertThat(Cchc.execute("generate", "--conf", "../conf/local.conf", "--out", "/tmp/x")).isEqualTo(Cchc.USAGE);
    assertThat(Cchc.execute("generate", "--conf", "../conf/local.conf", "--out", "/tmp/x", "--from", "2021-02-30",
        "--to", "2021-03-01")).isEqualTo(Cchc.USAGE);
  }

  @Test
  void theReportNeedsAnOutputFile() {
    assertThat(Cchc.execute("report", "--warehouse", "/tmp/x")).isEqualTo(Cchc.USAGE);
  }

  @Test
  void helpSucceedsForEveryCommand() {
    for (String c : Cchc.commandLine().getSubcommands().keySet()) {
      Outcome o = run(c, "--help");
      assertThat(o.exitCode()).as(c).isZero();
      assertThat(o.stdout()).as(c).contains("Usage: cchc " + c);
    }
    // as scripts/cchc passes it: --conf FILE inserted after the command name
    Outcome normalize = run("normalize", "--conf", CONF, "--help");
    assertThat(normalize.exitCode()).isZero();
    assertThat(normalize.stdout()).contains("--warehouse=DIR");
  }

  @Test
  void theFirstLineOfTheInnermostMessageIsReported() {
    Exception e = new RuntimeException(new IllegalStateException("disk full\nat somewhere"));
    assertThat(Messages.oneLine(e)).isEqualTo("disk full");
  }
}
