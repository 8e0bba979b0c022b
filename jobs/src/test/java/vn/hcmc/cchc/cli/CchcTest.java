package vn.hcmc.cchc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Exit codes of argument errors, caught before any Spark session exists. */
class CchcTest {
  @Test
  void anUnknownCommandOrOptionIsAUsageError() {
    assertThat(Cchc.execute("frobnicate")).isEqualTo(Cchc.USAGE);
    assertThat(Cchc.execute("ingest", "--no-such-flag")).isEqualTo(Cchc.USAGE);
    assertThat(Cchc.execute()).isEqualTo(Cchc.USAGE);
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
    for (String c : new String[] {"generate", "ingest", "normalize", "run", "sql", "report"}) {
      assertThat(Cchc.execute(c, "--help")).as(c).isZero();
    }
  }

  @Test
  void theFirstLineOfTheInnermostMessageIsReported() {
    Exception e = new RuntimeException(new IllegalStateException("disk full\nat somewhere"));
    assertThat(Cchc.oneLine(e)).isEqualTo("disk full");
  }
}
