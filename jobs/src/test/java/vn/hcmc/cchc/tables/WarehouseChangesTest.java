package vn.hcmc.cchc.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.support.DeclaredRows;
import vn.hcmc.cchc.support.TestSpark;

/**
 * The change feed of a table as the incremental marts read it: the rows of the versions asked for,
 * and not one warning in the log (Spark's reader path printed three per read).
 */
class WarehouseChangesTest {
  @Test
  void theChangesOfTheVersionsAskedForAreReadWithoutAWarning() {
    SparkSession spark = TestSpark.session();
    // a quote in the path: the location is written into SQL
    Warehouse wh = new Warehouse(spark, TestSpark.tempDir("changes-it's").toString());
    DeltaWriter writer = new DeltaWriter(wh, "changes-test");
    for (String id : List.of("d1", "d2", "d3")) {
      writer.append(Table.SILVER_CASES, DeclaredRows.frame(spark, Table.SILVER_CASES,
          DeclaredRows.silverCase("dossier_id", id)));
    }
    long last = wh.version(Table.SILVER_CASES);

    List<LogEvent> warnings = Collections.synchronizedList(new ArrayList<>());
    AbstractAppender capture = new AbstractAppender("capture-warnings", null, null, true, Property.EMPTY_ARRAY) {
      @Override
      public void append(LogEvent event) {
        if (event.getLevel().isMoreSpecificThan(org.apache.logging.log4j.Level.WARN)) {
          warnings.add(event.toImmutable());
        }
      }
    };
    capture.start();
    LoggerContext log = (LoggerContext) LogManager.getContext(false);
    log.getRootLogger().addAppender(capture);
    List<Row> changes;
    try {
      changes = wh.changes(Table.SILVER_CASES, last - 1, last)
          .select("dossier_id", "_change_type", "_commit_version").orderBy("_commit_version").collectAsList();
    } finally {
      log.getRootLogger().removeAppender(capture);
      capture.stop();
    }

    assertThat(changes).extracting(Row::mkString)
        .containsExactly("d2insert" + (last - 1), "d3insert" + last);
    assertThat(warnings).extracting(e -> e.getLoggerName() + ": " + e.getMessage().getFormattedMessage()).isEmpty();
  }
}
