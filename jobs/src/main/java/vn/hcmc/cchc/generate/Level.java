package vn.hcmc.cchc.generate;

import vn.hcmc.cchc.city.City;

/** Administrative level of an agency or of the procedures it handles. */
enum Level {
  CITY(City.Level.CITY),
  DISTRICT(City.Level.DISTRICT),
  COMMUNE(City.Level.COMMUNE);

  final String code;

  Level(String code) {
    this.code = code;
  }
}
