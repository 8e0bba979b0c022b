package vn.hcmc.cchc.reference;

/**
 * The names of the reference files under {@code cchc.reference-dir} ({@code conf/reference}) that
 * more than one stage reads, written once.
 */
public final class ReferenceFiles {
  /** The city's published targets: marts scores them, the report quotes their sentences. */
  public static final String TARGETS = "targets.csv";

  private ReferenceFiles() {}
}
