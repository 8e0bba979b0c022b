package vn.hcmc.cchc.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import vn.hcmc.cchc.pii.Pseudonymizer;

/** Named landing-zone fixtures under {@code src/test/resources/landing/}. */
public final class Fixtures {
  public static final Pseudonymizer PII =
      new Pseudonymizer("fixture-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));

  /**
   * Personal values written in clear in the {@code basic} fixture: none may appear in any table.
   */
  public static final List<String> BASIC_PERSONAL_DATA = List.of(
      "Nguyễn Văn An", "079201001234", "0901234567", "Trần Thị Bích", "079301005678", "0912345678",
      "Lê Văn Cường", "079085009999", "0987654321", "Phạm Minh Đức", "079190004444", "0933333333",
      "Võ Thị Hồng", "0977777777", "Đặng Văn Giàu", "Hoàng Thị Lan", "079302001111", "0944444444",
      "Ngô Thị Mai", "079303002222", "0955555555", "Bình Minh", "0301234567", "0283822222",
      "Bùi Văn Nam", "079088003333", "0966666666", "Đỗ Thị Oanh", "079304004444", "0988888888");

  /** {@code conf/reference} of the repository, whether tests run from the root or from jobs/. */
  public static final Path REFERENCE = locateReference();

  private Fixtures() {}

  private static Path locateReference() {
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      Path candidate = p.resolve("conf/reference");
      if (candidate.resolve("holidays.csv").toFile().isFile()) {
        return candidate;
      }
    }
    throw new IllegalStateException("conf/reference not found above " + here);
  }

  public static Path resource(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/landing/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Copies a fixture's files (all of them, or those whose relative path starts with one of {@code only}). */
  public static void copy(String name, Path target, String... only) {
    Path src = resource(name);
    try (Stream<Path> files = Files.walk(src)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String rel = src.relativize(f).toString().replace('\\', '/');
        if (only.length > 0 && Stream.of(only).noneMatch(rel::startsWith)) {
          continue;
        }
        Path to = target.resolve(rel);
        Files.createDirectories(to.getParent());
        Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
