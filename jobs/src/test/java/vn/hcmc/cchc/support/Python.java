package vn.hcmc.cchc.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code python3} (or {@code -Dcchc.python=...}) from the project root for the tests of the
 * project's Python files (Airflow DAGs, the notebooks' cell magic), without the settings of this
 * JVM's environment ({@code CCHC_*}, {@code AIRFLOW_VAR_*}) and without writing bytecode into the
 * tree. CI installs python3: without it these tests fail, they do not skip.
 */
public final class Python {
  public static final String PYTHON = System.getProperty("cchc.python", "python3");

  private Python() {}

  public static Launcher.Outcome run(Map<String, String> env, String... args) {
    List<String> cmd = new ArrayList<>(List.of(PYTHON));
    cmd.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("python-out", ".txt");
      Path err = Files.createTempFile("python-err", ".txt");
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(Launcher.ROOT.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().keySet().removeIf(k -> k.startsWith("CCHC_") || k.startsWith("AIRFLOW_VAR_"));
      pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
      pb.environment().put("PYTHONPYCACHEPREFIX", Files.createTempDirectory("pycache").toString());
      pb.environment().putAll(env);
      Process p;
      try {
        p = pb.start();
      } catch (IOException e) {
        throw new AssertionError(PYTHON + " is needed to test the project's Python files and was not found"
            + " (install python3, or point -Dcchc.python=... at one): " + e.getMessage(), e);
      }
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError("timed out: " + cmd);
      }
      return new Launcher.Outcome(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
