package vn.hcmc.cchc.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTableType;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * Registers every table the warehouse holds in the Hive metastore of a session built with it
 * ({@link Metastore#sparkConf()}): one database per layer ({@code gold}, with its comment) and one
 * external Delta table per table, by location ({@code CREATE TABLE gold.case_monthly USING delta
 * LOCATION ...}), so that any Spark process over that metastore reads {@code gold.case_monthly} by
 * name, its comments from its Delta log. Idempotent: a table already registered at its location is
 * left alone; one registered at another location (the warehouse moved) is re-pointed; a name the
 * metastore holds for anything but an external Delta table is refused, never dropped.
 */
public final class CatalogSync {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogSync.class);

  /** What a sync did to one table's entry in the metastore. */
  public enum Action {
    CREATED, REPOINTED, UNCHANGED;

    /** The word a report prints: {@code created}, {@code re-pointed}, {@code unchanged}. */
    public String word() {
      return this == REPOINTED ? "re-pointed" : name().toLowerCase(Locale.ROOT);
    }
  }

  /** One table's entry: its contract name, its location, what the sync did. */
  public record Entry(Table table, URI location, Action action) {}

  /** A table's entry as the metastore held it before the sync. */
  record Existing(URI location, boolean external, String provider) {}

  /** What a sync did: each table's entry, and the layers whose database it created. */
  public record Result(List<Entry> entries, List<String> databasesCreated) {
    /** Whether the metastore changed. */
    public boolean changed() {
      return !databasesCreated.isEmpty() || entries.stream().anyMatch(e -> e.action() != Action.UNCHANGED);
    }

    /** One line for a person and for {@code ops.runs}. */
    public String summary() {
      if (!changed()) {
        return entries.size() + " tables already registered, nothing changed";
      }
      return String.format(Locale.ROOT, "%d tables: %d created, %d re-pointed, %d unchanged%s", entries.size(),
          count(Action.CREATED), count(Action.REPOINTED), count(Action.UNCHANGED),
          databasesCreated.isEmpty() ? "" : "; databases created: " + String.join(", ", databasesCreated));
    }

    private long count(Action a) {
      return entries.stream().filter(e -> e.action() == a).count();
    }
  }

  /** Where the databases live (what a table created in one by name would use): beside the layers, in the warehouse. */
  static final String DATABASES = "_catalog";

  private CatalogSync() {}

  /** Registers every table {@code wh} holds in the metastore of {@code wh}'s session; see the class comment. */
  public static Result sync(Warehouse wh) {
    SparkSession spark = wh.spark();
    if (!"hive".equals(spark.sparkContext().conf().get("spark.sql.catalogImplementation", "in-memory"))) {
      throw new IllegalStateException("this Spark session has no Hive metastore (it was built before the catalog "
          + "was configured, or without --metastore)");
    }
    ExternalCatalog catalog = spark.sharedState().externalCatalog();
    List<Table> present = new ArrayList<>();
    Set<String> layers = new LinkedHashSet<>();
    for (Table t : Table.values()) {
      if (wh.exists(t)) {
        present.add(t);
        layers.add(t.layer());
      }
    }
    List<String> created = new ArrayList<>();
    for (String layer : layers) {
      if (!catalog.databaseExists(layer)) {
        spark.sql("CREATE DATABASE IF NOT EXISTS " + layer + " COMMENT "
            + Warehouse.sqlString(CatalogStatements.layerComment(layer)) + " LOCATION "
            + Warehouse.sqlString(wh.root() + "/" + DATABASES + "/" + layer + ".db"));
        created.add(layer);
      }
    }
    List<Entry> entries = new ArrayList<>();
    for (Table t : present) {
      URI wanted = qualified(wh, t);
      Optional<Existing> before = catalog.tableExists(t.layer(), t.tableName())
          ? Optional.of(existing(catalog.getTable(t.layer(), t.tableName())))
          : Optional.empty();
      Action action = decide(t.sqlName(), before, wanted);
      if (action == Action.REPOINTED) {
        // an external table: the metastore forgets the name, the data stays where it is
        catalog.dropTable(t.layer(), t.tableName(), true, false);
      }
      if (action != Action.UNCHANGED) {
        spark.sql("CREATE TABLE IF NOT EXISTS " + t.sqlName() + " USING delta LOCATION "
            + Warehouse.sqlString(wanted.toString()));
      }
      entries.add(new Entry(t, wanted, action));
    }
    Result result = new Result(entries, created);
    LOG.info("catalog: {}", result.summary());
    return result;
  }

  /** The tables the metastore of {@code spark} names in the warehouse's layers, {@code layer.table}, sorted. */
  public static List<String> registered(SparkSession spark) {
    ExternalCatalog catalog = spark.sharedState().externalCatalog();
    Set<String> layers = new LinkedHashSet<>();
    for (Table t : Table.values()) {
      layers.add(t.layer());
    }
    List<String> names = new ArrayList<>();
    for (String layer : layers) {
      if (catalog.databaseExists(layer)) {
        scala.jdk.javaapi.CollectionConverters.asJava(catalog.listTables(layer)).forEach(t -> names.add(layer + "." + t));
      }
    }
    return names.stream().sorted().toList();
  }

  /**
   * What to do with {@code name}'s entry, {@code before} the sync, for the table at {@code wanted}:
   * create it, re-point it, or leave it. An entry that is not an external Delta table is someone
   * else's: refused, with what to do.
   */
  static Action decide(String name, Optional<Existing> before, URI wanted) {
    if (before.isEmpty()) {
      return Action.CREATED;
    }
    Existing e = before.get();
    if (!e.external() || !"delta".equalsIgnoreCase(e.provider())) {
      throw new IllegalStateException("the metastore holds " + name + " as a " + (e.external() ? "" : "managed ")
          + e.provider() + " table, not the warehouse's external Delta table: drop or rename it, then sync again");
    }
    return sameLocation(e.location(), wanted) ? Action.UNCHANGED : Action.REPOINTED;
  }

  /** The same place: {@code file:/x}, {@code file:///x} and {@code file:/x/} are one folder. */
  static boolean sameLocation(URI a, URI b) {
    return a != null && String.valueOf(a.getScheme()).equalsIgnoreCase(String.valueOf(b.getScheme()))
        && authority(a).equals(authority(b)) && path(a).equals(path(b));
  }

  private static String authority(URI u) {
    return u.getAuthority() == null ? "" : u.getAuthority();
  }

  private static String path(URI u) {
    String p = u.normalize().getPath();
    return p != null && p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : String.valueOf(p);
  }

  private static Existing existing(CatalogTable t) {
    return new Existing(t.storage().locationUri().isDefined() ? t.storage().locationUri().get() : null,
        t.tableType().equals(CatalogTableType.EXTERNAL()), t.provider().isDefined() ? t.provider().get() : "hive");
  }

  /** The table's location as the metastore keeps it: a full URI ({@code file:/...}, {@code s3a://...}). */
  private static URI qualified(Warehouse wh, Table t) {
    Path p = new Path(wh.location(t));
    try {
      return p.getFileSystem(wh.spark().sparkContext().hadoopConfiguration()).makeQualified(p).toUri();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
