package vn.hcmc.cchc.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.cli.Cchc;
import vn.hcmc.cchc.support.Fixtures;
import vn.hcmc.cchc.support.InProcessCli;
import vn.hcmc.cchc.support.Launcher.Outcome;
import vn.hcmc.cchc.support.TestSpark;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * A threshold fails a run with its line: the {@code basic} landing zone run by the {@code run}
 * command with rules of its own (the shipped ones do not evaluate files this small), whose fail rule
 * its dvc file of 31 March breaks. Every table is written and reconciled, {@code ops.quality} holds
 * every rule and scope, the run ends failed (exit 1) with one line on stderr naming the rule, the
 * share against the threshold and the worst file, and {@code runs} shows it.
 */
class QualityRunTest {
  private static final String RULES = """
      rule_id,per,feed,reason,max_percent,min_records,severity
      # basic: 12 of its 21 records quarantined; of its files, only the dvc file of 31 March has 5 records or more
      file-any-fail,file,*,*,10,5,fail
      feed-any-warn,feed,*,*,1,1,warn
      agency-dates-warn,agency,*,bad_date,50,100,warn
      """;

  @Test
  void aFailingRuleFailsTheRunAfterEverythingIsWrittenWithOneLine() throws IOException {
    Path dir = TestSpark.tempDir("quality-run");
    Path raw = dir.resolve("raw");
    Fixtures.copy("basic", raw);
    Path rules = Files.writeString(dir.resolve("rules.csv"), RULES);
    String conf = InProcessCli.conf(dir, "cchc.quality.rules = \"" + rules + "\"\n").toString();
    String root = dir.resolve("warehouse").toString();

    Outcome run = InProcessCli.run("run", "--conf", conf, "--raw", raw.toString(), "--warehouse", root);

    assertThat(run.exitCode()).as(run.stderr()).isEqualTo(Cchc.FAILED);
    List<String> named = run.stderr().lines().filter(l -> l.contains("file-any-fail")).toList();
    assertThat(named).as(run.stderr()).hasSize(1);
    String worst = raw.resolve("cases/dvc/2021/03/31/dvc-20210331-01.jsonl").toString();
    assertThat(named.get(0)).startsWith("cchc run failed: quality rule file-any-fail (fail): ")
        .containsPattern("of the \\d+ records of file \\S+ quarantined, above 10\\.0%; \\d file\\(s\\) over; worst file ")
        .endsWith(worst);
    assertThat(run.stderr()).doesNotContain("--verbose")
        .containsPattern("WARN \\S+QualityCheck: quality rule feed-any-warn \\(warn\\)");
    assertThat(Fixtures.BASIC_PERSONAL_DATA).noneMatch(run.stderr()::contains);

    Warehouse wh = new Warehouse(TestSpark.session(), root);
    assertThat(wh.read(Table.GOLD_CASE_MONTHLY).count()).as("the marts are written").isPositive();
    assertThat(wh.read(Table.OPS_RECONCILIATION).filter("NOT balanced").count()).as("reconciled").isZero();
    Row audit = wh.read(Table.OPS_RUNS).selectExpr("status", "error", "stages[size(stages) - 1].stage").first();
    assertThat(audit.getString(0)).isEqualTo("failed");
    assertThat(audit.getString(2)).as("every stage ran; the rule failed the run at its end").isEqualTo("quality");
    assertThat("cchc run failed: " + audit.getString(1)).isEqualTo(named.get(0));
    List<Row> quality = wh.read(Table.OPS_QUALITY).groupBy("rule_id", "outcome").count()
        .orderBy("rule_id", "outcome").collectAsList();
    assertThat(quality).extracting(Row::toString).contains("[feed-any-warn,warn,2]", "[file-any-fail,fail,1]")
        .noneMatch(r -> r.startsWith("[agency-dates-warn")); // no agency has 100 records
    assertThat(wh.read(Table.OPS_QUALITY).filter("outcome = 'fail'").selectExpr("max(observed) > 10").first()
        .getBoolean(0)).isTrue();

    Outcome runs = InProcessCli.run("runs", "--conf", conf, "--warehouse", root, "--format", "csv");
    assertThat(runs.exitCode()).as(runs.stderr()).isZero();
    assertThat(runs.stdout()).contains("1 fail, 2 warn");
  }

  @Test
  void aBadRulesFileStopsTheRunBeforeItStartsWithOneLineAndExitTwo() throws IOException {
    Path dir = TestSpark.tempDir("quality-bad-rules");
    Path rules = Files.writeString(dir.resolve("rules.csv"), RULES.replace("50,100,warn", "50,100,error"));
    String conf = InProcessCli.conf(dir, "cchc.quality.rules = \"" + rules + "\"\n").toString();
    Path root = dir.resolve("warehouse");

    Outcome run = InProcessCli.run("run", "--conf", conf, "--raw", dir.toString(), "--warehouse", root.toString());

    assertThat(run.exitCode()).isEqualTo(Cchc.USAGE);
    assertThat(run.stderr().lines().filter(l -> l.startsWith("cchc run")))
        .containsExactly("cchc run: " + rules + " line 5: severity 'error' is not warn or fail");
    assertThat(root).as("nothing written, no run recorded").doesNotExist();
  }
}
