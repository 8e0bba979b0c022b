package vn.hcmc.cchc.serve;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import vn.hcmc.cchc.config.UsageException;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * The SQL that registers the warehouse's tables, by location, in a catalog other than a Hive
 * metastore: Trino's Delta Lake connector ({@code register_table}) and Databricks' Unity Catalog
 * (external tables). Text to paste, no connection made; each engine reads the tables' comments from
 * their Delta logs, as Spark does. Also the layers' comments, which {@link CatalogSync} gives the
 * metastore's databases.
 */
public final class CatalogStatements {
  /** The engines statements are written for. */
  public enum Engine {
    TRINO("delta"),
    DATABRICKS("main");

    private final String defaultCatalog;

    Engine(String defaultCatalog) {
      this.defaultCatalog = defaultCatalog;
    }

    /** The catalog the statements name unless told otherwise: Trino's usual Delta catalog, Unity Catalog's first. */
    public String defaultCatalog() {
      return defaultCatalog;
    }

    /** The engine {@code --for} names, or a {@link UsageException} listing them. */
    public static Engine named(String name) {
      try {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new UsageException("unknown --for '" + name + "': use trino or databricks");
      }
    }
  }

  /** One table to register: its contract name and where the other engine finds it. */
  public record Registration(Table table, String location) {}

  /** What each layer holds: the comment of its database (Hive), schema (Trino, Databricks). */
  static final Map<String, String> LAYERS = Map.of(
      "bronze", "Every raw record of the landing zone, lossless and pseudonymised, with its lineage | Mọi bản ghi "
          + "thô của vùng tiếp nhận, đầy đủ, đã bí danh hóa dữ liệu cá nhân, kèm nguồn gốc",
      "silver", "One row per dossier, the reference snapshots and side feeds, validated; rejected records in "
          + "quarantine | Mỗi hồ sơ một dòng, các danh mục tham chiếu và nguồn phụ đã kiểm tra; bản ghi bị loại "
          + "ở khu cách ly",
      "gold", "KPI marts by month and scope, and the attainment of the city's targets | Bảng số liệu chỉ tiêu theo "
          + "tháng và phạm vi, mức độ đạt các chỉ tiêu của thành phố",
      "ops", "The pipeline's runs and their reconciliation | Nhật ký các lần chạy và đối soát số liệu");

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private CatalogStatements() {}

  /** The comment of {@code layer}'s database; empty for a layer not described. */
  public static String layerComment(String layer) {
    return LAYERS.getOrDefault(layer, "");
  }

  /**
   * The warehouse root as another engine addresses it: {@code rootAs} when given, else the root with
   * {@code s3a://} written {@code s3://} (what Unity Catalog requires and Trino also reads) and a local
   * path as a {@code file://} URI.
   */
  public static String rootSeenBy(String root, String rootAs) {
    String r = rootAs != null && !rootAs.isBlank() ? rootAs.strip() : root;
    r = r.endsWith("/") ? r.substring(0, r.length() - 1) : r;
    if (r.startsWith("s3a://")) {
      return "s3://" + r.substring("s3a://".length());
    }
    return r.startsWith("/") ? "file://" + r : r;
  }

  /** The statements that register {@code tables} in {@code catalog} of {@code engine}, one per line. */
  public static List<String> of(Engine engine, String catalog, List<Registration> tables) {
    requirePlainName(catalog);
    Set<String> layers = new LinkedHashSet<>();
    tables.forEach(r -> layers.add(r.table().layer()));
    List<String> out = new ArrayList<>();
    if (engine == Engine.TRINO) {
      out.add("-- Trino, Delta Lake connector: catalog " + catalog + " with delta.register-table-procedure.enabled=true.");
      out.add("-- register_table refuses a name already taken: CALL " + catalog + ".system.unregister_table(...) first "
          + "to re-point one.");
      layers.forEach(l -> out.add("CREATE SCHEMA IF NOT EXISTS " + catalog + "." + l + ";"));
      tables.forEach(r -> out.add("CALL " + catalog + ".system.register_table(schema_name => " + standard(r.table()
          .layer()) + ", table_name => " + standard(r.table().tableName()) + ", table_location => "
          + standard(r.location()) + ");"));
    } else {
      out.add("-- Databricks, Unity Catalog: external tables in catalog " + catalog + "; an external location must "
          + "cover the warehouse's storage.");
      layers.forEach(l -> out.add("CREATE SCHEMA IF NOT EXISTS " + catalog + "." + l + " COMMENT "
          + Warehouse.sqlString(layerComment(l)) + ";"));
      tables.forEach(r -> out.add("CREATE TABLE IF NOT EXISTS " + catalog + "." + r.table().sqlName()
          + " USING DELTA LOCATION " + Warehouse.sqlString(r.location()) + ";"));
    }
    return out;
  }

  /** {@code catalog} unless it is not a plain identifier, which the statements could not name unquoted. */
  public static String requirePlainName(String catalog) {
    if (!IDENTIFIER.matcher(catalog).matches()) {
      throw new UsageException("--catalog '" + catalog + "' is not a plain name: use letters, digits and _");
    }
    return catalog;
  }

  /** A standard SQL string literal (Trino): quotes doubled. */
  static String standard(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
