package vn.hcmc.cchc.serve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.hcmc.cchc.serve.ReportData.Attainment;
import vn.hcmc.cchc.serve.ReportData.IndexScore;
import vn.hcmc.cchc.serve.ReportData.Trajectory;

/**
 * The report's orderings of {@code gold.target_attainment} rows, apart from how they are drawn so
 * that the tables and the charts rank the same way and tests can check the order without HTML.
 */
final class Ranking {
  private Ranking() {}

  /**
   * A unit's distance from the targets: the mean shortfall over its measured targets (a met target
   * counts 0), how many it misses, and its worst one. The mean, not the worst, ranks the units: a
   * target nobody meets yet (e-ID in 2021) would make every unit's worst gap the same.
   */
  record Worst(Attainment worst, long notMet, long measured, double meanShortfall) {}

  /** The units of {@code rows} that miss a target, furthest first, at most {@code limit}. */
  static List<Worst> furthest(List<Attainment> rows, int limit) {
    Map<String, List<Attainment>> byUnit = new LinkedHashMap<>();
    rows.forEach(a -> byUnit.computeIfAbsent(a.scopeCode(), k -> new ArrayList<>()).add(a));
    List<Worst> out = new ArrayList<>();
    byUnit.forEach((code, unit) -> {
      List<Attainment> measured = unit.stream().filter(a -> a.actual() != null).toList();
      measured.stream().filter(a -> "not_met".equals(a.status()))
          .max(Comparator.comparingDouble(Attainment::shortfall).thenComparing(Attainment::targetId,
              Comparator.reverseOrder()))
          .ifPresent(w -> out.add(new Worst(w, measured.stream().filter(a -> "not_met".equals(a.status())).count(),
              measured.size(), measured.stream().mapToDouble(Attainment::shortfall).sum() / measured.size())));
    });
    out.sort(Comparator.comparingDouble(Worst::meanShortfall).reversed()
        .thenComparing(Comparator.comparingDouble((Worst w) -> w.worst().shortfall()).reversed())
        .thenComparing(w -> unitName(w.worst())));
    return out.subList(0, Math.min(limit, out.size()));
  }

  /** A unit's place among {@code of} units ranked on their service index, 1 the highest. */
  record Ranked(int rank, int of, IndexScore unit) {}

  /**
   * The units ranked on the service index: {@code ranked} highest {@code score_100} first (ties by
   * name, then code), {@code leftOut} those measured on fewer than {@code floor} points, whose score
   * over a few indicators does not compare with one over all of them.
   */
  record IndexRanking(List<Ranked> ranked, List<IndexScore> leftOut) {}

  static IndexRanking onIndex(List<IndexScore> units, double floor) {
    List<IndexScore> kept = new ArrayList<>();
    List<IndexScore> leftOut = new ArrayList<>();
    units.forEach(u -> (u.score100() != null && u.measurableMax() >= floor ? kept : leftOut).add(u));
    kept.sort(Comparator.comparingDouble(IndexScore::score100).reversed().thenComparing(Ranking::unitName)
        .thenComparing(IndexScore::scopeCode));
    List<Ranked> ranked = new ArrayList<>();
    for (int i = 0; i < kept.size(); i++) {
      ranked.add(new Ranked(i + 1, kept.size(), kept.get(i)));
    }
    return new IndexRanking(ranked, leftOut);
  }

  /**
   * The rows flagged {@code at_risk} (met today, missed by the line at the deadline), furthest below
   * the target at the deadline first, then by target and unit.
   */
  static List<Trajectory> atRisk(List<Trajectory> rows) {
    return rows.stream().filter(Trajectory::atRisk)
        .sorted(Comparator.comparingDouble(Trajectory::shortfallAtDeadline).reversed()
            .thenComparing(Trajectory::targetId).thenComparing(Ranking::unitName).thenComparing(Trajectory::scopeCode))
        .toList();
  }

  /** As the city's targets are listed: not met (furthest first), met, no data. */
  static List<Attainment> worstFirst(List<Attainment> rows) {
    List<String> order = List.of("not_met", "met", "no_data");
    List<Attainment> out = new ArrayList<>(rows);
    out.sort(Comparator.comparingInt((Attainment a) -> order.indexOf(a.status()))
        .thenComparing(Comparator.comparingDouble(Attainment::shortfall).reversed())
        .thenComparing(Attainment::targetId));
    return out;
  }

  /** The scope's name, with its district for a commune ("Phường 1" is in many districts). */
  static String unitName(Attainment a) {
    return withDistrict(a.scopeName(), a.district());
  }

  static String unitName(IndexScore u) {
    return withDistrict(u.name(), u.district());
  }

  static String unitName(Trajectory t) {
    return withDistrict(t.scopeName(), t.district());
  }

  private static String withDistrict(String name, String district) {
    return district == null ? name : name + ", " + district;
  }
}
