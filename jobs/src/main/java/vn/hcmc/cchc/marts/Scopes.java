package vn.hcmc.cchc.marts;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import org.apache.spark.sql.Column;
import vn.hcmc.cchc.city.City;
import vn.hcmc.cchc.tables.Transform;

/** The roll-up of WAREHOUSE.md that every gold table shares: agency, district, level, city. */
@Transform
final class Scopes {
  private Scopes() {}

  /**
   * For a row with {@code agency_code}, {@code district_code} and {@code level}: an array of its
   * four ({@code scope_type}, {@code scope_code}) structs, to {@code inline}. The district struct's
   * code is {@code NULL} for an agency in no district (a city department); drop those rows.
   */
  static Column ofAgency() {
    return array(
        struct(lit(City.Scope.AGENCY).as("scope_type"), col("agency_code").as("scope_code")),
        struct(lit(City.Scope.DISTRICT).as("scope_type"), col("district_code").as("scope_code")),
        struct(lit(City.Scope.LEVEL).as("scope_type"), col("level").as("scope_code")),
        struct(lit(City.Scope.CITY).as("scope_type"), lit(City.CODE).as("scope_code")));
  }
}
