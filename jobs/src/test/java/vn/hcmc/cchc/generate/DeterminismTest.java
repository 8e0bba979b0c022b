package vn.hcmc.cchc.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same seed, same bytes, whatever the number of threads; another seed, other data. */
class DeterminismTest {
  @TempDir
  Path a;
  @TempDir
  Path b;
  @TempDir
  Path c;

  @Test
  void sameSeedGivesTheSameBytesWithOneOrTwoThreadsAndAnotherSeedDoesNot() throws IOException {
    // scale 0.05: nine lanes (files a day) for two threads to share
    Generated.run(Generated.spec(a, "2021-12-30", "2022-01-03", 0.05, 99));
    Generated.run(Generated.spec(b, "2021-12-30", "2022-01-03", 0.05, 99).withThreads(1));
    Generated.run(Generated.spec(c, "2021-12-30", "2022-01-03", 0.05, 100));
    List<Path> filesA = RawLandingZone.list(a);
    List<Path> filesB = RawLandingZone.list(b);
    assertThat(filesA.stream().map(a::relativize)).containsExactlyElementsOf(filesB.stream().map(b::relativize).toList());
    assertThat(filesA.stream().filter(p -> p.toString().contains("/cases/"))).hasSizeGreaterThan(35);
    for (Path f : filesA) {
      Path rel = a.relativize(f);
      if (rel.toString().equals("_generate/summary.json")) {
        assertThat(withoutTimings(Files.readString(f))).isEqualTo(withoutTimings(Files.readString(b.resolve(rel))));
      } else {
        assertThat(Files.readAllBytes(f)).as(rel.toString()).isEqualTo(Files.readAllBytes(b.resolve(rel)));
      }
    }
    boolean anyDifferent = false;
    for (Path f : filesA) {
      Path other = c.resolve(a.relativize(f));
      if (f.toString().contains("cases/")
          && (!Files.exists(other) || !java.util.Arrays.equals(Files.readAllBytes(f), Files.readAllBytes(other)))) {
        anyDifferent = true;
        break;
      }
    }
    assertThat(anyDifferent).isTrue();
    // the city itself (catalogue) does not depend on the seed
    assertThat(Files.readAllBytes(c.resolve("reference/procedures/2022-01-01.csv")))
        .isEqualTo(Files.readAllBytes(a.resolve("reference/procedures/2022-01-01.csv")));
  }

  private static String withoutTimings(String json) {
    return json.replaceAll("\"(seconds|linesPerSecond)\": [0-9.]+", "");
  }
}
