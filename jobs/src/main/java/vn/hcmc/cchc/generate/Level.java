package vn.hcmc.cchc.generate;

/** Administrative level of an agency or of the procedures it handles. */
enum Level {
  CITY("city"),
  DISTRICT("district"),
  COMMUNE("commune");

  final String code;

  Level(String code) {
    this.code = code;
  }
}
