package vn.hcmc.cchc.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import vn.hcmc.cchc.cli.Cchc;
import vn.hcmc.cchc.support.Launcher.Outcome;

/**
 * Runs a {@code cchc} command line inside the test JVM, on its one session ({@link TestSpark}; a
 * command borrows it and leaves it running), and keeps what the command printed: stdout, and on
 * stderr picocli's messages plus every log line the command's logging let through, as {@code
 * LEVEL logger: message}. What a process adds (the launcher's own checks, {@code spark-submit},
 * exit status of the JVM) is proven through {@link Launcher}; this is for what the command does.
 * The environment is this JVM's: pass the pseudonymisation key with {@code cchc.pii.key-file}.
 */
public final class InProcessCli {
  /** The pseudonymisation key of the config files {@link #conf} writes. */
  public static final String PII_KEY = "in-process-test-key-0123456789";
  private static Path localConf;

  private InProcessCli() {}

  /**
   * A config file in {@code dir} as a user's would be ({@link #confFile}), the key in a file beside
   * it; then {@code more} (HOCON lines).
   */
  public static Path conf(Path dir, String more) {
    try {
      Path key = Files.writeString(dir.resolve("pii.key"), PII_KEY);
      return write(dir.resolve("in-process.conf"), "cchc.pii.key-file = \"" + key + "\"\n" + more);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code conf/local.conf} with {@code cchc.home} the project root, as {@code scripts/cchc} sets it
   * ({@code CCHC_HOME}): the reference folder found from any working directory.
   */
  public static synchronized Path localConf() {
    if (localConf == null) {
      localConf = confFile("local", "");
    }
    return localConf;
  }

  /** A config file of {@code lines} over {@link #localConf()}'s. */
  public static Path confFile(String name, String lines) {
    return write(TestSpark.tempDir("conf").resolve(name + ".conf"), lines);
  }

  private static Path write(Path file, String lines) {
    try {
      return Files.writeString(file, "include file(\"" + Launcher.ROOT.resolve("conf/local.conf") + "\")\n"
          + "cchc.home = \"" + Launcher.ROOT + "\"\n" + lines, StandardCharsets.UTF_8);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  public static synchronized Outcome run(String... args) {
    TestSpark.session();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    AbstractAppender capture = new AbstractAppender("in-process-cli", null, null, true, Property.EMPTY_ARRAY) {
      @Override
      public void append(LogEvent event) {
        synchronized (e) {
          e.println(event.getLevel() + " " + event.getLoggerName() + ": " + event.getMessage().getFormattedMessage());
        }
      }
    };
    capture.start();
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    // a command sets its own log levels (quiet, or --verbose): they end with it, not with the JVM
    Map<String, Level> levels = new HashMap<>();
    ctx.getConfiguration().getLoggers().forEach((name, config) -> levels.put(name, config.getLevel()));
    ctx.getConfiguration().getRootLogger().addAppender(capture, Level.ALL, null);
    ctx.updateLoggers();
    int code;
    try {
      System.setOut(o);
      System.setErr(e);
      code = Cchc.execute(new PrintWriter(o, true), new PrintWriter(e, true), args);
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
      ctx.getConfiguration().getRootLogger().removeAppender(capture.getName());
      for (String name : List.copyOf(ctx.getConfiguration().getLoggers().keySet())) {
        if (levels.containsKey(name)) {
          ctx.getConfiguration().getLoggerConfig(name).setLevel(levels.get(name));
        } else {
          ctx.getConfiguration().removeLogger(name);
        }
      }
      ctx.updateLoggers();
      capture.stop();
    }
    return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
