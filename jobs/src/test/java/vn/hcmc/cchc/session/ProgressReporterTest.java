package vn.hcmc.cchc.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.support.TestSpark;

/** The progress line counts what Spark's listener bus reports: tasks, records read and written. */
class ProgressReporterTest {
  @Test
  void countsTheTasksAndRecordsOfTheJobsItSaw() throws Exception {
    SparkSession spark = TestSpark.session();
    String dir = TestSpark.tempDir("progress").resolve("numbers").toString();
    try (ProgressReporter progress = ProgressReporter.start(spark.sparkContext(), 0)) {
      progress.stage("ingest");
      spark.range(0, 1000, 1, 2).write().parquet(dir);
      spark.read().parquet(dir).filter("id % 2 = 0").count();
      // the listener bus is asynchronous: wait until it has delivered the jobs' events
      spark.sparkContext().listenerBus().waitUntilEmpty();
      String line = progress.status();
      assertThat(line).startsWith("ingest: working for 0m ");
      assertThat(line).contains("1,000 written").containsPattern("[1-9][0-9]*/[1-9][0-9]* tasks")
          // 1,000 from the range the write consumed, 1,000 read back, 2 partial counts through the shuffle
          .contains("2,002 records read");
    }
  }
}
