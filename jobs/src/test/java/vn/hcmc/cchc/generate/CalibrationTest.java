package vn.hcmc.cchc.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole of 2021 at 0.2% of the city's volume (~36,000 dossiers): the published 2021 figures
 * hold, both in the generator's summary and in what a reader following WAREHOUSE.md finds in the files.
 */
class CalibrationTest {
  @TempDir
  static Path dir;
  static GenerateSummary summary;
  static RawLandingZone zone;
  static RawLandingZone.YearFigures read;

  @BeforeAll
  static void generate() {
    summary = Generated.run(Generated.spec(dir, "2021-01-01", "2021-12-31", 0.002, 2021));
    zone = new RawLandingZone(dir);
    read = zone.figures(2021);
  }

  private static double pct(long num, long den) {
    return 100.0 * num / den;
  }

  @Test
  void volumeIsTheCitysScaledDown() {
    assertThat((double) summary.total().received()).isCloseTo(17_800_000 * 0.002, within(17_800_000 * 0.002 * 0.01));
    assertThat(pct(summary.total().refused(), summary.total().dossiers())).isCloseTo(1.0, within(0.3));
    assertThat(pct(summary.total().registered(), summary.total().dossiers())).isCloseTo(0.5, within(0.25));
  }

  @Test
  void the2021FiguresHoldInTheSummary() {
    GenerateSummary.DossierCounts t = summary.byYear().get(2021);
    assertThat(pct(t.receivedOnline(), t.received())).isCloseTo(18.0, within(1.5));
    assertThat(pct(t.resolved(), t.received())).isCloseTo(97.8, within(1.0));
    assertThat(pct(t.resolvedLate(), t.resolved())).isCloseTo(0.19, within(0.05));
    assertThat(pct(t.lateWithApology(), t.resolvedLate())).isCloseTo(99.3, within(1.0));
    assertThat(pct(t.ratedSatisfied(), t.rated())).isCloseTo(96.0, within(1.0));
    assertThat(pct(t.rated(), t.resolved())).isCloseTo(30.0, within(2.0));
    assertThat(pct(t.eCirculated(), t.interagency())).isCloseTo(65.0, within(3.0));
    assertThat(pct(t.dataReused(), t.priorDocuments())).isCloseTo(55.0, within(3.0));
    assertThat(pct(t.eidVerified(), t.receivedOnline())).isCloseTo(20.0, within(2.0));
  }

  @Test
  void aReaderFollowingTheContractFindsTheSameCounts() {
    GenerateSummary.DossierCounts t = summary.byYear().get(2021);
    assertThat(read.received()).isEqualTo(t.received());
    assertThat(read.receivedOnline()).isEqualTo(t.receivedOnline());
    assertThat(read.receivedFull()).isEqualTo(t.receivedFullOnline());
    assertThat(read.resolved()).isEqualTo(t.resolved());
    assertThat(read.early()).isEqualTo(t.resolvedEarly());
    assertThat(read.onTime()).isEqualTo(t.resolvedOnTime());
    assertThat(read.late()).isEqualTo(t.resolvedLate());
    assertThat(read.lateWithApology()).isEqualTo(t.lateWithApology());
    assertThat(read.withdrawn()).isEqualTo(t.withdrawn());
    assertThat(read.rated()).isEqualTo(t.rated());
    assertThat(read.ratedSatisfied()).isEqualTo(t.ratedSatisfied());
    assertThat(summary.openAtEnd()).isEqualTo(read.received() - read.resolved() - read.withdrawn());
  }

  @Test
  void badRecordsAreAboutTheRequestedShareAndGetTheirIntendedReason() {
    long good = zone.records.stream().filter(r -> r.reason == null).count();
    assertThat(pct(summary.badRecords(), good)).isCloseTo(0.2, within(0.05));
    Map<String, Map<String, Long>> intended = new TreeMap<>();
    summary.badRecordsByFeed().forEach((feed, m) -> m.forEach((reason, n) -> {
      if (n > 0) {
        intended.computeIfAbsent(feed, k -> new TreeMap<>()).put(reason, n);
      }
    }));
    assertThat(zone.rejectedByFeed()).isEqualTo(intended);
  }

  @Test
  void someRejectedRecordsAreLaterSnapshotsOfAcceptedDossiers() {
    Map<String, RawLandingZone.Raw> latest = zone.latest();
    long later = 0;
    for (RawLandingZone.Raw r : zone.records) {
      if (r.reason == null || r.malformed) {
        continue;
      }
      RawLandingZone.Raw accepted = latest.get(r.get("MaHoSo"));
      java.time.LocalDateTime updated = lenient(r.get("NgayCapNhat"));
      if (accepted != null && updated != null && !updated.isBefore(accepted.updated)) {
        later++;
      }
    }
    assertThat(later).isGreaterThan(10);
  }

  private static java.time.LocalDateTime lenient(String s) {
    for (String pattern : new String[] {"yyyyMMddHHmmss", "dd/MM/yyyy HH:mm"}) {
      try {
        return java.time.LocalDateTime.parse(s.trim(), java.time.format.DateTimeFormatter.ofPattern(pattern));
      } catch (java.time.format.DateTimeParseException e) {
        // next
      }
    }
    return null;
  }

  @Test
  void someOlderSnapshotsAreExportedAgainLaterAndSomeLegacyValuesNeedQuoting() throws Exception {
    assertThat(summary.reexportedLines()).isPositive();
    Map<String, Integer> seen = new HashMap<>();
    long repeated = zone.records.stream().filter(r -> r.reason == null)
        .filter(r -> seen.merge(r.get("MaHoSo") + "@" + r.get("NgayCapNhat"), 1, Integer::sum) > 1).count();
    assertThat(repeated).isEqualTo(summary.reexportedLines());
    boolean quoted = false;
    for (Path p : zone.legacyFiles) {
      String text = java.nio.file.Files.readString(p);
      if (text.contains(";\"") && (text.contains("\"\"") || text.contains("; Chi nhánh"))) {
        quoted = true;
        break;
      }
    }
    assertThat(quoted).isTrue();
    assertThat(zone.records).anyMatch(r -> r.reason == null && r.get("HoTen").contains("\n"));
  }

  @Test
  void someLegacyLabelsCarryStraySpacesOrAnotherCase() {
    assertThat(zone.records).filteredOn(r -> r.reason == null && r.feed.equals("legacy"))
        .anyMatch(r -> !r.get("TrangThaiHoSo").equals(r.get("TrangThaiHoSo").trim()))
        .anyMatch(r -> r.get("KenhThucHien").equals(r.get("KenhThucHien").toUpperCase(java.util.Locale.ROOT)))
        .anyMatch(r -> r.get("LienThong").isEmpty())
        .anyMatch(r -> r.get("LienThong").equals("Không"));
  }

  @Test
  void onlineLevelsFollowTheDecreeOfTheirTime() {
    assertThat(zone.records).filteredOn(r -> r.reason == null && r.feed.equals("dvc"))
        .extracting(r -> r.get("MucDoDVC")).containsOnly("", "3", "4");
    assertThat(zone.records).filteredOn(r -> r.reason == null && r.feed.equals("legacy"))
        .extracting(r -> r.get("MucDoDVC").trim().toLowerCase(java.util.Locale.ROOT))
        .containsOnly("", "mức độ 3", "mức độ 4");
  }
}
