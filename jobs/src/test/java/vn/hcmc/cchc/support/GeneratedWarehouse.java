package vn.hcmc.cchc.support;

import java.nio.file.Path;
import java.time.Instant;
import vn.hcmc.cchc.generate.Generated;
import vn.hcmc.cchc.ingest.ExportWindow;
import vn.hcmc.cchc.ingest.IngestJob;
import vn.hcmc.cchc.marts.MartsJob;
import vn.hcmc.cchc.normalize.NormalizeJob;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * A warehouse built from a generated landing zone: the whole of 2021 at 1/20,000 of the city's
 * volume (about 900 dossiers, every level, district and commune, every feed), run raw to gold in
 * process, once per build: the first test JVM to need it builds it, the other reuses it ({@link
 * BuiltOnce}). The tests of what serves the marts (publish, report, notebooks) read it and never write
 * it.
 */
public final class GeneratedWarehouse {
  public static final String FROM = "2021-01-01";
  public static final String TO = "2021-12-31";
  public static final double SCALE = 0.00005;
  public static final long SEED = 21;

  private static Warehouse year2021;

  private GeneratedWarehouse() {}

  /** The 2021 warehouse (built on first use; later callers share it). */
  public static synchronized Warehouse year2021() {
    if (year2021 == null) {
      Path root = BuiltOnce.folder("year-2021-warehouse", dir -> {
        Path raw = TestSpark.tempDir("generated-raw");
        Generated.run(Generated.spec(raw, FROM, TO, SCALE, SEED));
        Warehouse wh = new Warehouse(TestSpark.session(), dir.toString());
        new IngestJob(wh, new DeltaWriter(wh, "ingest"), Fixtures.PII).run(raw.toString(), ExportWindow.ALL, Instant.now());
        new NormalizeJob(wh, new DeltaWriter(wh, "normalize")).run(Instant.now());
        new MartsJob(wh, new DeltaWriter(wh, "marts"), Fixtures.REFERENCE).run(false);
      });
      Warehouse wh = new Warehouse(TestSpark.session(), root.toString());
      wh.registerAll();
      year2021 = wh;
    }
    return year2021;
  }

  /** A copy of {@link #year2021()} of the caller's own, for a test whose command writes the warehouse (ops.runs). */
  public static Warehouse copyOfYear2021() {
    Path from = Path.of(year2021().root());
    Path to = TestSpark.tempDir("generated-wh-copy");
    Folders.copy(from, to);
    return new Warehouse(TestSpark.session(), to.toString());
  }
}
