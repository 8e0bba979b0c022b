package vn.hcmc.cchc.serve;

import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.hcmc.cchc.city.City;
import vn.hcmc.cchc.config.Messages;
import vn.hcmc.cchc.config.UsageException;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * Spark SQL over a warehouse's tables by their contract names ({@code gold.case_monthly}, ...):
 * the engine of {@code scripts/cchc sql}, and so of the notebooks' {@code %%cchc_sql} cells, which
 * the tests run through this same class. A query the user can fix (a parse error, an unknown table
 * or column) is a {@link UsageException} {@code bad query: ...}.
 *
 * <p>Queries run in a time zone of their own, Ho Chi Minh City's unless the caller says otherwise:
 * an analyst's {@code date(received_at)} is the day in the city, not in UTC (7 hours behind, so
 * wrong for anything after 17:00 local). The pipeline's session stays in UTC: the query runs in a
 * session of its own that shares the Spark application and the catalog.
 */
public final class WarehouseSql {
  /** A whole word that names a layer without a table after it ({@code SHOW TABLES IN gold}). */
  private static final Pattern LAYER = Pattern.compile("(?<![a-z0-9_.])(bronze|silver|gold|ops)(?![a-z0-9_.])");

  /** Each table's contract name as a whole word. */
  private static final java.util.Map<Table, Pattern> NAMES = names();

  private final SparkSession spark;
  /** Where the tables live; {@code null} when the metastore names them. */
  private final Warehouse warehouse;
  private final ZoneId zone;
  private final Set<Table> registered = EnumSet.noneOf(Table.class);

  private WarehouseSql(SparkSession spark, Warehouse warehouse, ZoneId zone) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.zone = zone;
  }

  /** {@link #over(Warehouse, ZoneId)} in the city's zone. */
  public static WarehouseSql over(Warehouse warehouse) {
    return over(warehouse, City.ZONE);
  }

  /**
   * The tables of {@code warehouse}, queries in {@code zone}. A table is registered when a query
   * first names it ({@link #namedIn}): one query loads the Delta snapshots of the tables it reads,
   * not of all fifteen.
   */
  public static WarehouseSql over(Warehouse warehouse, ZoneId zone) {
    if (!warehouse.rootExists()) {
      throw new UsageException("warehouse not found: " + warehouse.root()
          + " (run `scripts/cchc run` first, or fix --warehouse)");
    }
    SparkSession session = inZone(warehouse.spark(), zone);
    return new WarehouseSql(session, new Warehouse(session, warehouse.root()), zone);
  }

  /**
   * The tables of the Hive metastore {@code spark} was built with ({@code Metastore#sparkConf()}), queries
   * in {@code zone}: names resolve through the metastore, nothing is registered.
   */
  public static WarehouseSql overCatalog(SparkSession spark, ZoneId zone) {
    return new WarehouseSql(inZone(spark, zone), null, zone);
  }

  /**
   * The tables a query names by their contract names ({@code gold.case_monthly}, in any case, with
   * or without back-quotes), and every table of a layer it names alone ({@code SHOW TABLES IN gold}).
   */
  static Set<Table> namedIn(String sql) {
    String text = sql.toLowerCase(Locale.ROOT).replace("`", "");
    Set<Table> named = EnumSet.noneOf(Table.class);
    NAMES.forEach((t, name) -> {
      if (name.matcher(text).find()) {
        named.add(t);
      }
    });
    Matcher layer = LAYER.matcher(text);
    while (layer.find()) {
      for (Table t : Table.values()) {
        if (t.layer().equals(layer.group(1))) {
          named.add(t);
        }
      }
    }
    return named;
  }

  private static java.util.Map<Table, Pattern> names() {
    java.util.Map<Table, Pattern> m = new java.util.EnumMap<>(Table.class);
    for (Table t : Table.values()) {
      m.put(t, Pattern.compile("(?<![a-z0-9_.])" + Pattern.quote(t.sqlName()) + "(?![a-z0-9_])"));
    }
    return m;
  }

  /** The tables registered so far, by the queries that named them. */
  Set<Table> registered() {
    return EnumSet.copyOf(registered);
  }

  /**
   * A new session of {@code spark}'s application (same catalog, its own settings) whose SQL takes
   * dates from instants, and casts instants to text, in {@code zone}; {@code spark} keeps its zone.
   */
  public static SparkSession inZone(SparkSession spark, ZoneId zone) {
    SparkSession session = spark.newSession();
    session.conf().set("spark.sql.session.timeZone", zone.getId());
    return session;
  }

  /** The zone the queries run in: print their instants in it too ({@link ResultPrinter}). */
  public ZoneId zone() {
    return zone;
  }

  /** The query's result, analysed but not run: errors of the data itself surface when it is read. */
  public Dataset<Row> query(String sql) {
    if (warehouse != null) {
      Set<Table> named = namedIn(sql);
      named.removeAll(registered);
      warehouse.register(named);
      registered.addAll(named);
    }
    try {
      return spark.sql(sql);
    } catch (Exception e) {
      // AnalysisException (parse errors included) is checked in Scala's eyes only
      if (e instanceof AnalysisException) {
        throw new UsageException("bad query: " + Messages.firstLine(e.getMessage(), "unknown error"));
      }
      throw e;
    }
  }
}
