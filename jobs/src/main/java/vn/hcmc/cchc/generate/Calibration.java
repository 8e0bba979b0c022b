package vn.hcmc.cchc.generate;

/**
 * Every rate the generator is calibrated to, in one place. 2021 matches the city's published
 * figures (shared/seed/FIGURES.md); later years improve, some enough to meet their 2025 or 2030
 * target and some not, so the warehouse's target report has both outcomes to show (README,
 * "Generated years: how fast the city improves", says which).
 *
 * <p>A rate that changes with time is a {@link Rate}: one anchor a year from 2021 to 2026, its
 * value in December of that year. 2021 is flat at its anchor (the published figures are the
 * year's); in month m of a later year y it is anchor(y-1) + (anchor(y) - anchor(y-1)) * m / 12, so
 * a monthly trend has no step on 1 January; after 2026 it stays at 2026's anchor. The catalogue's
 * rates are the exception: they move on 1 January, the date of the procedure snapshot that
 * publishes them, so that the dossiers of a year and its snapshot agree on what is offered.
 *
 * <p>An instance holds the rates at a pace (--pace): the gains over 2021 multiplied by it,
 * value = anchor(2021) + pace * (value at pace 1 - anchor(2021)), within the rate's bounds. Pace 1
 * gives the anchors, 0 a city frozen at 2021. Every month's rates are computed once, when the
 * instance is made: dossiers read them by the million.
 */
final class Calibration {
  static final int FIRST_YEAR = 2021;
  static final int LAST_YEAR = 2026;
  private static final int MONTHS = (LAST_YEAR - FIRST_YEAR + 1) * 12;

  /** The anchors as documented: what {@code --pace 1} generates. */
  static final Calibration DOCUMENTED = new Calibration(1);

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

  /** Some dossiers always come to the desk, however fast the city goes online. */
  static final double MAX_ONLINE_SHARE = 0.92;

  /** Desk dossiers that came by the public postal service. */
  static final double POSTAL_SHARE_OF_DESK = 0.015;
  /** Refused at intake (status 3), on top of the received ones. */
  static final double REFUSED = 0.01;
  /** Newly registered online, never accepted (status 1), as a share of the online stream. */
  static final double REGISTERED_OF_ONLINE = 0.03;
  /** Online dossiers with no level given (the warehouse maps them to partial). */
  static final double ONLINE_WITHOUT_LEVEL = 0.01;

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

  static final double VERY_SATISFIED_OF_SATISFIED = 0.6;

  // --- catalogue (2021 exact: 805 of 1,746 offered online) ---
  static final int PUBLIC_PROCEDURES = 1746;
  static final int INTERNAL_PROCEDURES = 1252;
  static final int ONLINE_ELIGIBLE = 1100;

  /** How a rate goes from one anchor to the next. */
  enum Moves {
    /** A twelfth of the year's gain each month, December at the anchor. */
    MONTHLY,
    /** All of it on 1 January: the catalogue, whose reference snapshot of a year is dated then. */
    YEARLY
  }

