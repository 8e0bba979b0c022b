package vn.hcmc.cchc.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import vn.hcmc.cchc.pii.Pseudonymizer;

/**
 * Where the pseudonymisation key comes from: the {@code CCHC_PII_KEY} environment variable, or the
 * file named by {@code cchc.pii.key-file} (itself usually set from {@code CCHC_PII_KEY_FILE}).
 * Never from the repository; never logged. In {@code config} with {@link Secrets}: reading the
 * environment and the configuration is config's job; {@code pii} only uses the key.
 */
public final class PiiKey {
  public static final String ENV = "CCHC_PII_KEY";

  private PiiKey() {}

  public static Pseudonymizer load(AppConfig config) {
    Optional<String> fromEnv = AppConfig.env(ENV);
    if (fromEnv.isPresent()) {
      return new Pseudonymizer(checked(fromEnv.get().strip().getBytes(StandardCharsets.UTF_8), ENV));
    }
    Optional<Path> file = config.settings().piiKeyFile();
    if (file.isPresent()) {
      Path path = file.get();
      try {
        byte[] key = Files.readString(path, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
        return new Pseudonymizer(checked(key, path.toString()));
      } catch (IOException e) {
        throw new UsageException("cannot read the PII key file " + path + ": " + e.getClass().getSimpleName());
      }
    }
    throw new UsageException(
        "no pseudonymisation key: set " + ENV + " (at least 16 characters) or CCHC_PII_KEY_FILE to a key file"
            + " outside the repository (scripts/demo creates one)");
  }

  private static byte[] checked(byte[] key, String source) {
    if (key.length < 16) {
      throw new UsageException("the PII key from " + source + " is too short: use at least 16 characters");
    }
    return key;
  }
}
