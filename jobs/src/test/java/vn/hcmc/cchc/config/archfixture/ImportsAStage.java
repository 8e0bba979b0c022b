package vn.hcmc.cchc.config.archfixture;

import vn.hcmc.cchc.ingest.IngestJob;

/**
 * A kernel class (it sits in {@code config}) that uses a stage: what the kernel rule of {@code
 * ArchitectureTest} must refuse. Test sources only, which the main rules do not import.
 */
public final class ImportsAStage {
  private ImportsAStage() {}

  public static Class<?> stage() {
    return IngestJob.class;
  }
}
