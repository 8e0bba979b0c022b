package vn.hcmc.cchc.generate;

/**
 * One agency as it stands in one period of the agency snapshots. {@code index} is unique over all
 * periods (a commune that keeps its code across periods appears once per period).
 */
final class Agency {
  final int index;
  final String code;
  final String name;
  final Level level;
  final String districtCode; // "" when none
  final String wardCode; // "" when none
  final boolean legacy; // exports feed B instead of feed A
  final String lane;
  double weight; // relative dossier volume within its level
  int departmentOrdinal = -1; // departments: row of departments.csv

  Agency(int index, String code, String name, Level level, String districtCode, String wardCode,
      boolean legacy, String lane, double weight) {
    this.index = index;
    this.code = code;
    this.name = name;
    this.level = level;
    this.districtCode = districtCode;
    this.wardCode = wardCode;
    this.legacy = legacy;
    this.lane = lane;
    this.weight = weight;
  }

  @Override
  public String toString() {
    return code + " " + name;
  }
}
