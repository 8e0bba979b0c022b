package vn.hcmc.cchc.config.archfixture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import vn.hcmc.cchc.tables.Transform;

/** A transform that reads a file: what the transform rule of {@code ArchitectureTest} must refuse. */
@Transform
public final class TransformThatReadsAFile {
  private TransformThatReadsAFile() {}

  public static String read(Path file) throws IOException {
    return Files.readString(file);
  }
}
