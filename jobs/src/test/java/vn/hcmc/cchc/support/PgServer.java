package vn.hcmc.cchc.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.hcmc.cchc.support.Launcher.Outcome;

/**
 * A throw-away PostgreSQL cluster of {@code scripts/pg-server} on loopback for one test class, on a
 * free port, in a folder of its own: started as a user starts it, its printed variables kept,
 * destroyed by {@link #close()}.
 */
public final class PgServer implements AutoCloseable {
  private final Map<String, String> server = new HashMap<>();
  private final Map<String, String> exports = new HashMap<>();

  private PgServer(String password) {
    Path dir = TestSpark.tempDir("pg");
    try {
      // run as root, the server runs as the postgres user, which must reach its folder
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.put("CCHC_PG_PORT", String.valueOf(Launcher.freePort()));
    server.put("CCHC_PG_DIR", dir.resolve("pg").toString());
    server.put("CCHC_PG_PASSWORD", password);
  }

  /** Starts a cluster whose superuser has {@code password}; fails the test when it does not start. */
  public static PgServer start(String password) {
    PgServer pg = new PgServer(password);
    Outcome started = Launcher.script("pg-server", pg.server, "start");
    assertThat(started.exitCode()).as(started.stderr()).isZero();
    Matcher m = Pattern.compile("([A-Z_]+)=(\\S+)").matcher(started.stdout());
    while (m.find()) {
      pg.exports.put(m.group(1), m.group(2).replace("\\", ""));
    }
    assertThat(pg.exports).containsKeys("CCHC_PG_URL", "CCHC_PG_USER", "CCHC_PG_PASSWORD", "PGPORT");
    return pg;
  }

  /** What {@code eval "$(scripts/pg-server start)"} sets: {@code CCHC_PG_URL}, {@code PGPORT}, ... */
  public Map<String, String> exports() {
    return Map.copyOf(exports);
  }

  /** {@code jdbc:postgresql://127.0.0.1:PORT/DATABASE}. */
  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + exports.get("PGPORT") + "/" + database;
  }

  /** A connection to {@code database} as the superuser. */
  public Connection connect(String database) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", exports.get("CCHC_PG_USER"));
    p.setProperty("password", exports.get("CCHC_PG_PASSWORD"));
    return new org.postgresql.Driver().connect(url(database), p);
  }

  /** Stops the cluster and deletes its folder. */
  @Override
  public void close() {
    Outcome stopped = Launcher.script("pg-server", server, "destroy");
    assertThat(stopped.exitCode()).as(stopped.stderr()).isZero();
  }
}
