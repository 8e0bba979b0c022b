package vn.hcmc.cchc.ops;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import vn.hcmc.cchc.config.Secrets;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.Table;

/**
 * One row of {@code ops.runs}, the run audit: what a command run on the warehouse did, written when
 * it ends (succeeded or failed). Its Delta commits carry the same {@code run_id} as {@code
 * userMetadata}, so {@code versions} and each table's history point at each other.
 *
 * @param arguments the command line after the command name, with secrets masked ({@link #mask})
 * @param dateFrom first export day of the run's window, {@code null} when the run took every new file
 * @param dateTo last export day of the run's window, {@code null} likewise
 * @param error one line, only for a failed run
 */
public record RunRecord(String runId, String command, String arguments, String confFile, String sparkMaster,
    String sparkApplicationId, LocalDate dateFrom, LocalDate dateTo, Instant startedAt, Instant endedAt,
    String status, String error, List<Stage> stages, List<DeltaWriter.Commit> versions) {

  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";

  /**
   * One stage of a run. {@code rowsIn}, {@code rowsOut}, {@code rowsQuarantined} are {@code null}
   * where the stage has no such count (e.g. marts have no quarantine); {@code detail} is the
   * stage's summary in words.
   */
  public record Stage(String name, Long rowsIn, Long rowsOut, Long rowsQuarantined, double seconds, String detail) {}

  /** The columns of {@code ops.runs}, as {@link Table} declares them. */
  public static final StructType SCHEMA = Table.OPS_RUNS.schema();

  public double seconds() {
    return (endedAt.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0;
  }

  public Row toRow() {
    List<Row> stageRows = stages.stream()
        .map(s -> RowFactory.create(s.name(), s.rowsIn(), s.rowsOut(), s.rowsQuarantined(), s.seconds(), s.detail()))
        .toList();
    List<Row> versionRows = versions.stream()
        .map(c -> RowFactory.create(c.table().sqlName(), c.version()))
        .toList();
    return RowFactory.create(runId, command, Secrets.mask(arguments), confFile, sparkMaster, sparkApplicationId, dateFrom,
        dateTo, startedAt, endedAt, seconds(), status, error == null ? null : Secrets.mask(error),
        scala.jdk.javaapi.CollectionConverters.asScala(stageRows).toSeq(),
        scala.jdk.javaapi.CollectionConverters.asScala(versionRows).toSeq());
  }
}
