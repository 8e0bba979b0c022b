package vn.hcmc.cchc.serve;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.hcmc.cchc.config.Secrets;
import vn.hcmc.cchc.config.UsageException;

/**
 * Where a Hive metastore keeps the catalog that names the warehouse's tables for every process
 * (docs/CATALOG.md): embedded Derby in a folder, which one process at a time can open, or a
 * PostgreSQL database, which several can share. In both the metastore runs inside the Spark driver
 * (Spark's built-in Hive 2.3 client, no Thrift server); its schema is created before, by {@link
 * MetastoreSchema}, never by DataNucleus on the fly, and Hive checks its version on every start.
 *
 * <p>No class of Hive is touched here: a command that names no metastore loads none of them.
 *
 * @param spec what the user gave: {@code derby:DIR} or {@code jdbc:postgresql://HOST:PORT/DATABASE}
 * @param jdbcUrl the JDBC URL of the metastore's database
 * @param user the database user ({@code null}: the URL's, or the driver's default)
 * @param password the user's password, from the environment only ({@code null}: none); never shown
 */
public record Metastore(String spec, String jdbcUrl, String user, String password) {
  /** What {@code --metastore} and {@code cchc.catalog.metastore} take, for messages. */
  public static final String FORMS = "derby:DIR or jdbc:postgresql://HOST:PORT/DATABASE";

  private static final String DERBY = "derby:";
  private static final String POSTGRESQL = "jdbc:postgresql://";
  /** The schema (and user) Hive's defaults give an embedded Derby metastore. */
  static final String DERBY_USER = "APP";

  /**
   * The metastore {@code spec} names, with {@code user} and {@code password} for PostgreSQL (Derby has
   * neither). A spec of another form is a {@link UsageException} saying which forms there are.
   */
  public static Metastore parse(String spec, String user, String password) {
    String s = spec.strip();
    if (s.startsWith(DERBY) && s.length() > DERBY.length()) {
      Path dir = Path.of(s.substring(DERBY.length())).toAbsolutePath().normalize();
      return new Metastore(DERBY + dir, "jdbc:derby:;databaseName=" + dir.resolve("metastore_db") + ";create=true",
          DERBY_USER, null);
    }
    if (s.startsWith(POSTGRESQL) && s.length() > POSTGRESQL.length()) {
      return new Metastore(s, s, user, password);
    }
    throw new UsageException("unknown metastore '" + Secrets.mask(s) + "': use " + FORMS);
  }

  public boolean derby() {
    return spec.startsWith(DERBY);
  }

  /** The folder of an embedded Derby metastore (its database and {@code derby.log}); {@code null} for PostgreSQL. */
  public Path derbyFolder() {
    return derby() ? Path.of(spec.substring(DERBY.length())) : null;
  }

  /** The JDBC driver class of the metastore's database. */
  public String driver() {
    return derby() ? "org.apache.derby.jdbc.EmbeddedDriver" : "org.postgresql.Driver";
  }

  /**
   * The Spark settings of a session whose catalog this metastore keeps: Hive's catalog
   * ({@code enableHiveSupport()}), Spark's built-in Hive client embedding the metastore, its
   * database, and Hive's schema check on (the schema exists and carries its version, {@link
   * MetastoreSchema}); DataNucleus never creates tables itself. Spark redacts the password in its UI
   * and event logs ({@code spark.redaction.regex}).
   */
  public Map<String, String> sparkConf() {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.sql.catalogImplementation", "hive");
    conf.put("spark.hadoop.hive.metastore.uris", "");
    conf.put("spark.hadoop.javax.jdo.option.ConnectionURL", jdbcUrl);
    conf.put("spark.hadoop.javax.jdo.option.ConnectionDriverName", driver());
    if (user != null) {
      conf.put("spark.hadoop.javax.jdo.option.ConnectionUserName", user);
    }
    if (password != null) {
      conf.put("spark.hadoop.javax.jdo.option.ConnectionPassword", password);
    }
    conf.put("spark.hadoop.hive.metastore.schema.verification", "true");
    conf.put("spark.hadoop.datanucleus.schema.autoCreateAll", "false");
    return conf;
  }

  /**
   * Creates the metastore's schema unless its database holds one (idempotent; {@link MetastoreSchema});
   * returns what it did, for a log line. Before any session is built with {@link #sparkConf()}.
   */
  public String createSchemaIfMissing() {
    return MetastoreSchema.ensure(this);
  }

  /** Fails unless the metastore holds a catalog: a reader never creates one. */
  public void requireSchema() {
    MetastoreSchema.require(this);
  }

  /** The spec, a password in it masked: what logs and messages show. */
  @Override
  public String toString() {
    return Secrets.mask(spec);
  }
}
