package vn.hcmc.cchc.generate;

import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;

/** Test fixture: runs the generator into a folder on the local file system. */
public final class Generated {
  static final Path REFERENCE = vn.hcmc.cchc.support.Fixtures.REFERENCE;

  private Generated() {}

  public static GenerateSpec spec(Path out, String from, String to, double scale, long seed) {
    return new GenerateSpec(out.toString(), LocalDate.parse(from), LocalDate.parse(to), scale, seed,
        GenerateSpec.DEFAULT_BAD_RECORD_SHARE, GenerateSpec.DEFAULT_LEGACY_SHARE_OF_COMMUNES, REFERENCE, 2,
        GenerateSpec.DEFAULT_PACE);
  }

  public static GenerateSummary run(GenerateSpec spec) {
    return new LandingZoneGenerator(spec, new Configuration()).run(p -> { });
  }
}
