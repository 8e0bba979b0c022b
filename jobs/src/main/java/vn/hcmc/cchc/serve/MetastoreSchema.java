package vn.hcmc.cchc.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Enumeration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.hadoop.hive.conf.HiveConf;
import org.apache.hadoop.hive.metastore.MetaStoreSchemaInfo;
import org.apache.hadoop.hive.metastore.model.MVersionTable;
import org.datanucleus.StoreNucleusContext;
import org.datanucleus.store.schema.SchemaAwareStoreManager;
import org.datanucleus.store.schema.SchemaTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The Hive metastore's tables in its database, created once, explicitly, before any metastore
 * client starts: DataNucleus' schema tool over Hive's own mapping ({@code package.jdo} of
 * hive-metastore 2.3.10, the classes Hive persists), then the {@code VERSION} row Hive's schema
 * scripts write, so that Hive's schema check ({@code hive.metastore.schema.verification}) stays on.
 * Not {@code datanucleus.schema.autoCreateAll} in the metastore itself: DataNucleus then creates
 * tables lazily, whenever a class is first used, inside the metastore's own transactions, which
 * deadlocks on PostgreSQL; and Hive's SQL scripts are not in the jars Spark ships.
 *
 * <p>Idempotent: a database whose {@code VERSION} table holds a version is left alone. On PostgreSQL
 * the check and the creation hold an advisory lock, so that two processes starting on an empty
 * database create it once. Embedded Derby is shut down afterwards: Spark's Hive client loads its
 * own copy of Derby, which cannot open a database this one still holds.
 */
final class MetastoreSchema {
  private static final Logger LOG = LoggerFactory.getLogger(MetastoreSchema.class);
  /** Where {@code package.jdo} declares the classes Hive persists. */
  private static final String MODEL = MVersionTable.class.getPackageName();
  /** The advisory lock of a schema creation on PostgreSQL (any constant; the same in every process). */
  private static final long LOCK = 0x63636863L; // "cchc"

  private MetastoreSchema() {}

  /** The schema version this Spark's Hive client expects ({@code 2.3.0} for Hive 2.3.10). */
  static String expectedVersion() {
    return MetaStoreSchemaInfo.getHiveSchemaVersion();
  }

  /**
   * Creates the schema unless the database holds one; returns what it did, for a log line. A schema of
   * a version this Hive client does not read fails, naming both.
   */
  static String ensure(Metastore m) {
    return onDatabase(m, true);
  }

  /** Fails unless the database holds a schema this Hive client reads (a reader never creates one). */
  static void require(Metastore m) {
    onDatabase(m, false);
  }

