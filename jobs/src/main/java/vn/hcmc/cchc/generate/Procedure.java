package vn.hcmc.cchc.generate;

import vn.hcmc.cchc.generate.Calibration.Rate;

/**
 * One procedure of the catalogue; its year-dependent attributes come from its rank or draw against
 * the year's catalogue rates ({@link Calibration#catalogue}).
 */
final class Procedure {
  final Calibration calibration;
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

  Procedure(Calibration calibration, int index, String code, String name, Sector sector, Level level, boolean internal,
      int deadlineWorkingDays) {
    this.calibration = calibration;
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
    Calibration.Month c = calibration.catalogue(year);
    if (readinessRank < c.fullOffered()) {
      return 2;
    }
    return readinessRank < c.onlineOffered() ? 1 : 0;
  }

  boolean published(int year) {
    return !internal || publishRank < Math.round(
        calibration.catalogue(year).get(Rate.INTERNAL_PUBLISHED) * Calibration.INTERNAL_PROCEDURES);
  }

  boolean onCityPortal(int year) {
    return offered(year) > 0 && cityPortalDraw < calibration.catalogue(year).get(Rate.CITY_PORTAL_WHEN_OFFERED);
  }

  boolean onNationalPortal(int year) {
    return !internal && nationalPortalDraw < calibration.catalogue(year).get(Rate.NATIONAL_PORTAL);
  }

  boolean mobileEnabled(int year) {
    return offered(year) == 2 && mobileDraw < calibration.catalogue(year).get(Rate.MOBILE_WHEN_FULL);
  }
}
