package vn.hcmc.cchc.serve;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The views (plain or materialized) that users built on published tables, directly or on other such
 * views, kept across a publish: read with their definitions, owners, grants and comments, dropped
 * before the published tables are replaced, and made again on the new tables, all inside the
 * publish's transaction. A view that no longer fits the new tables (a column it names is gone)
 * fails the publish with one line naming it, and the transaction rolls back.
 */
final class DependentViews {
  /** One view: where it is, what it is, and what to say to make it again. */
  record View(String schema, String name, boolean materialized, String definition, String owner,
      List<String> grants, String comment) {
    String qualified() {
      return quoted(schema) + "." + quoted(name);
    }

    String kind() {
      return materialized ? "MATERIALIZED VIEW" : "VIEW";
    }
  }

  /** Views on the tables, then views on those views, in the order they were made (oid order). */
  private static final String DEPENDENTS = """
      WITH RECURSIVE dependent(oid) AS (
        SELECT r.ev_class FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid
        WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass
          AND d.refobjid IN (SELECT to_regclass(t) FROM unnest(?::text[]) t) AND r.ev_class <> d.refobjid
        UNION
        SELECT r.ev_class FROM dependent v JOIN pg_depend d ON d.refobjid = v.oid
          AND d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass
          JOIN pg_rewrite r ON r.oid = d.objid
        WHERE r.ev_class <> v.oid)
      SELECT c.oid, n.nspname, c.relname, c.relkind = 'm', pg_get_viewdef(c.oid), pg_get_userbyid(c.relowner),
        obj_description(c.oid, 'pg_class')
      FROM (SELECT DISTINCT oid FROM dependent) v JOIN pg_class c ON c.oid = v.oid
        JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname <> ?
      ORDER BY c.oid""";

  private static final String GRANTS = """
      SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END,
        a.privilege_type, a.is_grantable
      FROM pg_class c, aclexplode(c.relacl) a
      WHERE c.oid = ?::oid AND a.grantee <> c.relowner""";

  private DependentViews() {}

  /**
   * The views that depend on {@code tables} (qualified names), but those of {@code ownSchema} (the
   * publisher's labelled views, which it makes itself).
   */
  static List<View> on(Connection c, List<String> tables, String ownSchema) throws SQLException {
    List<View> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(DEPENDENTS)) {
      // a table not published yet is no table (to_regclass gives NULL): nothing depends on it
      s.setArray(1, c.createArrayOf("text", tables.toArray()));
      s.setString(2, ownSchema);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(new View(r.getString(2), r.getString(3), r.getBoolean(4), r.getString(5), r.getString(6),
              grants(c, r.getLong(1), quoted(r.getString(2)) + "." + quoted(r.getString(3))), r.getString(7)));
        }
      }
    }
    return out;
  }

  /** Drops {@code views}, the last made first. */
  static void drop(Connection c, List<View> views) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (int i = views.size() - 1; i >= 0; i--) {
        View v = views.get(i);
        s.execute("DROP " + v.kind() + " IF EXISTS " + v.qualified());
      }
    }
  }

  /**
   * Makes {@code views} again, in the order they were made, with their owners, grants and comments.
   *
   * @throws IllegalStateException naming the first view that cannot be made on the new tables
   */
  static void recreate(Connection c, List<View> views) throws SQLException {
    for (View v : views) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE " + v.kind() + " " + v.qualified() + " AS " + v.definition());
      } catch (SQLException e) {
        throw new IllegalStateException("the view " + v.schema() + "." + v.name() + " built on the published tables "
            + "no longer fits them: " + PostgresPublisher.firstLine(e) + "; change or drop it, then publish again "
            + "(nothing was changed)", e);
      }
      try (Statement s = c.createStatement()) {
        s.execute("ALTER " + v.kind() + " " + v.qualified() + " OWNER TO " + quoted(v.owner()));
        for (String g : v.grants()) {
          s.execute(g);
        }
        if (v.comment() != null) {
          s.execute("COMMENT ON " + v.kind() + " " + v.qualified() + " IS " + PostgresPublisher.pgString(v.comment()));
        }
      }
    }
  }

  private static List<String> grants(Connection c, long oid, String qualified) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(GRANTS)) {
      s.setLong(1, oid);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add("GRANT " + r.getString(2) + " ON " + qualified + " TO " + r.getString(1)
              + (r.getBoolean(3) ? " WITH GRANT OPTION" : ""));
        }
      }
    }
    return out;
  }

  /** A PostgreSQL identifier, quoted. */
  static String quoted(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
