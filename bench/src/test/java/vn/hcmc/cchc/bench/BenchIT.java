package vn.hcmc.cchc.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.support.Launcher;

/**
 * {@code scripts/bench} keeps working: a tiny run (scale 0.001, two days of history) through every
 * step prints every row of the table, every ratio, and a DuckDB cross-check that passed. No timing
 * is asserted, so the unmeasured warm-up launches are left out ({@code --no-warm-up}: three JVMs
 * fewer).
 */
class BenchIT {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  @Test
  void tinyRunPrintsEveryRowAndTheCrossCheckPasses() throws Exception {
    Path dir = ROOT.resolve("bench/target/bench-it");
    Path doc = dir.resolve("BENCHMARKS.md");
    Path out = Files.createTempFile("bench-out", ".txt");
    ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("scripts/bench").toString(), "--scale", "0.001",
        "--from", "2022-01-01", "--dir", dir.toString(), "--doc", doc.toString(), "--no-warm-up")
        .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("CCHC_"));
    pb.environment().put("CCHC_DRIVER_MEMORY", "2g");
    // no timing is asserted: the short JVMs of a tiny run start in about half the time with C1 alone,
    // and from the launcher's class-data archive of this build's jar (scripts/cchc), which the
    // end-to-end tests' launches wrote, or else the benchmark's warm-up; Spark interprets, as in the
    // other end-to-end tests' launches (Launcher.TEST_JVM_OPTS)
    pb.environment().put("CCHC_JAVA_OPTS", Launcher.TEST_JVM_OPTS);
    Process p = pb.start();
    // a guard, not a timing: alone it takes ~5 minutes, beside another end-to-end test 12 (6 December)
    boolean ended = p.waitFor(30, TimeUnit.MINUTES);
    if (!ended) {
      p.destroyForcibly();
    }
    String printed = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(ended).as("scripts/bench ended within 30 minutes").isTrue();
    assertThat(p.exitValue()).as(printed).isZero();
    assertThat(printed).contains("| generate |", "| ingest |", "| normalize |", "| marts |", "| **backfill** |",
        "| (a) plain Spark |", "| (c) marts --full |", "| (b) DuckDB |", "| daily run |", "| (c) of which marts |",
        "| backfill / plain Spark (wall) |", "| marts --full stage / DuckDB query |",
        "| incremental marts stage / DuckDB query |", "| (d) floor |",
        "| (e) daily floor | a fresh JVM touches the 11 tables a day changes or reads and commits one row to each of the ",
        "| daily run / (e) its floor (process wall) |", "of which the marts' part ",
        "| incremental marts stage / (e) its marts part |", "| P3's floor: (e)'s marts part ",
        "| (d) the same scan of the same export, Spark / DuckDB |", "DuckDB cross-check", "**passed**",
        "only in gold 0, only in DuckDB 0");
    assertThat(Files.readString(doc, StandardCharsets.UTF_8))
        .contains("<!-- bench:begin -->", "cores (`nproc`)", "MemTotal", "java -version", "DuckDB cross-check",
            "<!-- bench:end -->");
  }
}
