package vn.hcmc.cchc.reference;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.hcmc.cchc.city.City;
import vn.hcmc.cchc.config.ReferenceCsv;

/**
 * Vietnamese names of the scopes of the gold tables, for people reading them: the city, the three
 * levels, each district (its GSO name in the admin-unit files of {@code conf/reference/admin-units}
 * that have districts) and each agency (its name in the latest agency snapshot that has it). In the
 * kernel because two stages put them before people: marts into {@code gold.target_attainment},
 * serve into the report.
 */
public final class ScopeNames {
  private static final Map<String, String> FIXED = Map.of(
      key(City.Scope.CITY, City.CODE), "Thành phố Hồ Chí Minh",
      key(City.Scope.LEVEL, City.Level.CITY), "Cấp thành phố (sở, ban, ngành)",
      key(City.Scope.LEVEL, City.Level.DISTRICT), "Cấp huyện (quận, huyện, thành phố Thủ Đức)",
      key(City.Scope.LEVEL, City.Level.COMMUNE), "Cấp xã (phường, xã, thị trấn)");
  private static final String ADMIN_UNITS = "admin-units";

  private final Map<String, String> names;

  public ScopeNames(Map<String, String> names) {
    this.names = Map.copyOf(names);
  }

  /**
   * The names known from the reference folder {@code referenceDir} and from {@code agencies} (the
   * rows of {@code silver.agencies}; {@code null} when it does not exist). A district's name comes
   * from every admin-unit file with {@code district_code} and {@code district_name} columns (the
   * merged city of 1 July 2025 has none), the first file by name that has the code winning.
   */
  public static ScopeNames load(Path referenceDir, Dataset<Row> agencies) {
    Map<String, String> names = new HashMap<>(FIXED);
    for (Path file : adminUnitFiles(referenceDir.resolve(ADMIN_UNITS))) {
      for (ReferenceCsv.Line l : ReferenceCsv.read(file)) {
        if (l.values().containsKey("district_code") && l.values().containsKey("district_name")) {
          names.putIfAbsent(key(City.Scope.DISTRICT, l.get("district_code")), l.get("district_name"));
        }
      }
    }
    if (agencies != null) {
      for (Row r : agencies.orderBy(desc("valid_from"))
          .select(col("agency_code"), col("agency_name")).collectAsList()) {
        if (!r.isNullAt(1)) {
          names.putIfAbsent(key(City.Scope.AGENCY, r.getString(0)), r.getString(1));
        }
      }
    }
    return new ScopeNames(names);
  }

  /** The {@code .csv} files of the folder, by name; none when it does not exist. */
  private static List<Path> adminUnitFiles(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
    }
  }

  /** The scope's name, or its code when none is known. */
  public String of(String scopeType, String scopeCode) {
    return names.getOrDefault(key(scopeType, scopeCode), scopeCode);
  }

  private static String key(String scopeType, String scopeCode) {
    return scopeType + "|" + scopeCode;
  }
}
