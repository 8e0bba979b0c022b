package vn.hcmc.cchc.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.hcmc.cchc.config.AppConfig;
import vn.hcmc.cchc.config.UsageException;
import vn.hcmc.cchc.serve.HtmlReport;
import vn.hcmc.cchc.serve.ReportData;
import vn.hcmc.cchc.session.Sessions;
import vn.hcmc.cchc.tables.Warehouse;

@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"One self-contained HTML page of the KPIs against the targets.",
        "Charts drawn inline, nothing fetched when viewed: the city's 2025 and 2030 targets in the latest year, "
            + "where each target's pace leads to 2030 and the units at risk, monthly trends, the districts and "
            + "communes furthest from the targets, the service index of Decision 766 and the units ranked on it, "
            + "the levels compared, and the city's published 2021 figures beside ours. Reads the warehouse only."},
    footer = {"", "Examples:",
        "  scripts/cchc report --warehouse data/warehouse --out report.html",
        "  scripts/cchc report --warehouse data/warehouse --year 2024 --out report-2024.html"})
final class ReportCommand extends JobCommand {
  private static final Logger LOG = LoggerFactory.getLogger(ReportCommand.class);

  @Mixin Paths.WarehouseOption warehouse;

  @Option(names = "--out", paramLabel = "FILE.html", required = true, description = "The HTML file to write.")
  Path out;

  @Option(names = "--year", paramLabel = "YYYY", description = "The year reported (default: the latest with data).")
  Integer year;

  @Override
  protected int execute(AppConfig config) throws Exception {
    String root = warehouse.resolve(config);
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new UsageException("no folder " + parent + " for --out");
    }
    try (Sessions.Lease lease = session(config, "report")) {
      SparkSession spark = lease.spark();
      Warehouse wh = new Warehouse(spark, root);
      if (!wh.rootExists()) {
        throw new UsageException("warehouse not found: " + root + " (run `scripts/cchc run` first, or fix --warehouse)");
      }
      ReportData data = ReportData.load(wh, config.settings().referenceDir(), year);
      if (year != null && data.attainment().isEmpty() && data.levels().isEmpty()) {
        throw new UsageException("no figures for --year " + year + " in " + root + " (leave --year out for the latest year)");
      }
      Files.writeString(out, HtmlReport.render(data, Instant.now()), StandardCharsets.UTF_8);
      LOG.info(summary(out, data));
    }
    System.out.println(out);
    return Cchc.OK;
  }

  /** The log line of a report written; a warehouse with no year of figures says so, not "year null". */
  static String summary(Path out, ReportData data) {
    String missing = data.missing().isEmpty() ? "" : "; missing or empty: " + String.join(", ", data.missing());
    return "report: " + out + " written (" + (data.year() == null
        ? "no data: neither gold.target_attainment nor gold.case_monthly has a year of figures"
        : "year " + data.year() + ", " + data.attainment().size() + " attainment rows") + missing + ")";
  }
}
