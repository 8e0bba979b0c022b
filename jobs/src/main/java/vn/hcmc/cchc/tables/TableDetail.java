package vn.hcmc.cchc.tables;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.delta.TableFeature;
import org.apache.spark.sql.delta.actions.Protocol;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What a reader of one table meets, from its current snapshot: version, rows, files, bytes, and the
 * Delta protocol it demands (reader and writer versions, and the features they stand for, those a
 * legacy version implies included). A reader that does not know one of the reader features refuses
 * the table; reader version 1 is the one every Delta reader takes.
 */
public record TableDetail(Table table, long version, long rows, long files, long bytes, TableProtocol protocol) {

  /** The Delta protocol of a table's version: reader and writer versions, the features they stand for, sorted. */
  public record TableProtocol(int readerVersion, int writerVersion, List<String> features) {
    /** The feature Delta's protocol calls deletion vectors. */
    public static final String DELETION_VECTORS = "deletionVectors";

    /** The table's protocol now (its log listed, no Spark job). */
    public static TableProtocol of(Warehouse warehouse, Table table) {
      return of(warehouse.snapshot(table));
    }

    static TableProtocol of(Snapshot s) {
      Protocol p = s.protocol();
      List<String> features = new ArrayList<>();
      for (TableFeature f : CollectionConverters.asJava(p.implicitlyAndExplicitlySupportedFeatures())) {
        features.add(f.name());
      }
      features.sort(null);
      return new TableProtocol(p.minReaderVersion(), p.minWriterVersion(), List.copyOf(features));
    }

    /** Whether {@code table}'s protocol has deletion vectors its declaration does not need (an older warehouse's). */
    public boolean hasUndeclaredDeletionVectors(Table table) {
      return features.contains(DELETION_VECTORS) && !table.features().contains(Table.Feature.DELETION_VECTORS);
    }
  }

  /** The table's detail now (its log listed; one count, which Delta answers from the files' statistics). */
  public static TableDetail of(Warehouse warehouse, Table table) {
    Snapshot s = warehouse.snapshot(table);
    long rows = warehouse.spark().read().format("delta").option("versionAsOf", s.version())
        .load(warehouse.location(table)).count();
    return new TableDetail(table, s.version(), rows, s.numOfFiles(), s.sizeInBytes(), TableProtocol.of(s));
  }
}
