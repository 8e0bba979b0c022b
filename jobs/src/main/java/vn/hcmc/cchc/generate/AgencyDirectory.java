package vn.hcmc.cchc.generate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The agencies of each period of the city's administrative units: the departments of
 * {@code departments.csv}, one People's Committee per district and one per commune.
 *
 * <p>Codes: departments {@code 000.NN.00.H29}, district committees {@code 000.00.<district>.H29},
 * communes {@code <ward>.<district or 000>.H29}. A ward code that survives into a later period keeps
 * the code it had first.
 */
final class AgencyDirectory {
  /**
   * Files a day, by --scale: feed A up to two for the departments and eight by group of districts,
   * feed B up to six by group of districts (from July 2025, of communes). Small runs write fewer,
   * fuller files (at scale 0.002 sixteen files a day would hold a dozen lines each); from 0.04 on, all.
   */
  final int departmentLanes;
  final int districtLanes;
  final int legacyLanes;

  /** One period of validity of an agency snapshot. */
  static final class Period {
    final LocalDate start;
    final LocalDate end; // inclusive; LocalDate.MAX when open
    final boolean hasDistricts;
    final List<Agency> agencies = new ArrayList<>();
    final List<Agency> departments = new ArrayList<>();
    final List<Agency> districts = new ArrayList<>();
    final List<Agency> communes = new ArrayList<>();

    Period(LocalDate start, LocalDate end, boolean hasDistricts) {
      this.start = start;
      this.end = end;
      this.hasDistricts = hasDistricts;
    }

    boolean contains(LocalDate d) {
      return !d.isBefore(start) && !d.isAfter(end);
    }

    /** Agencies that receive dossiers of procedures of {@code level} in this period. */
    List<Agency> handlersOf(Level level) {
      return switch (level) {
        case CITY -> departments;
        case DISTRICT -> hasDistricts ? districts : communes;
        case COMMUNE -> communes;
      };
    }
  }

  record Department(String code, String name, List<Sector> sectors) {}

  static final LocalDate P2_START = LocalDate.of(2025, 1, 1);
  static final LocalDate P3_START = LocalDate.of(2025, 7, 1);

  final List<Period> periods = new ArrayList<>();
  final List<Agency> all = new ArrayList<>();
  final List<Department> departments;

  AgencyDirectory(Path referenceDir, long seed, double legacyShareOfCommunes) {
    this(referenceDir, seed, legacyShareOfCommunes, 1.0);
  }

  AgencyDirectory(Path referenceDir, long seed, double legacyShareOfCommunes, double scale) {
    departmentLanes = scale >= 0.01 ? 2 : 1;
    districtLanes = (int) Math.max(1, Math.min(8, Math.ceil(scale * 200)));
    legacyLanes = (int) Math.max(1, Math.min(6, Math.ceil(scale * 150)));
    departments = loadDepartments(referenceDir.resolve("departments.csv"));
    Path units = referenceDir.resolve("admin-units");
    Map<String, String> firstCode = new LinkedHashMap<>();
    Period p1 = new Period(LocalDate.of(2021, 1, 1), P2_START.minusDays(1), true);
    Period p2 = new Period(P2_START, P3_START.minusDays(1), true);
    Period p3 = new Period(P3_START, LocalDate.MAX, false);
    buildWithDistricts(p1, Csv.readWithHeader(units.resolve("hcmc-2021-2024.csv")), seed,
        legacyShareOfCommunes, firstCode);
    buildWithDistricts(p2, Csv.readWithHeader(units.resolve("hcmc-2025-01-01_2025-06-30.csv")), seed,
        legacyShareOfCommunes, firstCode);
    buildMerged(p3, Csv.readWithHeader(units.resolve("hcmc-from-2025-07-01.csv")), seed,
        legacyShareOfCommunes, firstCode);
    periods.add(p1);
    periods.add(p2);
    periods.add(p3);
  }

  /** The period in force on a day; days before 2021 use the 2021-2024 units. */
  Period periodOf(LocalDate day) {
    for (Period p : periods) {
      if (p.contains(day)) {
        return p;
      }
    }
    return periods.get(0);
  }

  /** The periods in force on some day of [from, to], in order. */
  List<Period> periodsUsed(LocalDate from, LocalDate to) {
    List<Period> used = new ArrayList<>();
    for (Period p : periods) {
      boolean overlaps = !p.start.isAfter(to) && !p.end.isBefore(from);
      boolean before = p == periods.get(0) && from.isBefore(p.start);
      if (overlaps || before) {
        used.add(p);
      }
    }
    return used;
  }

  private static List<Department> loadDepartments(Path file) {
    List<Department> out = new ArrayList<>();
    for (Map<String, String> row : Csv.readWithHeader(file)) {
      List<Sector> sectors = new ArrayList<>();
      for (String s : row.get("sectors").split(";")) {
        if (!s.isBlank()) {
          sectors.add(Sector.ofCode(s));
        }
      }
      out.add(new Department(row.get("agency_code").trim(), row.get("agency_name").trim(),
          List.copyOf(sectors)));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no departments in " + file);
    }
    return out;
  }

