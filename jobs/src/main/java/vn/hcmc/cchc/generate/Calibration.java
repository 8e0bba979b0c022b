package vn.hcmc.cchc.generate;

/**
 * Every rate the generator is calibrated to, in one place. 2021 matches the city's published
 * figures (shared/seed/FIGURES.md); later years improve, some enough to meet their 2025 or 2030
 * target and some not, so the warehouse's target report has both outcomes to show.
 */
final class Calibration {
  private Calibration() {}

  /** Dossiers received (accepted) in a year at --scale 1: "over 17.8 million" in 2021. */
  static final double RECEIVED_PER_YEAR = 17_800_000d;

  /** Share of the volume by the level of the procedure: departments, districts, communes. */
  static double levelShare(Level l) {
    return switch (l) {
      case CITY -> 0.25;
      case DISTRICT -> 0.35;
      case COMMUNE -> 0.40;
    };
  }

  private static int k(int year) {
    return Math.max(0, Math.min(5, year - 2021));
  }

  private static double pick(int year, double... byYearFrom2021) {
    return byYearFrom2021[k(year)];
  }

  /** Share of received dossiers that came in online (level 3/4): 18% city-wide in 2021 (3.2M of 17.8M). */
  static double onlineShare(Level l, int year) {
    double base = switch (l) {
      case CITY -> 0.28;
      case DISTRICT -> 0.19;
      case COMMUNE -> 0.11;
    };
    return Math.min(0.92, base * pick(year, 1.0, 1.3, 1.65, 2.1, 2.75, 3.1));
  }

  /** Desk dossiers that came by the public postal service. */
  static final double POSTAL_SHARE_OF_DESK = 0.015;
  /** Refused at intake (status 3), on top of the received ones. */
  static final double REFUSED = 0.01;
  /** Newly registered online, never accepted (status 1), as a share of the online stream. */
  static final double REGISTERED_OF_ONLINE = 0.03;
  /** Online dossiers with no level given (the warehouse maps them to partial). */
  static final double ONLINE_WITHOUT_LEVEL = 0.01;

  /** Online dossiers on a procedure offered fully online that do use the full process. */
  static double fullWhenOffered(int year) {
    return pick(year, 0.55, 0.65, 0.75, 0.82, 0.88, 0.90);
  }

  // --- life of a dossier ---
  static final double WITHDRAWN = 0.008;
  static final double STOPPED = 0.002;
  /**
   * Late: 32,243 of 17.4M resolved (0.19%). Drawn slightly higher because late dossiers resolve
   * later, and the last ones of a range only after its end.
   */
  static final double LATE = 0.00197;
  /** Apology letters: 32,027 of 32,243 late (99.3%). */
  static final double APOLOGY_WHEN_LATE = 0.993;
  /** Resolved on the deadline's day (the rest, not late, before it). */
  static final double ON_DEADLINE_DAY = 0.12;
  /**
   * Skew of the early resolution day inside the working days before the deadline (u^k): larger
   * means faster. Tuned so that 97.8% of a year's received dossiers are resolved within the year.
   */
  static final double EARLY_SKEW = 1.6;
  /** Non-electronic results handed back on the day they are ready. */
  static final double RETURNED_SAME_DAY = 0.72;
  /** An in-process (4/5/6) snapshot between receipt and a same-day return. */
  static final double IN_PROCESS_SNAPSHOT = 0.22;
  static final double IN_PROCESS_BEFORE_WITHDRAWAL = 0.4;
  /** Status-10 snapshots that carry only the return date (no separate result date). */
  static final double RESULT_DATE_OMITTED = 0.01;
  /** Older snapshots exported again on a later day. */
  static final double REEXPORT = 0.005;
  /** Due at the receipt's clock time instead of 17:00 (desk receipts only). */
  static final double DUE_AT_RECEIPT_HOUR = 0.3;

  // --- digital-government flags, by year ---
  static double interagency(int year) {
    return pick(year, 0.15, 0.16, 0.17, 0.18, 0.19, 0.20);
  }

  static double eCirculatedWhenInteragency(int year) {
    return pick(year, 0.65, 0.72, 0.78, 0.83, 0.86, 0.88);
  }

  static double priorDocuments(int year) {
    return pick(year, 0.30, 0.35, 0.40, 0.45, 0.50, 0.55);
  }

