package vn.hcmc.cchc.generate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** Everything the lanes share during a run. Built once, read-only afterwards (except the counter). */
final class GenerationContext {
  final GenerateSpec spec;
  final long seed;
  final long fromDay;
  final long toDay;
  final WorkingCalendar cal;
  final AgencyDirectory dir;
  final ProcedureCatalogue catalogue;
  /** The rates of every month at the run's pace: the catalogue's. */
  final Calibration calibration;
  final DossierFactory factory;
  final Formats formats;
  final OutputFiles files;
  final AtomicLong linesWritten = new AtomicLong();
  private final Map<Long, AliasTable> pickers = new HashMap<>();
  private final Map<AgencyDirectory.Period, List<String>> notInForce = new IdentityHashMap<>();

  GenerationContext(GenerateSpec spec, WorkingCalendar cal, AgencyDirectory dir, ProcedureCatalogue catalogue,
      OutputFiles files) {
    this.spec = spec;
    this.seed = spec.seed();
    this.fromDay = spec.from().toEpochDay();
    this.toDay = spec.to().toEpochDay();
    this.cal = cal;
    this.dir = dir;
    this.catalogue = catalogue;
    this.calibration = catalogue.calibration;
    this.factory = new DossierFactory(cal, calibration);
    this.formats = new Formats(cal);
    this.files = files;
    for (int year = spec.from().getYear(); year <= spec.to().getYear(); year++) {
      for (boolean online : new boolean[] {false, true}) {
        for (Level l : new Level[] {Level.DISTRICT, Level.COMMUNE}) {
          put(pickerKey(l, -1, online, year), ProcedureCatalogue.sampler(catalogue.publicOf(l), online, year));
        }
        for (int d = 0; d < dir.departments.size(); d++) {
          put(pickerKey(Level.CITY, d, online, year),
              ProcedureCatalogue.sampler(catalogue.publicOfDepartment(d), online, year));
        }
      }
    }
    Set<String> allCodes = new HashSet<>();
    for (Agency a : dir.all) {
      allCodes.add(a.code);
    }
    for (AgencyDirectory.Period p : dir.periods) {
      Set<String> inForce = new HashSet<>();
      for (Agency a : p.agencies) {
        inForce.add(a.code);
      }
      List<String> missing = new ArrayList<>();
      for (String c : allCodes) {
        if (!inForce.contains(c)) {
          missing.add(c);
        }
      }
      missing.sort(null);
      notInForce.put(p, missing);
    }
  }

  private void put(long key, AliasTable t) {
    if (t != null) {
      pickers.put(key, t);
    }
  }

  private static long pickerKey(Level l, int department, boolean online, int year) {
    return ((long) year * 2 + (online ? 1 : 0)) * 10_000 + l.ordinal() * 1000L + Math.max(0, department);
  }

  /**
   * Procedures an agency draws from for a stream of procedure level {@code l}: a department its own,
   * others the level's; online ones only among those offered online that year. Null when none.
   */
  AliasTable picker(Level l, Agency agency, boolean online, int year) {
    int dept = l == Level.CITY ? agency.departmentOrdinal : -1;
    return pickers.get(pickerKey(l, dept, online, year));
  }

  List<String> agencyCodesNotInForce(AgencyDirectory.Period p) {
    return notInForce.get(p);
  }
}
