package vn.hcmc.cchc.ingest;

/** The landing zone's folders (RAW.md) and what each holds. */
public enum Feed {
  /** Feed A: one-stop system export, JSON lines, {@code cases/dvc/yyyy/MM/dd/*.jsonl[.gz]}. */
  DVC("cases/dvc"),
  /** Feed B: legacy district/commune export, {@code ;}-separated, {@code cases/legacy/yyyy/MM/dd/*.csv}. */
  LEGACY("cases/legacy"),
  AGENCIES("reference/agencies"),
  PROCEDURES("reference/procedures");

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

  public static Feed ofCode(String code) {
    return valueOf(code.toUpperCase(java.util.Locale.ROOT));
  }
}
