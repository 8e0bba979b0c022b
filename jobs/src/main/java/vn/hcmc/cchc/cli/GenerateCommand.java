package vn.hcmc.cchc.cli;

import java.io.Console;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.hcmc.cchc.config.AppConfig;
import vn.hcmc.cchc.config.Settings;
import vn.hcmc.cchc.config.UsageException;
import vn.hcmc.cchc.generate.GenerateSpec;
import vn.hcmc.cchc.generate.GenerateSummary;
import vn.hcmc.cchc.generate.LandingZoneGenerator;
import vn.hcmc.cchc.generate.Progress;
import vn.hcmc.cchc.session.Stopwatch;

@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Writes a synthetic landing zone, every feed of RAW.md.",
        "Calibrated so that --year 2021 --scale 1 matches the city's published 2021 figures; the same seed "
            + "gives the same files.",
        "Later years improve month by month toward the city's targets (README, \"Generated years\"); --pace "
            + "sets how fast."},
    footer = {"", "Examples:",
        "  scripts/cchc generate --out data/raw --year 2021 --scale 0.01",
        "  scripts/cchc generate --out s3a://landing/raw --from 2025-06-01 --to 2025-07-31 --scale 0.005 --seed 7",
        "  scripts/cchc generate --out data/raw-frozen --from 2021-01-01 --to 2025-12-31 --scale 0.002 --pace 0",
        "  scripts/cchc generate --out data/raw-fast --from 2021-01-01 --to 2025-12-31 --scale 0.002 --pace 2"})
final class GenerateCommand extends JobCommand {
  private static final Logger LOG = LoggerFactory.getLogger(GenerateCommand.class);

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Landing zone root, a local path or s3a:// URI.")
  String out;

  @Option(names = "--year", paramLabel = "YYYY", description = "A whole calendar year.")
  Integer year;

  @Option(names = "--from", paramLabel = "DATE", description = "First day, yyyy-MM-dd (with --to).")
  String from;

  @Option(names = "--to", paramLabel = "DATE", description = "Last day, yyyy-MM-dd (with --from).")
  String to;

  @Option(names = "--scale", paramLabel = "F", description = "1 is the city's real volume (default: cchc.generate.scale).")
  Double scale;

  @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: cchc.generate.seed).")
  Long seed;

  @Option(names = "--pace", paramLabel = "F", description = "How fast the city improves after 2021: the gains "
      + "over 2021 times F; 1 the documented rates, 0 frozen at 2021, 2 twice the gains (default: "
      + "cchc.generate.pace).")
  Double pace;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
  Integer threads;

  @Override
  protected java.util.Map<String, Object> overrides() {
    java.util.Map<String, Object> m = new java.util.HashMap<>();
    m.put("cchc.generate.scale", scale);
    m.put("cchc.generate.seed", seed);
    m.put("cchc.generate.pace", pace);
    return m;
  }

  @Override
  protected int execute(AppConfig config) {
    LocalDate first;
    LocalDate last;
    if (year != null && (from != null || to != null)) {
      throw new UsageException("give either --year or --from/--to, not both");
    } else if (year != null) {
      if (year < 2000 || year > 2100) {
        throw new UsageException("--year " + year + " is out of range (2000-2100)");
      }
      first = LocalDate.of(year, 1, 1);
      last = LocalDate.of(year, 12, 31);
    } else if (from != null && to != null) {
      first = DateWindowOption.parse("--from", from);
      last = DateWindowOption.parse("--to", to);
      if (last.isBefore(first)) {
        throw new UsageException("--to " + to + " is before --from " + from);
      }
    } else {
      throw new UsageException("give --year YYYY, or --from DATE and --to DATE");
    }
    Settings.Generate defaults = config.settings().generate();
    double f = defaults.scale();
    if (!(f > 0) || f > 100) {
      throw new UsageException("--scale must be above 0 and at most 100, got " + f);
    }
    double p = defaults.pace();
    if (!GenerateSpec.validPace(p)) {
      throw new UsageException("--pace must be a number 0 or more (1: the documented rates, 0: frozen at 2021), "
          + "got " + p);
    }
    GenerateSpec spec = new GenerateSpec(out, first, last, f, defaults.seed(), defaults.badRecordShare(),
        defaults.legacyShareOfCommunes(), config.settings().referenceDir(),
        threads != null ? threads : Runtime.getRuntime().availableProcessors(), p);
    Stopwatch clock = Stopwatch.start();
    GenerateSummary summary = new LandingZoneGenerator(spec, config.hadoopConf()).run(progressPrinter(System.err));
    System.err.println();
    LOG.info(String.format(Locale.ROOT, "generate: %s .. %s at scale %s, pace %s into %s: %,d dossiers received, "
        + "%,d lines (%,d deliberately bad) in %,d files; %s", first, last, f, p, out, summary.total().received(),
        summary.lines(), summary.badRecords(), summary.files(), clock));
    return Cchc.OK;
  }

  /** One status line, redrawn in place on a terminal, every ~10% otherwise. */
  private static java.util.function.Consumer<Progress> progressPrinter(PrintStream err) {
    Console console = System.console();
    int[] lastDecile = {-1};
    return p -> {
      String line = String.format(Locale.ROOT, "generate: day %d/%d, %,d lines, %,.0f lines/s",
          p.daysDone(), p.daysTotal(), p.linesWritten(), p.linesPerSecond());
      if (console != null) {
        err.print("\r" + line);
        err.flush();
      } else {
        int decile = p.daysTotal() == 0 ? 10 : p.daysDone() * 10 / p.daysTotal();
        if (decile != lastDecile[0]) {
          lastDecile[0] = decile;
          err.println(line);
        }
      }
    };
  }
}
