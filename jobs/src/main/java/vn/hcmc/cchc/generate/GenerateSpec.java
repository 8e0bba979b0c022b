package vn.hcmc.cchc.generate;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * What to generate.
 *
 * @param out landing zone root: a local path or any Hadoop URI ({@code s3a://bucket/raw})
 * @param from first receipt / export day (inclusive)
 * @param to last receipt / export day (inclusive)
 * @param scale 1.0 = the city's real volume (17.8 million dossiers received a year)
 * @param seed same seed, same bytes
 * @param badRecordShare extra bad records, as a share of the good lines (every quarantine reason)
 * @param legacyShareOfCommunes share of commune agencies that export feed B instead of feed A
 * @param referenceDir {@code conf/reference}: admin-units/, holidays.csv, targets.csv, departments.csv
 * @param threads worker threads
 * @param pace how fast the city improves after 2021: the gains over 2021 times it (1: the
 *     documented anchors, 0: frozen at 2021)
 */
public record GenerateSpec(String out, LocalDate from, LocalDate to, double scale, long seed,
    double badRecordShare, double legacyShareOfCommunes, Path referenceDir, int threads, double pace) {

  public static final double DEFAULT_PACE = 1;
  public static final double DEFAULT_BAD_RECORD_SHARE = 0.002;
  public static final double DEFAULT_LEGACY_SHARE_OF_COMMUNES = 0.3;

  public GenerateSpec {
    if (out == null || out.isBlank()) {
      throw new IllegalArgumentException("out is required");
    }
    if (from == null || to == null || to.isBefore(from)) {
      throw new IllegalArgumentException("need from <= to, got " + from + " .. " + to);
    }
    if (from.getYear() < 2000 || to.getYear() > 2100) {
      throw new IllegalArgumentException("dates out of range: " + from + " .. " + to);
    }
    if (!(scale > 0) || scale > 100) {
      throw new IllegalArgumentException("scale must be in (0, 100], got " + scale);
    }
    if (!(badRecordShare >= 0) || badRecordShare > 0.5) {
      throw new IllegalArgumentException("badRecordShare must be in [0, 0.5], got " + badRecordShare);
    }
    if (!(legacyShareOfCommunes >= 0) || legacyShareOfCommunes > 1) {
      throw new IllegalArgumentException("legacyShareOfCommunes must be in [0, 1], got " + legacyShareOfCommunes);
    }
    if (referenceDir == null) {
      throw new IllegalArgumentException("referenceDir is required");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    if (!validPace(pace)) {
      throw new IllegalArgumentException("pace must be a number 0 or more, got " + pace);
    }
  }

  /** 0 or more, and a number (not NaN, not infinite). */
  public static boolean validPace(double pace) {
    return pace >= 0 && !Double.isInfinite(pace);
  }

  /** The defaults of the command line: 0.2% bad records, 30% legacy communes, all processors, pace 1. */
  public static GenerateSpec of(String out, LocalDate from, LocalDate to, double scale, long seed,
      Path referenceDir) {
    return new GenerateSpec(out, from, to, scale, seed, DEFAULT_BAD_RECORD_SHARE,
        DEFAULT_LEGACY_SHARE_OF_COMMUNES, referenceDir, Runtime.getRuntime().availableProcessors(), DEFAULT_PACE);
  }

  /** A whole calendar year. */
  public static GenerateSpec ofYear(String out, int year, double scale, long seed, Path referenceDir) {
    return of(out, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), scale, seed, referenceDir);
  }

  public GenerateSpec withThreads(int n) {
    return new GenerateSpec(out, from, to, scale, seed, badRecordShare, legacyShareOfCommunes, referenceDir, n, pace);
  }

  public GenerateSpec withBadRecordShare(double share) {
    return new GenerateSpec(out, from, to, scale, seed, share, legacyShareOfCommunes, referenceDir, threads, pace);
  }

  public GenerateSpec withLegacyShareOfCommunes(double share) {
    return new GenerateSpec(out, from, to, scale, seed, badRecordShare, share, referenceDir, threads, pace);
  }

  public GenerateSpec withOut(String newOut) {
    return new GenerateSpec(newOut, from, to, scale, seed, badRecordShare, legacyShareOfCommunes, referenceDir,
        threads, pace);
  }

  public GenerateSpec withSeed(long newSeed) {
    return new GenerateSpec(out, from, to, scale, newSeed, badRecordShare, legacyShareOfCommunes, referenceDir,
        threads, pace);
  }

  public GenerateSpec withPace(double newPace) {
    return new GenerateSpec(out, from, to, scale, seed, badRecordShare, legacyShareOfCommunes, referenceDir,
        threads, newPace);
  }
}
