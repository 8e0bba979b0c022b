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
import java.util.stream.Collectors;

/** Runs {@code scripts/cchc} (or another script of {@code scripts/}) as a user would, and keeps what it printed. */
public final class Launcher {
  /** The project root (the parent of {@code jobs/}). */
  public static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  /**
   * JVM flags of every process a test starts through {@code scripts/cchc}: quick to start, not to run
   * long. A test's JVMs live seconds on tiny data: the C1 compiler alone starts them in about half the
   * time on 2 busy cores ({@code scripts/cchc sql} 30 s -> 13 s, a week's run 216 s -> 143 s, 3
   * December). The serial collector: the end-to-end tests run two at a time and keep both cores
   * busy, and G1's concurrent threads cost a week's run ~10% more CPU (110 s against 99 s, 6
   * December). The class-data archive is the launcher's own, as for a user: the first launch after
   * the build writes it, the others map it (docs/DECISIONS.md, "Class-data archive"). Spark generates
   * code as in production: {@code ClusterIT}'s driver and executors, the one launched run that must.
   */
  public static final String QUICK_JVM_OPTS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

  /**
   * {@link #QUICK_JVM_OPTS} and Spark's interpreted evaluation ({@link TestSpark#INTERPRETED}, as
   * system properties, which a session's conf reads): the JVMs of every process a test starts through
   * {@code scripts/cchc} or {@code spark-submit} but {@code ClusterIT}'s. On tiny data generating and
   * compiling code is an eighth of a run's CPU (the generated week through the launcher, side by side:
   * 81 s of CPU with code generation, 70 s without, 6 December); {@code ClusterIT} keeps production's code
   * generation end to end and compares its rows with the in-process week's, which is interpreted.
   */
  public static final String TEST_JVM_OPTS = QUICK_JVM_OPTS + TestSpark.INTERPRETED.entrySet().stream()
      .map(e -> " -D" + e.getKey() + "=" + e.getValue()).sorted().collect(Collectors.joining());
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
    pb.environment().put("CCHC_JAVA_OPTS", TEST_JVM_OPTS);
    pb.environment().putAll(env);
    return pb;
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
