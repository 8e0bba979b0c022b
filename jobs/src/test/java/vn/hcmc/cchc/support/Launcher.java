package vn.hcmc.cchc.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code scripts/cchc} (or another script of {@code scripts/}) as a user would, and keeps what it printed. */
public final class Launcher {
  /** The project root (the parent of {@code jobs/}). */
  public static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  public record Outcome(int exitCode, String stdout, String stderr) {}

  private Launcher() {}

  public static Outcome run(Map<String, String> env, String... args) {
    return script("cchc", env, args);
  }

  /** Runs {@code scripts/NAME} (e.g. {@code spark-cluster start}) from the project folder. */
  public static Outcome script(String name, Map<String, String> env, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ROOT.resolve("scripts").resolve(name).toString());
    cmd.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("cchc-out", ".txt");
      Path err = Files.createTempFile("cchc-err", ".txt");
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().remove("CCHC_PII_KEY");
      pb.environment().remove("CCHC_PII_KEY_FILE");
      pb.environment().put("CCHC_DRIVER_MEMORY", "2g");
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(15, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + cmd);
      }
      return new Outcome(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
