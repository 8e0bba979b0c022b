package vn.hcmc.cchc.generate;

import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;

/** Test fixture: runs the generator into a folder on the local file system. */
final class Generated {
  static final Path REFERENCE = locateReference();

  private Generated() {}

  static GenerateSpec spec(Path out, String from, String to, double scale, long seed) {
    return new GenerateSpec(out.toString(), LocalDate.parse(from), LocalDate.parse(to), scale, seed,
        GenerateSpec.DEFAULT_BAD_RECORD_SHARE, GenerateSpec.DEFAULT_LEGACY_SHARE_OF_COMMUNES, REFERENCE, 2);
  }

  static GenerateSummary run(GenerateSpec spec) {
    return new LandingZoneGenerator(spec, new Configuration()).run(p -> { });
  }

  /** conf/reference of the repository, whether tests run from the root or from jobs/. */
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
}
