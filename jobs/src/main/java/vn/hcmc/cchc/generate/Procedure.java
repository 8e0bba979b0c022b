package vn.hcmc.cchc.generate;

/** One procedure of the catalogue; its year-dependent attributes come from {@link ProcedureCatalogue}. */
final class Procedure {
  final int index;
  final String code;
  final String name;
  final Sector sector;
  final Level level;
  final boolean internal;
  final int deadlineWorkingDays;
  /** Volume share within its level (public procedures; 0 for internal ones). */
  double popularity;
  /** Rank in the order in which eligible procedures went online; -1 when not eligible. */
  int readinessRank = -1;
  /** Rank in the order in which internal procedures got published; -1 for public ones. */
  int publishRank = -1;
  double cityPortalDraw;
  double nationalPortalDraw;
  double mobileDraw;
  /** City-level procedures: the department that handles them (index in AgencyDirectory.departments). */
  int owner = -1;

  Procedure(int index, String code, String name, Sector sector, Level level, boolean internal,
      int deadlineWorkingDays) {
    this.index = index;
    this.code = code;
    this.name = name;
    this.sector = sector;
    this.level = level;
    this.internal = internal;
    this.deadlineWorkingDays = deadlineWorkingDays;
  }

  boolean eligible() {
    return readinessRank >= 0;
  }

  /** 0 none, 1 partial, 2 full. */
  int offered(int year) {
    if (readinessRank < 0) {
      return 0;
    }
    if (readinessRank < Calibration.fullOffered(year)) {
      return 2;
    }
    return readinessRank < Calibration.onlineOffered(year) ? 1 : 0;
  }

  boolean published(int year) {
    return !internal
        || publishRank < Math.round(Calibration.internalPublished(year) * Calibration.INTERNAL_PROCEDURES);
  }

  boolean onCityPortal(int year) {
    return offered(year) > 0 && cityPortalDraw < Calibration.cityPortalWhenOffered(year);
  }

  boolean onNationalPortal(int year) {
    return !internal && nationalPortalDraw < Calibration.nationalPortal(year);
  }

  boolean mobileEnabled(int year) {
    return offered(year) == 2 && mobileDraw < Calibration.mobileWhenFull(year);
  }
}
