package vn.hcmc.cchc.generate;

/**
 * Systematic allocation of the rare outcomes (late: 0.19% of resolved; no apology: 0.7% of late).
 * Each lane carries a running remainder from a random phase, so the rates hold to within a dossier
 * per lane even at small scales, where independent draws would swing them by tens of percent.
 * Used by one lane (one thread) at a time, in its dossiers' order, so it stays deterministic.
 */
final class RareEvents {
  private double late;
  private double noApology;

  RareEvents(double phase) {
    this.late = phase;
    this.noApology = phase;
  }

  /** Called once per dossier that will be resolved: is this one late? */
  boolean late() {
    late += Calibration.LATE;
    if (late >= 1) {
      late -= 1;
      return true;
    }
    return false;
  }

  /** Called once per late dossier: was an apology letter issued? */
  boolean apology() {
    noApology += 1 - Calibration.APOLOGY_WHEN_LATE;
    if (noApology >= 1) {
      noApology -= 1;
      return false;
    }
    return true;
  }
}
