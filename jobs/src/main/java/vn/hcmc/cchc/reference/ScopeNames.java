package vn.hcmc.cchc.reference;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import vn.hcmc.cchc.city.City;
import vn.hcmc.cchc.config.ReferenceCsv;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * Vietnamese names of the scopes of the gold tables, for people reading them: the city, the three
 * levels, each district (GSO names from {@code conf/reference/admin-units}) and each agency (its
 * name in the latest agency snapshot that has it). In the kernel because two stages put them before
 * people: marts into {@code gold.target_attainment}, serve into the report.
 */
public final class ScopeNames {
  private static final Map<String, String> FIXED = Map.of(
      key(City.Scope.CITY, City.CODE), "Thành phố Hồ Chí Minh",
      key(City.Scope.LEVEL, City.Level.CITY), "Cấp thành phố (sở, ban, ngành)",
      key(City.Scope.LEVEL, City.Level.DISTRICT), "Cấp huyện (quận, huyện, thành phố Thủ Đức)",
      key(City.Scope.LEVEL, City.Level.COMMUNE), "Cấp xã (phường, xã, thị trấn)");
  /** Admin-unit files that name districts (the merged city of 1 July 2025 has none). */
  private static final List<String> DISTRICT_FILES =
      List.of("hcmc-2021-2024.csv", "hcmc-2025-01-01_2025-06-30.csv");

  private final Map<String, String> names;

  public ScopeNames(Map<String, String> names) {
    this.names = Map.copyOf(names);
  }

  /** The names known from the reference folder and {@code silver.agencies} (if it exists). */
  public static ScopeNames load(Warehouse warehouse, Path referenceDir) {
    Map<String, String> names = new HashMap<>(FIXED);
    for (String f : DISTRICT_FILES) {
      Path file = referenceDir.resolve("admin-units").resolve(f);
      if (Files.exists(file)) {
        for (ReferenceCsv.Line l : ReferenceCsv.read(file)) {
          names.putIfAbsent(key(City.Scope.DISTRICT, l.get("district_code")), l.get("district_name"));
        }
      }
    }
    if (warehouse.exists(Table.SILVER_AGENCIES)) {
      for (Row r : warehouse.read(Table.SILVER_AGENCIES).orderBy(desc("valid_from"))
          .select(col("agency_code"), col("agency_name")).collectAsList()) {
        if (!r.isNullAt(1)) {
          names.putIfAbsent(key(City.Scope.AGENCY, r.getString(0)), r.getString(1));
        }
      }
    }
    return new ScopeNames(names);
  }

  /** The scope's name, or its code when none is known. */
  public String of(String scopeType, String scopeCode) {
    return names.getOrDefault(key(scopeType, scopeCode), scopeCode);
  }

  private static String key(String scopeType, String scopeCode) {
    return scopeType + "|" + scopeCode;
  }
}