  /**
   * Every rate that changes with time: its anchors (value in December of 2021, ..., 2026), how it
   * moves between them, and its upper bound under a pace (its lower bound is 0). Shares are of the
   * dossiers or procedures their name says; the two counts are procedures.
   */
  enum Rate {
    /** Received dossiers that came in online (level 3/4): 18% city-wide in 2021 (3.2M of 17.8M). */
    ONLINE_SHARE_CITY(Moves.MONTHLY, MAX_ONLINE_SHARE, 0.28, 0.364, 0.462, 0.588, 0.77, 0.868),
    /** The level's 2021 share times 1, 1.3, 1.65, 2.1, 2.75 and 3.1, as for the city level. */
    ONLINE_SHARE_DISTRICT(Moves.MONTHLY, MAX_ONLINE_SHARE, 0.19, 0.247, 0.3135, 0.399, 0.5225, 0.589),
    ONLINE_SHARE_COMMUNE(Moves.MONTHLY, MAX_ONLINE_SHARE, 0.11, 0.143, 0.1815, 0.231, 0.3025, 0.341),
    /** Online dossiers on a procedure offered fully online that do use the full process. */
    FULL_WHEN_OFFERED(Moves.MONTHLY, 1, 0.55, 0.65, 0.75, 0.82, 0.88, 0.90),
    INTERAGENCY(Moves.MONTHLY, 1, 0.15, 0.16, 0.17, 0.18, 0.19, 0.20),
    E_CIRCULATED_WHEN_INTERAGENCY(Moves.MONTHLY, 1, 0.65, 0.72, 0.78, 0.83, 0.86, 0.88),
    PRIOR_DOCUMENTS(Moves.MONTHLY, 1, 0.30, 0.35, 0.40, 0.45, 0.50, 0.55),
    REUSED_WHEN_PRIOR(Moves.MONTHLY, 1, 0.55, 0.61, 0.67, 0.73, 0.78, 0.83),
    DIGITISED(Moves.MONTHLY, 1, 0.40, 0.52, 0.64, 0.75, 0.84, 0.90),
    EID_WHEN_ONLINE(Moves.MONTHLY, 1, 0.20, 0.32, 0.50, 0.72, 0.88, 0.93),
    PAID_ONLINE_WHEN_FULL(Moves.MONTHLY, 1, 0.55, 0.65, 0.72, 0.80, 0.85, 0.88),
    PAID_ONLINE_WHEN_PARTIAL(Moves.MONTHLY, 1, 0.10, 0.15, 0.20, 0.25, 0.30, 0.35),
    MOBILE_WHEN_ONLINE(Moves.MONTHLY, 1, 0.15, 0.22, 0.30, 0.38, 0.45, 0.50),
    RATED_WHEN_RETURNED(Moves.MONTHLY, 1, 0.30, 0.32, 0.35, 0.38, 0.40, 0.42),
    /** Satisfied (1 or 2) among rated outside land, construction and investment: ~96% overall in 2021. */
    SATISFIED(Moves.MONTHLY, 1, 0.975, 0.977, 0.979, 0.981, 0.983, 0.985),
    /** ... and in land, construction and investment: ~91% in 2021. */
    SATISFIED_LCI(Moves.MONTHLY, 1, 0.91, 0.92, 0.93, 0.935, 0.94, 0.945),
    /** Feed C: work files processed online, by the agency's level. */
    WORK_ONLINE_CITY(Moves.MONTHLY, 1, 0.85, 0.89, 0.93, 0.96, 0.98, 0.99),
    WORK_ONLINE_DISTRICT(Moves.MONTHLY, 1, 0.75, 0.81, 0.87, 0.92, 0.96, 0.97),
    WORK_ONLINE_COMMUNE(Moves.MONTHLY, 1, 0.60, 0.66, 0.72, 0.77, 0.82, 0.86),
    /** Eligible public procedures offered online (partly or fully), in readiness order. */
    ONLINE_OFFERED(Moves.YEARLY, ONLINE_ELIGIBLE, 805, 930, 1020, 1075, 1100, 1100),
    /** ... of which offered fully online (never more than those offered at all). */
    FULL_OFFERED(Moves.YEARLY, ONLINE_ELIGIBLE, 300, 460, 620, 760, 860, 950),
    /** Public procedures integrated on the national public-service portal. */
    NATIONAL_PORTAL(Moves.YEARLY, 1, 0.42, 0.55, 0.68, 0.80, 0.88, 0.92),
    /** Procedures offered online that are on the city's portal. */
    CITY_PORTAL_WHEN_OFFERED(Moves.YEARLY, 1, 0.96, 0.97, 0.98, 0.99, 1.0, 1.0),
    /** Fully online procedures offered on smartphones too. */
    MOBILE_WHEN_FULL(Moves.YEARLY, 1, 0.30, 0.45, 0.60, 0.72, 0.85, 0.95),
    /** Internal procedures published. */
    INTERNAL_PUBLISHED(Moves.YEARLY, 1, 0.85, 0.90, 0.94, 0.97, 0.99, 1.0);

    final Moves moves;
    final double upper;
    private final double[] anchors;

    Rate(Moves moves, double upper, double... byYearFrom2021) {
      if (byYearFrom2021.length != LAST_YEAR - FIRST_YEAR + 1) {
        throw new IllegalArgumentException(name() + ": one anchor a year from " + FIRST_YEAR + " to " + LAST_YEAR);
      }
      this.moves = moves;
      this.upper = upper;
      this.anchors = byYearFrom2021;
    }

