package vn.hcmc.cchc.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.config.Secrets;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.Table;

/** A row of ops.runs: its shape, and no secret in it. */
class RunRecordTest {
  @Test
  void passwordsInArgumentsAndErrorsAreMasked() {
    assertThat(Secrets.mask("--jdbc-url jdbc:postgresql://db:5432/cchc?user=bi&password=s3cr3t&ssl=true"))
        .isEqualTo("--jdbc-url jdbc:postgresql://db:5432/cchc?user=bi&password=***&ssl=true");
    assertThat(Secrets.mask("--raw s3a://AKIA:wJalrXUtnFEMI@bucket/raw")).isEqualTo("--raw s3a://AKIA:***@bucket/raw");
    assertThat(Secrets.mask("fs.s3a.secret.key=abc123 token:xyz")).isEqualTo("fs.s3a.secret.key=*** token:***");
    assertThat(Secrets.mask("--warehouse data/wh --date 2021-03-29")).isEqualTo("--warehouse data/wh --date 2021-03-29");
    // the arguments of ops.runs are masked one by one: a secret with a space or a newline is one argument
    assertThat(Secrets.maskArguments(List.of("--conf", "spark.hadoop.fs.s3a.access.key=open sesame", "--raw",
        "s3a://AKIA:pass word@bucket/raw", "--jdbc-url", "jdbc:postgresql://db/cchc?password=a\nb&ssl=true",
        "--date", "2021-03-29"))).isEqualTo("--conf spark.hadoop.fs.s3a.access.key=*** --raw s3a://AKIA:***@bucket/raw "
            + "--jdbc-url jdbc:postgresql://db/cchc?password=***&ssl=true --date 2021-03-29");
  }

  @Test
  void aRowHoldsTheStagesVersionsAndDuration() {
    RunRecord run = new RunRecord("20261201T000000Z-abcdef", "run", "--warehouse wh --jdbc-url x?password=p", "conf/local.conf",
        "local[2]", "app-1", null, null, Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-01T00:01:30Z"),
        RunRecord.FAILED, "cannot reach password=p",
        List.of(new RunRecord.Stage("ingest", 10L, 10L, null, 12.5, "1 of 1 files loaded")),
        List.of(new DeltaWriter.Commit(Table.BRONZE_CASES, 3)));
    Row r = run.toRow();
    assertThat(r.length()).isEqualTo(RunRecord.SCHEMA.size());
    assertThat(r.getString(2)).isEqualTo("--warehouse wh --jdbc-url x?password=***");
    assertThat(r.getDouble(RunRecord.SCHEMA.fieldIndex("seconds"))).isEqualTo(90.0);
    assertThat(r.getString(RunRecord.SCHEMA.fieldIndex("error"))).isEqualTo("cannot reach password=***");
    Row stage = r.<Row>getSeq(RunRecord.SCHEMA.fieldIndex("stages")).head();
    assertThat(stage.getString(0)).isEqualTo("ingest");
    assertThat(stage.isNullAt(3)).isTrue();
    Row version = r.<Row>getSeq(RunRecord.SCHEMA.fieldIndex("versions")).head();
    assertThat(version.getString(0)).isEqualTo("bronze.cases");
    assertThat(version.getLong(1)).isEqualTo(3);
  }
}