  static double reusedWhenPrior(int year) {
    return pick(year, 0.55, 0.61, 0.67, 0.73, 0.78, 0.83);
  }

  static double digitised(int year) {
    return pick(year, 0.40, 0.52, 0.64, 0.75, 0.84, 0.90);
  }

  static double eidWhenOnline(int year) {
    return pick(year, 0.20, 0.32, 0.50, 0.72, 0.88, 0.93);
  }

  static double paidOnlineWhenFull(int year) {
    return pick(year, 0.55, 0.65, 0.72, 0.80, 0.85, 0.88);
  }

  static double paidOnlineWhenPartial(int year) {
    return pick(year, 0.10, 0.15, 0.20, 0.25, 0.30, 0.35);
  }

  static double mobileWhenOnline(int year) {
    return pick(year, 0.15, 0.22, 0.30, 0.38, 0.45, 0.50);
  }

  static double ratedWhenReturned(int year) {
    return pick(year, 0.30, 0.32, 0.35, 0.38, 0.40, 0.42);
  }

  /** Satisfied (1 or 2) among rated: ~96% overall and ~91% in land/construction/investment in 2021. */
  static double satisfied(Sector s, int year) {
    return s.isLandConstructionInvestment()
        ? pick(year, 0.91, 0.92, 0.93, 0.935, 0.94, 0.945)
        : pick(year, 0.975, 0.977, 0.979, 0.981, 0.983, 0.985);
  }

  static final double VERY_SATISFIED_OF_SATISFIED = 0.6;

  // --- catalogue, by year (2021 exact: 805 of 1,746 offered online) ---
  static final int PUBLIC_PROCEDURES = 1746;
  static final int INTERNAL_PROCEDURES = 1252;
  static final int ONLINE_ELIGIBLE = 1100;

  static int onlineOffered(int year) {
    return (int) pick(year, 805, 930, 1020, 1075, 1100, 1100);
  }

  static int fullOffered(int year) {
    return (int) pick(year, 300, 460, 620, 760, 860, 950);
  }

  static double nationalPortal(int year) {
    return pick(year, 0.42, 0.55, 0.68, 0.80, 0.88, 0.92);
  }

  static double cityPortalWhenOffered(int year) {
    return pick(year, 0.96, 0.97, 0.98, 0.99, 1.0, 1.0);
  }

  static double mobileWhenFull(int year) {
    return pick(year, 0.30, 0.45, 0.60, 0.72, 0.85, 0.95);
  }

  static double internalPublished(int year) {
    return pick(year, 0.85, 0.90, 0.94, 0.97, 0.99, 1.0);
  }

  // --- feed C: work files processed online ---
  static double workOnline(Level l, int year) {
    return switch (l) {
      case CITY -> pick(year, 0.85, 0.89, 0.93, 0.96, 0.98, 0.99);
      case DISTRICT -> pick(year, 0.75, 0.81, 0.87, 0.92, 0.96, 0.97);
      case COMMUNE -> pick(year, 0.60, 0.66, 0.72, 0.77, 0.82, 0.86);
    };
  }

  /** Work files per agency and month at --scale 1. */
  static int workFilesPerMonth(Level l) {
    return switch (l) {
      case CITY -> 4200;
      case DISTRICT -> 2600;
      case COMMUNE -> 650;
    };
  }

  // --- volume over the calendar ---
  /** Mild seasonality: busier before Tết and at the year's end. */
  static double monthFactor(int month) {
    return switch (month) {
      case 1 -> 1.08;
      case 2 -> 0.88;
      case 3 -> 1.02;
      case 4, 5 -> 0.98;
      case 7 -> 0.97;
      case 8 -> 0.96;
      case 10 -> 1.02;
      case 11 -> 1.03;
      case 12 -> 1.08;
      default -> 1.0;
    };
  }

  /** Relative desk volume: working days; Saturday mornings at some one-stop desks. */
  static double deskDayWeight(boolean working, boolean saturday, boolean closed) {
    if (working) {
      return 1.0;
    }
    return saturday && !closed ? 0.10 : 0.0;
  }

  /** Relative online volume: the portal never closes, but people file less on days off. */
  static double onlineDayWeight(boolean working, boolean saturday, boolean closed) {
    if (working) {
      return 1.0;
    }
    return saturday && !closed ? 0.45 : 0.30;
  }
}
