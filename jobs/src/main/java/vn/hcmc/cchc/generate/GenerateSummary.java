package vn.hcmc.cchc.generate;

import java.time.LocalDate;
import java.util.Map;

/**
 * What a run wrote, as the generator intended it; also written to {@code <out>/_generate/summary.json}.
 * Receipts and the flags of received dossiers count in the year of receipt; resolutions,
 * withdrawals and ratings in the year they happened (and only when they happened by {@code to}),
 * the way {@code gold.case_monthly} counts them.
 *
 * @param pace how fast the city improves after 2021 (1: the documented anchors)
 * @param linesByFeed records written per feed ({@code dvc}, {@code legacy}), good and bad
 * @param badRecordsByReason extra bad records by intended quarantine reason (both feeds)
 * @param badRecordsByFeed extra bad records per feed and intended reason
 * @param reexportedLines older snapshots written again on a later day (included in linesByFeed)
 * @param openAtEnd received dossiers neither resolved nor withdrawn by {@code to}
 * @param filesByKind files written: dvc, legacy, agencies, procedures, work, indicators, summary
 */
public record GenerateSummary(LocalDate from, LocalDate to, double scale, long seed, double pace, DossierCounts total,
    Map<Integer, DossierCounts> byYear, Map<String, Long> linesByFeed, Map<String, Long> badRecordsByReason,
    Map<String, Map<String, Long>> badRecordsByFeed, long reexportedLines, long openAtEnd, Map<String, Long> filesByKind,
    double seconds) {

  /** Dossier counts (see the class comment for which year an event counts in). */
  public record DossierCounts(long dossiers, long received, long receivedOnline, long receivedFullOnline,
      long receivedPartialOnline, long receivedPostal, long refused, long registered, long resolved,
      long resolvedEarly, long resolvedOnTime, long resolvedLate, long lateWithApology, long withdrawn,
      long rated, long ratedSatisfied, long interagency, long eCirculated, long priorDocuments,
      long dataReused, long digitised, long eidVerified, long paidOnline, long mobile) {}

  public long lines() {
    return linesByFeed.values().stream().mapToLong(Long::longValue).sum();
  }

  public long badRecords() {
    return badRecordsByReason.values().stream().mapToLong(Long::longValue).sum();
  }

  public long files() {
    return filesByKind.values().stream().mapToLong(Long::longValue).sum();
  }

  public double linesPerSecond() {
    return seconds > 0 ? lines() / seconds : 0;
  }

  /** Pretty JSON, keys in a stable order. */
  public String toJson() {
    StringBuilder sb = new StringBuilder(4096);
    sb.append("{\n");
    sb.append("  \"from\": \"").append(from).append("\",\n");
    sb.append("  \"to\": \"").append(to).append("\",\n");
    sb.append("  \"scale\": ").append(scale).append(",\n");
    sb.append("  \"seed\": ").append(seed).append(",\n");
    sb.append("  \"pace\": ").append(pace).append(",\n");
    sb.append("  \"lines\": ").append(lines()).append(",\n");
    sb.append("  \"linesByFeed\": ");
    map(sb, linesByFeed);
    sb.append(",\n  \"badRecords\": ").append(badRecords()).append(",\n");
    sb.append("  \"badRecordsByReason\": ");
    map(sb, badRecordsByReason);
    sb.append(",\n  \"badRecordsByFeed\": {");
    boolean firstFeed = true;
    for (Map.Entry<String, Map<String, Long>> e : badRecordsByFeed.entrySet()) {
      sb.append(firstFeed ? "\n" : ",\n").append("    \"").append(e.getKey()).append("\": ");
      map(sb, e.getValue());
      firstFeed = false;
    }
    sb.append("\n  }");
    sb.append(",\n  \"reexportedLines\": ").append(reexportedLines).append(",\n");
    sb.append("  \"openAtEnd\": ").append(openAtEnd).append(",\n");
    sb.append("  \"files\": ").append(files()).append(",\n");
    sb.append("  \"filesByKind\": ");
    map(sb, filesByKind);
    sb.append(",\n  \"seconds\": ").append(String.format(java.util.Locale.ROOT, "%.3f", seconds)).append(",\n");
    sb.append("  \"linesPerSecond\": ").append(Math.round(linesPerSecond())).append(",\n");
    sb.append("  \"total\": ");
    counts(sb, total, "  ");
    sb.append(",\n  \"byYear\": {");
    boolean first = true;
    for (Map.Entry<Integer, DossierCounts> e : byYear.entrySet()) {
      sb.append(first ? "\n" : ",\n").append("    \"").append(e.getKey()).append("\": ");
      counts(sb, e.getValue(), "    ");
      first = false;
    }
    sb.append("\n  }\n}\n");
    return sb.toString();
  }

  private static void map(StringBuilder sb, Map<String, Long> m) {
    sb.append('{');
    boolean first = true;
    for (Map.Entry<String, Long> e : m.entrySet()) {
      if (!first) {
        sb.append(", ");
      }
      sb.append('"').append(e.getKey()).append("\": ").append(e.getValue());
      first = false;
    }
    sb.append('}');
  }

  private static void counts(StringBuilder sb, DossierCounts c, String indent) {
    java.lang.reflect.RecordComponent[] rc = DossierCounts.class.getRecordComponents();
    sb.append("{");
    for (int i = 0; i < rc.length; i++) {
      try {
        sb.append(i == 0 ? "\n" : ",\n").append(indent).append("  \"").append(rc[i].getName()).append("\": ")
            .append(rc[i].getAccessor().invoke(c));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    sb.append('\n').append(indent).append('}');
  }
}