  private void addDepartments(Period p) {
    for (int i = 0; i < departments.size(); i++) {
      Department d = departments.get(i);
      Agency a = new Agency(all.size(), d.code(), d.name(), Level.CITY, "", "", false,
          dvcLane(i % departmentLanes), 0.0);
      a.departmentOrdinal = i;
      all.add(a);
      p.agencies.add(a);
      p.departments.add(a);
    }
  }

  private void buildWithDistricts(Period p, List<Map<String, String>> rows, long seed, double legacyShare,
      Map<String, String> firstCode) {
    addDepartments(p);
    Map<String, String> districtNames = new LinkedHashMap<>();
    Map<String, Integer> communesPerDistrict = new LinkedHashMap<>();
    for (Map<String, String> r : rows) {
      districtNames.putIfAbsent(r.get("district_code").trim(), r.get("district_name").trim());
      communesPerDistrict.merge(r.get("district_code").trim(), 1, Integer::sum);
    }
    List<String> districtCodes = new ArrayList<>(districtNames.keySet());
    Collections.sort(districtCodes);
    Map<String, Integer> districtOrdinal = new LinkedHashMap<>();
    for (String dc : districtCodes) {
      districtOrdinal.put(dc, districtOrdinal.size());
      SplittableRandom r = Seeds.rng(Seeds.CITY, "district-weight", Long.parseLong(dc));
      double w = Math.pow(communesPerDistrict.get(dc), 0.6) * Math.exp(0.35 * r.nextGaussian());
      Agency a = new Agency(all.size(), "000.00." + dc + ".H29", "UBND " + districtNames.get(dc),
          Level.DISTRICT, dc, "", false, dvcLane(departmentLanes + districtOrdinal.get(dc) % districtLanes), w);
      all.add(a);
      p.agencies.add(a);
      p.districts.add(a);
    }
    List<Map<String, String>> sorted = new ArrayList<>(rows);
    sorted.sort((x, y) -> x.get("ward_code").trim().compareTo(y.get("ward_code").trim()));
    for (Map<String, String> r : sorted) {
      String dc = r.get("district_code").trim();
      String wc = r.get("ward_code").trim();
      String code = firstCode.computeIfAbsent(wc, k -> wc + "." + dc + ".H29");
      boolean legacy = Seeds.unit(seed, "legacy", Long.parseLong(wc)) < legacyShare;
      String lane = legacy ? legacyLane(districtOrdinal.get(dc) % legacyLanes)
          : dvcLane(departmentLanes + districtOrdinal.get(dc) % districtLanes);
      Agency a = new Agency(all.size(), code, "UBND " + r.get("ward_name").trim(), Level.COMMUNE, dc, wc,
          legacy, lane, communeWeight(wc));
      all.add(a);
      p.agencies.add(a);
      p.communes.add(a);
    }
  }

  private void buildMerged(Period p, List<Map<String, String>> rows, long seed, double legacyShare,
      Map<String, String> firstCode) {
    addDepartments(p);
    List<Map<String, String>> sorted = new ArrayList<>(rows);
    sorted.sort((x, y) -> x.get("ward_code").trim().compareTo(y.get("ward_code").trim()));
    int i = 0;
    for (Map<String, String> r : sorted) {
      String wc = r.get("ward_code").trim();
      String code = firstCode.computeIfAbsent(wc, k -> wc + ".000.H29");
      boolean legacy = Seeds.unit(seed, "legacy", Long.parseLong(wc)) < legacyShare;
      String lane = legacy ? legacyLane(i % legacyLanes) : dvcLane(departmentLanes + i % districtLanes);
      // merged communes are about twice as large as the old ones on average
      Agency a = new Agency(all.size(), code, "UBND " + r.get("ward_name").trim(), Level.COMMUNE, "", wc,
          legacy, lane, 2.0 * communeWeight(wc));
      all.add(a);
      p.agencies.add(a);
      p.communes.add(a);
      i++;
    }
  }

  private static double communeWeight(String wardCode) {
    SplittableRandom r = Seeds.rng(Seeds.CITY, "commune-weight", Long.parseLong(wardCode));
    return Math.exp(0.5 * r.nextGaussian());
  }

  static String dvcLane(int i) {
    return String.format("dvc-%02d", i);
  }

  static String legacyLane(int i) {
    return String.format("legacy-%02d", i);
  }

  /** The file name (effective date) of a period's snapshot when the run starts at {@code from}. */
  LocalDate snapshotDate(Period p, LocalDate from) {
    return p == periods.get(0) && from.isBefore(p.start) ? from : p.start;
  }
}
