package vn.hcmc.cchc.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code scripts/cchc} (or another script of {@code scripts/}) as a user would, and keeps what it printed. */
public final class Launcher {
  /** The project root (the parent of {@code jobs/}). */
  public static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  /** JVM flags of every process a test starts through {@code scripts/cchc}: quick to start, not to run long. */
  public static final String TEST_JVM_OPTS = "-XX:TieredStopAtLevel=1";
  /**
   * The class-data archive of the build's launched JVMs (see {@link #jvmOpts}); {@code BenchIT}
   * finds it by the same name.
   */
  static final String ARCHIVE_PREFIX = "jobs/target/test-fixtures/launched-";
  /** CDS's own messages (an archive the JVM cannot use is silently ignored): off, so that what a test reads is the command's. */
  private static final String QUIET_CDS = " -Xlog:cds*=off";

  public record Outcome(int exitCode, String stdout, String stderr) {}

  private Launcher() {}

  public static Outcome run(Map<String, String> env, String... args) {
    return script("cchc", env, args);
  }

  /** Runs {@code scripts/<name>} from the project root with {@code env} added to this JVM's environment. */
  public static Outcome script(String name, Map<String, String> env, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ROOT.resolve("scripts").resolve(name).toString());
    cmd.addAll(List.of(args));
    return command(cmd, env);
  }

  /** Runs a program from the project root (see {@link #command(List, Map, Duration)}), for up to 15 minutes. */
  public static Outcome command(List<String> cmd, Map<String, String> env) {
    return command(cmd, env, Duration.ofMinutes(15));
  }

  /**
   * Runs a program from the project root with {@code env} added to this JVM's environment, less
   * every {@code CCHC_*} and {@code AIRFLOW_VAR_*} variable of the caller's (the pseudonymisation key
   * included: a test passes one on purpose when it wants one). A program that cannot start, or
   * runs longer than {@code timeout}, fails the test with its name.
   */
  public static Outcome command(List<String> cmd, Map<String, String> env, Duration timeout) {
    try {
      Path out = Files.createTempFile("cchc-out", ".txt");
      Path err = Files.createTempFile("cchc-err", ".txt");
      ProcessBuilder pb = builder(cmd, env).redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p;
      try {
        p = pb.start();
      } catch (IOException e) {
        throw new AssertionError(cmd.get(0) + " is needed by this test and could not start: " + e.getMessage(), e);
      }
      if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("timed out after " + timeout + ": " + cmd);
      }
      return new Outcome(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Starts {@code scripts/<script>} with {@code args} as {@link #command} would, without waiting:
   * stdout and stderr together into {@code log}. For a test that watches or kills the process (the
   * launcher execs the JVM, so this is the driver's process).
   */
  public static Process start(String script, Map<String, String> env, Path log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ROOT.resolve("scripts").resolve(script).toString());
    cmd.addAll(List.of(args));
    return builder(cmd, env).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** From the project root; the caller's {@code CCHC_*} and {@code AIRFLOW_VAR_*} removed, {@code env} added. */
  private static ProcessBuilder builder(List<String> cmd, Map<String, String> env) {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("CCHC_") || k.startsWith("AIRFLOW_VAR_"));
    pb.environment().put("CCHC_DRIVER_MEMORY", "2g");
    pb.environment().put("CCHC_JAVA_OPTS", jvmOpts(cmd));
    pb.environment().putAll(env);
    return pb;
  }

  /**
   * {@code CCHC_JAVA_OPTS} for a launched command. A test's JVMs live seconds on tiny data: the C1
   * compiler alone starts them in about half the time on 2 busy cores ({@code scripts/cchc sql} 30 s
   * -> 13 s, a week's run 216 s -> 143 s, 3 December). And most of a short JVM's start is loading and
   * verifying Spark's, Delta's and Hadoop's classes: the first {@code run} a build launches writes
   * them to a class-data archive at its exit ({@code -XX:ArchiveClassesAtExit}, CDS, Java 13+), and
   * every later launch maps that archive instead ({@code sql} 14.6 s -> 8.0 s, 4 December). One
   * archive per Maven invocation ({@value BuiltOnce#BUILD_PROPERTY}), since it holds the classes of
   * that build's jar; without the property (an IDE) no archive is used.
   */
  static synchronized String jvmOpts(List<String> cmd) {
    String invocation = System.getProperty(BuiltOnce.BUILD_PROPERTY, "");
    if (invocation.isBlank()) {
      return TEST_JVM_OPTS;
    }
    Path archive = archive(invocation);
    if (Files.isRegularFile(archive)) {
      return TEST_JVM_OPTS + " -XX:SharedArchiveFile=" + archive + QUIET_CDS;
    }
    boolean run = cmd.get(0).endsWith("/cchc") && cmd.size() > 1 && cmd.get(1).equals("run");
    if (!run) {
      return TEST_JVM_OPTS;
    }
    try {
      Files.createDirectories(archive.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // a run killed by its test writes no archive: the next run tries
    return TEST_JVM_OPTS + " -XX:ArchiveClassesAtExit=" + archive + QUIET_CDS;
  }

  /** The archive of the launched JVMs of the Maven invocation {@code invocation}. */
  static Path archive(String invocation) {
    return ROOT.resolve(ARCHIVE_PREFIX + invocation.replaceAll("[^0-9A-Za-z]", "") + ".jsa");
  }

  /** A TCP port free on this machine now, for a server a test starts. */
  public static int freePort() {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
