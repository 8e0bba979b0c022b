package vn.hcmc.cchc.serve;

import java.time.ZoneId;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.hcmc.cchc.config.Messages;
import vn.hcmc.cchc.config.UsageException;
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
  public static final String CITY_ZONE_ID = "Asia/Ho_Chi_Minh";
  /** The zone of the city's calendar, UTC+7 all year; the default zone of a query. */
  public static final ZoneId CITY_ZONE = ZoneId.of(CITY_ZONE_ID);

  private final SparkSession spark;
  private final ZoneId zone;

  private WarehouseSql(SparkSession spark, ZoneId zone) {
    this.spark = spark;
    this.zone = zone;
  }

  /** {@link #over(Warehouse, ZoneId)} in the city's zone. */
  public static WarehouseSql over(Warehouse warehouse) {
    return over(warehouse, CITY_ZONE);
  }

  /** Registers every existing table of {@code warehouse}; queries run in {@code zone}. */
  public static WarehouseSql over(Warehouse warehouse, ZoneId zone) {
    if (!warehouse.rootExists()) {
      throw new UsageException("warehouse not found: " + warehouse.root()
          + " (run `scripts/cchc run` first, or fix --warehouse)");
    }
    SparkSession session = inZone(warehouse.spark(), zone);
    new Warehouse(session, warehouse.root()).registerAll();
    return new WarehouseSql(session, zone);
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
