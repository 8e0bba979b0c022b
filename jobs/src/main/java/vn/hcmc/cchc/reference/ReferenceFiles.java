package vn.hcmc.cchc.reference;

/**
 * The names of the reference files under {@code cchc.reference-dir} ({@code conf/reference}) that
 * the stages read, written once.
 */
public final class ReferenceFiles {
  /** The city's published targets: marts scores them, the report quotes their sentences. */
  public static final String TARGETS = "targets.csv";

  /** The sectors' Vietnamese and English names: marts publish them as {@code gold.sector}. */
  public static final String SECTORS = "sectors.csv";

  private ReferenceFiles() {}
}
