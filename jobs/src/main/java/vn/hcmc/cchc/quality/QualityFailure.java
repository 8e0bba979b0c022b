package vn.hcmc.cchc.quality;

/**
 * A run whose quality rules failed ({@link QualityEvaluation#failure}): every table is written and
 * reconciled, and the run ends failed with this one line, which names the rule, the share observed
 * against its threshold and the worst file. The launcher prints it alone (no stack trace to offer).
 */
public final class QualityFailure extends RuntimeException {
  public QualityFailure(String line) {
    super(line);
  }
}
