package vn.hcmc.cchc.support;

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
 */
public final class Python {
  public static final String PYTHON = System.getProperty("cchc.python", "python3");

  private Python() {}

  public static Launcher.Outcome run(Map<String, String> env, String... args) {
    List<String> cmd = new ArrayList<>(List.of(PYTHON));
    cmd.addAll(List.of(args));
    Map<String, String> all = new HashMap<>();
    all.put("PYTHONDONTWRITEBYTECODE", "1");
    all.put("PYTHONPYCACHEPREFIX", TestSpark.tempDir("pycache").toString());
    all.putAll(env);
    return Launcher.command(cmd, all, Duration.ofMinutes(2));
  }
}