    /** The anchor of a year from 2021 to 2026. */
    double anchor(int year) {
      return anchors[year - FIRST_YEAR];
    }

    /** At pace 1, in month 1-12 of a year from 2021 to 2026. */
    double documented(int year, int month) {
      if (year == FIRST_YEAR || moves == Moves.YEARLY) {
        return anchor(year);
      }
      return anchor(year - 1) + (anchor(year) - anchor(year - 1)) * month / 12;
    }

    /** At a pace, in month 1-12 of a year from 2021 to 2026, within [0, upper]. */
    double at(int year, int month, double pace) {
      return Math.max(0, Math.min(upper, paced(anchor(FIRST_YEAR), documented(year, month), pace)));
    }
  }

  /** 2021's value plus {@code pace} times the gain over it (2021 itself, at any pace, to the last bit). */
  static double paced(double in2021, double documented, double pace) {
    return in2021 + pace * (documented - in2021);
  }

  /** The rates in force in one month at the instance's pace. */
  static final class Month {
    private final double[] values;
    private final int onlineOffered;
    private final int fullOffered;

    private Month(double[] values) {
      this.values = values;
      this.onlineOffered = (int) Math.round(get(Rate.ONLINE_OFFERED));
      this.fullOffered = (int) Math.min(onlineOffered, Math.round(get(Rate.FULL_OFFERED)));
    }

    double get(Rate r) {
      return values[r.ordinal()];
    }

    double onlineShare(Level l) {
      return get(switch (l) {
        case CITY -> Rate.ONLINE_SHARE_CITY;
        case DISTRICT -> Rate.ONLINE_SHARE_DISTRICT;
        case COMMUNE -> Rate.ONLINE_SHARE_COMMUNE;
      });
    }

    double satisfied(Sector s) {
      return get(s.isLandConstructionInvestment() ? Rate.SATISFIED_LCI : Rate.SATISFIED);
    }

    double workOnline(Level l) {
      return get(switch (l) {
        case CITY -> Rate.WORK_ONLINE_CITY;
        case DISTRICT -> Rate.WORK_ONLINE_DISTRICT;
        case COMMUNE -> Rate.WORK_ONLINE_COMMUNE;
      });
    }

    int onlineOffered() {
      return onlineOffered;
    }

    int fullOffered() {
      return fullOffered;
    }
  }

  final double pace;
  private final Month[] months = new Month[MONTHS];

  /** @param pace 0 or more: 1 the anchors, 0 frozen at 2021, 2 twice the gains */
  Calibration(double pace) {
    if (!(pace >= 0) || Double.isInfinite(pace)) {
      throw new IllegalArgumentException("pace must be a number 0 or more, got " + pace);
    }
    this.pace = pace;
    Rate[] rates = Rate.values();
    for (int i = 0; i < MONTHS; i++) {
      double[] v = new double[rates.length];
      for (Rate r : rates) {
        v[r.ordinal()] = r.at(FIRST_YEAR + i / 12, i % 12 + 1, pace);
      }
      months[i] = new Month(v);
    }
  }

  /** The rates of month 1-12 of a year; before 2021 those of 2021, after 2026 those of its December. */
  Month month(int year, int month) {
    int i = (year - FIRST_YEAR) * 12 + month - 1;
    return months[Math.max(0, Math.min(MONTHS - 1, i))];
  }

  /** The rates of a year's catalogue (its {@link Moves#YEARLY} ones), as its 1 January snapshot has them. */
  Month catalogue(int year) {
    return month(year, 1);
  }

  /** A share reported by hand once a year (feed D) at this pace: 2021's value plus the paced gain, within [0, 1]. */
  double reportedShare(double in2021, double documented) {
    return Math.max(0, Math.min(1, paced(in2021, documented, pace)));
  }

  // --- volume over the calendar ---
  /** Work files per agency and month at --scale 1. */
  static int workFilesPerMonth(Level l) {
    return switch (l) {
      case CITY -> 4200;
      case DISTRICT -> 2600;
      case COMMUNE -> 650;
    };
  }

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