  private static String onDatabase(Metastore m, boolean create) {
    if (!create && m.derby() && !Files.isDirectory(m.derbyFolder().resolve("metastore_db"))) {
      throw noCatalog(m); // before Derby's create=true makes an empty one
    }
    prepare(m);
    try (Connection c = DriverManager.getConnection(m.jdbcUrl(), m.user(), m.password())) {
      if (!m.derby()) {
        try (Statement s = c.createStatement()) {
          s.execute("SELECT pg_advisory_lock(" + LOCK + ")");
        }
      }
      Optional<String> version = version(c);
      if (version.isPresent()) {
        check(m, version.get());
        return "schema " + version.get() + " present";
      }
      if (!create) {
        throw noCatalog(m);
      }
      if (!tableExists(c, "VERSION")) {
        createTables(m);
      }
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO \"VERSION\" (\"VER_ID\", \"SCHEMA_VERSION\", \"VERSION_COMMENT\") VALUES (1, ?, ?)")) {
        s.setString(1, expectedVersion());
        s.setString(2, "Hive release version " + expectedVersion() + " (cchc catalog sync)");
        s.executeUpdate();
      }
      LOG.info("metastore {}: Hive schema {} created", m, expectedVersion());
      return "schema " + expectedVersion() + " created";
    } catch (SQLException e) {
      throw new IllegalStateException("metastore " + m + " did not answer: " + e.getMessage()
          + (inUse(e) ? " (embedded Derby serves one process at a time: stop the other, or use PostgreSQL)" : ""), e);
    } finally {
      if (m.derby()) {
        shutdownDerby(m);
      }
    }
  }

  private static IllegalStateException noCatalog(Metastore m) {
    return new IllegalStateException("metastore " + m + " holds no catalog yet: run `scripts/cchc catalog sync` into "
        + "it first");
  }

  /** Derby's log in the metastore's folder, not the working directory; the driver loaded. */
  private static void prepare(Metastore m) {
    try {
      if (m.derby()) {
        Files.createDirectories(m.derbyFolder());
        if (System.getProperty("derby.stream.error.file") == null) {
          System.setProperty("derby.stream.error.file", m.derbyFolder().resolve("derby.log").toString());
        }
      }
      Class.forName(m.driver());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("the metastore needs " + m.driver() + " on the class path (Spark's Hive "
          + "support: a Spark distribution built with Hive, or scripts/cchc's own class path)", e);
    }
  }

  /** The version the {@code VERSION} table holds, if it exists and holds one. */
  private static Optional<String> version(Connection c) throws SQLException {
    if (!tableExists(c, "VERSION")) {
      return Optional.empty();
    }
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT \"SCHEMA_VERSION\" FROM \"VERSION\"")) {
      return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
    }
  }

  private static void check(Metastore m, String version) {
    if (!MetaStoreSchemaInfo.isVersionCompatible(expectedVersion(), version)) {
      throw new IllegalStateException("metastore " + m + " holds Hive schema " + version + "; this Spark's Hive "
          + "client reads " + expectedVersion() + " (upgrade it with Hive's schematool, or use another database)");
    }
  }

  /** Whether the table exists in the connection's schema (Hive's tables are upper-case, quoted on PostgreSQL). */
  private static boolean tableExists(Connection c, String table) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    try (ResultSet r = meta.getTables(null, c.getSchema(), table, new String[] {"TABLE"})) {
      return r.next();
    }
  }

  /** Every table of Hive's mapping, through DataNucleus' schema tool, with the settings Hive's metastore uses. */
  private static void createTables(Metastore m) {
    Properties props = new Properties();
    // what Hive's ObjectStore hands DataNucleus: every datanucleus.* and javax.jdo.* key of its configuration
    for (Map.Entry<String, String> e : new HiveConf()) {
      if (e.getKey().startsWith("datanucleus.") || e.getKey().startsWith("javax.jdo.")) {
        props.put(e.getKey(), e.getValue());
      }
    }
    props.put("javax.jdo.option.ConnectionURL", m.jdbcUrl());
    props.put("javax.jdo.option.ConnectionDriverName", m.driver());
    putIfSet(props, "javax.jdo.option.ConnectionUserName", m.user());
    putIfSet(props, "javax.jdo.option.ConnectionPassword", m.password());
    props.put("datanucleus.connectionPoolingType", "None");
    StoreNucleusContext context = SchemaTool.getNucleusContextForMode(SchemaTool.Mode.CREATE, "JDO", props, null,
        null, false);
    try {
      ((SchemaAwareStoreManager) context.getStoreManager()).createSchemaForClasses(modelClasses(), new Properties());
    } finally {
      context.close();
    }
  }

  private static void putIfSet(Properties props, String key, String value) {
    if (value != null) {
      props.put(key, value);
    }
  }

  /** The classes Hive's {@code package.jdo} maps to tables, read without fetching its DTD. */
  static Set<String> modelClasses() {
    Set<String> classes = new TreeSet<>();
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      Enumeration<URL> jdos = MVersionTable.class.getClassLoader().getResources("package.jdo");
      while (jdos.hasMoreElements()) {
        try (InputStream in = jdos.nextElement().openStream()) {
          NodeList packages = f.newDocumentBuilder().parse(in).getElementsByTagName("package");
          for (int i = 0; i < packages.getLength(); i++) {
            Element p = (Element) packages.item(i);
            if (p.getAttribute("name").equals(MODEL)) {
              NodeList cs = p.getElementsByTagName("class");
              for (int j = 0; j < cs.getLength(); j++) {
                classes.add(MODEL + "." + ((Element) cs.item(j)).getAttribute("name"));
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("Hive's package.jdo could not be read: " + e.getMessage(), e);
    }
    if (classes.isEmpty()) {
      throw new IllegalStateException("Hive's package.jdo (hive-metastore) is not on the class path");
    }
    return classes;
  }

  /** Derby's "database already booted by another instance": another process holds the folder. */
  private static boolean inUse(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      for (Throwable t = s; t != null; t = t.getCause()) {
        if (t instanceof SQLException x && "XSDB6".equals(x.getSQLState())) {
          return true;
        }
      }
    }
    return false;
  }

  /** Closes the embedded database (Derby answers a shutdown with SQLState 08006), so that Spark's copy can open it. */
  private static void shutdownDerby(Metastore m) {
    String url = m.jdbcUrl().replace(";create=true", "") + ";shutdown=true";
    try (Connection ignored = DriverManager.getConnection(url)) {
      LOG.warn("Derby did not shut down {}", m);
    } catch (SQLException e) {
      if (!"08006".equals(e.getSQLState()) && !"XJ004".equals(e.getSQLState())) {
        LOG.warn("Derby did not shut down {}: {}", m, e.getMessage());
      }
    }
  }
}
