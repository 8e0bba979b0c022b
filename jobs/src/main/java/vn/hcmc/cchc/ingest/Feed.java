package vn.hcmc.cchc.ingest;

/** The landing zone's folders (RAW.md) and what each holds. */
public enum Feed {
  /** Feed A: one-stop system export, JSON lines, {@code cases/dvc/yyyy/MM/dd/*.jsonl[.gz]}. */
  DVC("cases/dvc"),
  /** Feed B: legacy district/commune export, {@code ;}-separated, {@code cases/legacy/yyyy/MM/dd/*.csv}. */
  LEGACY("cases/legacy"),
  AGENCIES("reference/agencies"),
  PROCEDURES("reference/procedures"),
  /** Feed C: internal work files counted per agency and month, {@code work/yyyy/MM.csv}. */
  WORK("work"),
  /** Feed D: yearly indicators for targets no case feed measures, {@code indicators/*.csv}. */
  INDICATORS("indicators");

  private final String folder;

  Feed(String folder) {
    this.folder = folder;
  }

  public String folder() {
    return folder;
  }

  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public boolean isCases() {
    return this == DVC || this == LEGACY;
  }

  /** The agency and procedure snapshots, which become {@code silver.agencies} / {@code silver.procedures}. */
  public boolean isSnapshot() {
    return this == AGENCIES || this == PROCEDURES;
  }

  public static Feed ofCode(String code) {
    return valueOf(code.toUpperCase(java.util.Locale.ROOT));
  }
}
