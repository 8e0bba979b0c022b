package vn.hcmc.cchc.marts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.config.ReferenceCsv;
import vn.hcmc.cchc.support.Fixtures;

class TargetTest {
  private static final String HEADER =
      "target_id,phase,metric,scope_filter,comparator,threshold,threshold_high,measured_from,text_en\n";

  private static ReformTarget one(String row) {
    return ReformTarget.parse(ReferenceCsv.parse(HEADER + row + "\n", "t.csv"), "t.csv").get(0);
  }

  @Test
  void theShippedTargetsAllLoadWithTheirSourcesAndFilters() {
    List<ReformTarget> all = ReformTarget.load(Fixtures.REFERENCE.resolve("targets.csv"));
    assertThat(all).hasSize(25);
    ReformTarget lci = all.stream().filter(t -> t.id().equals("T25_SATISFACTION_LCI")).findFirst().orElseThrow();
    assertThat(lci.filterColumn()).isEqualTo("sector");
    assertThat(lci.filterValues()).containsExactly("land", "construction", "investment");
    ReformTarget intl = all.stream().filter(t -> t.id().equals("T30_INTL_DEPARTMENT")).findFirst().orElseThrow();
    assertThat(intl.comparator()).isEqualTo("between");
    assertThat(intl.thresholdHigh()).isEqualByComparingTo("35");
    assertThat(all.stream().filter(t -> t.measuredFrom().equals("indicators"))).hasSize(8);
  }

  @Test
  void greaterThanIsStrictAndComparedWithoutRounding() {
    ReformTarget over80 = one("X,2025,e_circulation_rate,,gt,80,,cases,x");
    assertThat(over80.met(80, 100)).isFalse();
    assertThat(over80.met(4, 5)).isFalse();                 // exactly 80%
    assertThat(over80.met(800_001, 1_000_000)).isTrue();    // 80.0001%
  }

  @Test
  void atLeastAcceptsTheThresholdItself() {
    ReformTarget all = one("X,2025,eid_rate,,ge,100,,cases,x");
    assertThat(all.met(7, 7)).isTrue();
    assertThat(all.met(999_999, 1_000_000)).isFalse();       // 99.9999% is not 100%
    ReformTarget ninetySeven = one("X,2030,satisfaction_rate,,ge,97,,cases,x");
    assertThat(ninetySeven.met(97, 100)).isTrue();
    assertThat(ninetySeven.met(96, 99)).isFalse();           // 96.97%
  }

  @Test
  void betweenIncludesBothEnds() {
    ReformTarget band = one("X,2030,indicator,,between,25,35,indicators,x");
    assertThat(band.met(1, 4)).isTrue();                     // 25
    assertThat(band.met(35, 100)).isTrue();                  // 35
    assertThat(band.met(24, 100)).isFalse();
    assertThat(band.met(36, 100)).isFalse();
  }

  @Test
  void aRowThatCannotBeJudgedFailsNamingItsLineAndOneThatCannotBeMeasuredIsKept() {
    assertThatThrownBy(() -> one("X,2025,eid_rate,,gte,100,,cases,x"))
        .hasMessageContaining("t.csv line 2").hasMessageContaining("gte");
    assertThat(one("X,2025,work_online_rate,,ge,100,,cases,x").unmeasurable())
        .isEqualTo("metric 'work_online_rate' is not measured from cases");
    assertThatThrownBy(() -> one("X,2025,indicator,,between,25,,indicators,x"))
        .hasMessageContaining("threshold_high");
    assertThat(one("X,2025,work_online_rate,sector in (land),ge,100,,work,x").unmeasurable())
        .isEqualTo("a sector filter cannot apply to work");
    assertThat(one("X,2025,eid_rate,,ge,100,,cases,x").unmeasurable()).isNull();
  }
}
