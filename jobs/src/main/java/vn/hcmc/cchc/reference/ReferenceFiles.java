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

  /** The indicators of Decision 766/QĐ-TTg, their formulas and point rules: marts score them. */
  public static final String SERVICE_INDEX = "service-index.csv";

  private ReferenceFiles() {}
}
