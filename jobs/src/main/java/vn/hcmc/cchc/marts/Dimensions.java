package vn.hcmc.cchc.marts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import vn.hcmc.cchc.city.City;
import vn.hcmc.cchc.config.ReferenceCsv;
import vn.hcmc.cchc.reference.ReferenceFiles;
import vn.hcmc.cchc.reference.ScopeNames;
import vn.hcmc.cchc.tables.Transform;

/**
 * The dimensions a BI tool joins the marts to for names instead of codes: {@code gold.scope} and
 * {@code gold.sector}. A few hundred rows each, computed on the driver from what the marts job
 * already holds: the intervals of {@code silver.agencies}, the scopes and sectors the marts have
 * rows for, the reference names.
 */
@Transform
final class Dimensions {
  private Dimensions() {}

  /** One row of {@code silver.agencies}: an agency code's values over {@code [from, to)}; {@code to} null while in force. */
  record AgencyInterval(String code, String name, String level, String districtCode, String wardCode,
      LocalDate from, LocalDate to) {}

  /** A scope the marts have rows for, and the first day of its first month with data. */
  record SeenScope(String type, String code, LocalDate firstMonth) {}

  /** One row of {@code gold.scope}, in its declared column order. */
  private record Scope(String type, String code, LocalDate from, LocalDate to, String name, String level,
      String districtCode, String districtName, String wardCode) {
    Scope startingOn(LocalDate start) {
      return new Scope(type, code, start, to, name, level, districtCode, districtName, wardCode);
    }

    Row row(boolean latest) {
      return RowFactory.create(type, code, from, to, name, level, districtCode, districtName, wardCode, latest);
    }
  }

  /**
   * The rows of {@code gold.scope}: each agency interval; each district and level over the span of
   * its agencies' intervals (from the earliest start; open while one of them is, else to the latest
   * end: the district level closes with its last agencies); the city over all of them. A scope of
   * the marts that no interval covers gets one open row from its first month with data, and the
   * first interval of a scope starts no later than its first month with data, so that every month
   * of the marts from there on finds its name while the unit exists. A scope's latest interval is
   * marked ({@code is_latest}): one name per scope. Sorted by scope type (widest first), code, start.
   */
  static List<Row> scopes(List<AgencyInterval> agencies, List<SeenScope> seen, ScopeNames names) {
    List<Scope> scopes = new ArrayList<>();
    List<AgencyInterval> known = agencies.stream().filter(a -> a.code() != null && a.from() != null).toList();
    for (AgencyInterval a : known) {
      scopes.add(new Scope(City.Scope.AGENCY, a.code(), a.from(), a.to(), a.name() == null ? a.code() : a.name(),
          a.level(), a.districtCode(), a.districtCode() == null ? null : names.of(City.Scope.DISTRICT, a.districtCode()),
          a.wardCode()));
    }
    spans(known, AgencyInterval::districtCode).forEach((district, span) -> scopes.add(new Scope(City.Scope.DISTRICT,
        district, span.from(), span.to(), names.of(City.Scope.DISTRICT, district), City.Level.DISTRICT, district,
        names.of(City.Scope.DISTRICT, district), null)));
    spans(known, AgencyInterval::level).forEach((level, span) -> scopes.add(new Scope(City.Scope.LEVEL, level,
        span.from(), span.to(), names.of(City.Scope.LEVEL, level), level, null, null, null)));
    spans(known, a -> City.CODE).forEach((city, span) -> scopes.add(new Scope(City.Scope.CITY, city, span.from(),
        span.to(), names.of(City.Scope.CITY, city), null, null, null, null)));

    Map<String, Scope> first = new HashMap<>();
    for (Scope s : scopes) {
      first.merge(key(s.type(), s.code()), s, (x, y) -> y.from().isBefore(x.from()) ? y : x);
    }
    for (SeenScope s : seen) {
      Scope earliest = first.get(key(s.type(), s.code()));
      if (earliest == null) {
        boolean district = s.type().equals(City.Scope.DISTRICT);
        String name = names.of(s.type(), s.code());
        Scope added = new Scope(s.type(), s.code(), s.firstMonth(), null, name,
            s.type().equals(City.Scope.LEVEL) ? s.code() : district ? City.Level.DISTRICT : null,
            district ? s.code() : null, district ? name : null, null);
        scopes.add(added);
        first.put(key(s.type(), s.code()), added);
      } else if (s.firstMonth().isBefore(earliest.from())) {
        Scope moved = earliest.startingOn(s.firstMonth());
        scopes.set(scopes.indexOf(earliest), moved);
        first.put(key(s.type(), s.code()), moved);
      }
    }
    Map<String, LocalDate> latest = new HashMap<>();
    scopes.forEach(s -> latest.merge(key(s.type(), s.code()), s.from(), (x, y) -> y.isAfter(x) ? y : x));
    return scopes.stream()
        .sorted(Comparator.comparingInt((Scope s) -> widestFirst(s.type())).thenComparing(Scope::code)
            .thenComparing(Scope::from))
        .map(s -> s.row(s.from().equals(latest.get(key(s.type(), s.code()))))).toList();
  }

  /** When a group of agency intervals starts, and ends ({@code null}: one of them is still in force). */
  private record Span(LocalDate from, LocalDate to) {
    Span with(AgencyInterval a) {
      LocalDate start = a.from().isBefore(from) ? a.from() : from;
      LocalDate end = to == null || a.to() == null ? null : a.to().isAfter(to) ? a.to() : to;
      return new Span(start, end);
    }
  }

  /** The span of the intervals of each value of {@code group} (intervals without one left out), by value. */
  private static Map<String, Span> spans(List<AgencyInterval> agencies, Function<AgencyInterval, String> group) {
    Map<String, Span> spans = new LinkedHashMap<>();
    for (AgencyInterval a : agencies) {
      String value = group.apply(a);
      if (value != null) {
        spans.merge(value, new Span(a.from(), a.to()), (old, x) -> old.with(a));
      }
    }
    return spans;
  }

  private static int widestFirst(String scopeType) {
    int i = City.Scope.WIDEST_FIRST.indexOf(scopeType);
    return i < 0 ? City.Scope.WIDEST_FIRST.size() : i;
  }

  private static String key(String type, String code) {
    return type + "|" + code;
  }

  /**
   * The rows of {@code gold.sector}: each line of the sectors file ({@code sector, sector_name,
   * sector_name_en}; a line without one of them fails), then each code of the marts the file does not name, with its code as its names.
   */
  static List<Row> sectors(List<ReferenceCsv.Line> file, Collection<String> seen) {
    List<Row> rows = new ArrayList<>();
    Set<String> named = new java.util.HashSet<>();
    for (ReferenceCsv.Line l : file) {
      String code = l.get("sector");
      if (code.isEmpty() || l.get("sector_name").isEmpty() || l.get("sector_name_en").isEmpty()) {
        throw new IllegalArgumentException(ReferenceFiles.SECTORS + " line " + l.number()
            + ": sector, sector_name and sector_name_en are all required");
      }
      if (named.add(code)) {
        rows.add(RowFactory.create(code, l.get("sector_name"), l.get("sector_name_en")));
      }
    }
    for (String code : new TreeSet<>(seen)) {
      if (named.add(code)) {
        rows.add(RowFactory.create(code, code, code));
      }
    }
    return rows;
  }
}
