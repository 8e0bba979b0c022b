package vn.hcmc.cchc.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code python3} (or {@code -Dcchc.python=...}) from the project root for the tests of the
 * project's Python files (Airflow DAGs, the notebooks' cell magic), without the settings of this
 * JVM's environment ({@code CCHC_*}, {@code AIRFLOW_VAR_*}: {@link Launcher#command}) and without
 * writing bytecode into the tree. CI installs python3: without it these tests fail, they do not skip.
 * {@link #venv} runs a program of the project's Python environment ({@code scripts/airflow/install}:
 * Airflow 3, pytest, the notebooks' kernel), which CI makes before the tests.
 */
public final class Python {
  public static final String PYTHON = System.getProperty("cchc.python", "python3");

  private Python() {}

  /** The project's Python environment: {@code CCHC_PYTHON_VENV} of the build's environment, as for the install script. */
  public static final Path VENV = Path.of(System.getenv().getOrDefault("CCHC_PYTHON_VENV",
      Launcher.ROOT.resolve("target/airflow/venv").toString()));

  public static Launcher.Outcome run(Map<String, String> env, String... args) {
    return command(PYTHON, env, Duration.ofMinutes(2), args);
  }

  /**
   * Runs {@code program} of the project's Python environment ({@code bin/python}, {@code bin/airflow},
   * ...) for up to {@code timeout}; fails the test with what to do when the environment was not made.
   */
  public static Launcher.Outcome venv(String program, Map<String, String> env, Duration timeout, String... args) {
    Path bin = VENV.resolve("bin").resolve(program);
    if (!Files.isExecutable(bin)) {
      throw new AssertionError("no " + bin + ": make the project's Python environment first, scripts/airflow/install");
    }
    return command(bin.toString(), env, timeout, args);
  }

  private static Launcher.Outcome command(String program, Map<String, String> env, Duration timeout, String... args) {
    List<String> cmd = new ArrayList<>(List.of(program));
    cmd.addAll(List.of(args));
    Map<String, String> all = new HashMap<>();
    all.put("PYTHONDONTWRITEBYTECODE", "1");
    all.put("PYTHONPYCACHEPREFIX", TestSpark.tempDir("pycache").toString());
    all.putAll(env);
    return Launcher.command(cmd, all, timeout);
  }
}
