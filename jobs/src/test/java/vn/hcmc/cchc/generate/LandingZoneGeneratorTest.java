package vn.hcmc.cchc.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One generated week across a month boundary, read back as the warehouse would read it. */
class LandingZoneGeneratorTest {
  @TempDir
  static Path dir;
  static GenerateSummary summary;
  static RawLandingZone zone;

  @BeforeAll
  static void generate() {
    summary = Generated.run(Generated.spec(dir, "2021-03-29", "2021-04-04", 0.0005, 11));
    zone = new RawLandingZone(dir);
  }

  @Test
  void writesEveryFeedWhereRawMdPutsIt() {
    assertThat(dir.resolve("cases/dvc/2021/03/29")).isDirectory();
    assertThat(zone.dvcFiles).allMatch(p -> p.getFileName().toString().endsWith(".jsonl.gz"));
    assertThat(zone.legacyFiles).isNotEmpty().allMatch(p -> p.getFileName().toString().endsWith(".csv"));
    assertThat(dir.resolve("reference/agencies/2021-01-01.csv")).isRegularFile();
    assertThat(dir.resolve("reference/procedures/2021-01-01.csv")).isRegularFile();
    assertThat(dir.resolve("work/2021/03.csv")).isRegularFile();
    assertThat(dir.resolve("work/2021/04.csv")).isRegularFile();
    assertThat(dir.resolve("indicators/2021.csv")).isRegularFile();
    assertThat(dir.resolve("_generate/summary.json")).isRegularFile();
    assertThat(dir.resolve("cases/dvc/2021/04/05")).doesNotExist();
    // + agencies, procedures, two months of work files, indicators, summary
    assertThat(summary.files()).isEqualTo(zone.dvcFiles.size() + zone.legacyFiles.size() + 6);
    assertThat(summary.lines()).isEqualTo(zone.records.size());
  }

  @Test
  void everyJsonLineParsesExceptTheIntendedMalformedOnes() {
    long malformed = zone.records.stream().filter(r -> r.feed.equals("dvc") && r.malformed).count();
    assertThat(malformed).isEqualTo(summary.badRecordsByFeed().get("dvc").get("malformed_record")).isPositive();
    Pattern date = Pattern.compile("\\d{14}");
    for (RawLandingZone.Raw r : zone.records) {
      if (r.feed.equals("dvc") && r.reason == null) {
        assertThat(r.get("NgayTiepNhan")).matches(date);
        assertThat(r.get("NgayCapNhat")).matches(date);
      }
    }
  }

  @Test
  void legacyFilesHaveTheExactHeaderInNfcOrNfdWithOrWithoutBom() throws IOException {
    String nfd = Normalizer.normalize(RawLandingZone.LEGACY_HEADER, Normalizer.Form.NFD);
    int bom = 0;
    int nfdFiles = 0;
    for (Path p : zone.legacyFiles) {
      byte[] b = Files.readAllBytes(p);
      boolean hasBom = b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF;
      String text = new String(b, StandardCharsets.UTF_8).substring(hasBom ? 1 : 0);
      String header = text.substring(0, text.indexOf('\n'));
      assertThat(header).isIn(RawLandingZone.LEGACY_HEADER, nfd);
      bom += hasBom ? 1 : 0;
      nfdFiles += header.equals(nfd) ? 1 : 0;
    }
    int n = zone.legacyFiles.size();
    assertThat(bom).isBetween(1, n - 1);
    assertThat(nfdFiles).isBetween(1, n - 1);
  }

  @Test
  void everyQuarantineReasonIsWrittenToBothFeedsAndIsTheReasonTheRulesGive() {
    Map<String, Map<String, Long>> intended = new TreeMap<>();
    summary.badRecordsByFeed().forEach((feed, m) -> m.forEach((reason, n) -> {
      if (n > 0) {
        intended.computeIfAbsent(feed, k -> new TreeMap<>()).put(reason, n);
      }
    }));
    assertThat(zone.rejectedByFeed()).isEqualTo(intended);
    for (String feed : List.of("dvc", "legacy")) {
      assertThat(intended.get(feed).keySet()).containsExactlyInAnyOrder(
          Arrays.stream(BadReason.values()).map(r -> r.code).toArray(String[]::new));
    }
  }

  @Test
  void aDossierHasOneToThreeSnapshotsAndAClosedOneTwoOrThree() {
    Map<String, Set<java.time.LocalDateTime>> snapshots = new HashMap<>();
    for (RawLandingZone.Raw r : zone.records) {
      if (r.reason == null) {
        snapshots.computeIfAbsent(r.get("MaHoSo"), k -> new HashSet<>()).add(r.updated);
      }
    }
    Map<String, RawLandingZone.Raw> latest = zone.latest();
    assertThat(snapshots.values()).allSatisfy(s -> assertThat(s.size()).isBetween(1, 3));
    long closed = 0;
    long total = 0;
    for (Map.Entry<String, RawLandingZone.Raw> e : latest.entrySet()) {
      int status = e.getValue().status;
      if (status == 10 || status == 7 || status == 8) {
        int n = snapshots.get(e.getKey()).size();
        assertThat(n).isBetween(2, 3);
        closed++;
        total += n;
      }
    }
    assertThat(closed).isGreaterThan(20);
    assertThat((double) total / closed).isBetween(2.0, 2.8);
  }

  @Test
  void someExportersLeaveOutFalseBooleansAndEmptyValuesAndOthersWriteThem() {
    assertThat(zone.records).anyMatch(r -> r.feed.equals("dvc") && r.reason == null && !r.v.containsKey("LienThong"));
    assertThat(zone.records).anyMatch(r -> r.feed.equals("dvc") && r.reason == null
        && "false".equals(r.v.get("LienThong")) && "".equals(r.v.get("NgayTra")));
  }

  @Test
  void dossierCodesNameTheAgencyAndTheReceiptDay() {
    Set<String> codes = new HashSet<>();
    for (RawLandingZone.Raw r : zone.records) {
      if (r.reason != null) {
        continue;
      }
      String code = r.get("MaHoSo");
      String yymmdd = r.get("NgayTiepNhan").length() == 14 ? r.get("NgayTiepNhan").substring(2, 8)
          : r.received.format(java.time.format.DateTimeFormatter.ofPattern("yyMMdd"));
      assertThat(code).startsWith(r.get("MaDonVi").trim() + "-" + yymmdd + "-").matches(".*-\\d{4,}");
      codes.add(code);
    }
    assertThat(codes).hasSize(zone.latest().size());
  }

  @Test
  void applicantsLookVietnameseAndWellFormed() {
    Pattern name = Pattern.compile("\\p{L}+( \\p{L}+)+.*", Pattern.DOTALL);
    for (RawLandingZone.Raw r : zone.records) {
      if (r.reason != null) {
        continue;
      }
      assertThat(r.get("HoTen").trim()).matches(name);
      assertThat(r.get("SoDinhDanh")).matches("\\d{12}|\\d{10}|\\d{13}");
      assertThat(r.get("SoDienThoai")).matches("0[35789]\\d{8}");
    }
    assertThat(zone.records).anyMatch(r -> r.get("HoTen").startsWith("Nguyễn "));
  }

  @Test
  void someDossiersArriveJustBeforeAndJustAfterMidnightAtTheMonthBoundary() {
    assertThat(zone.records).anyMatch(r -> r.reason == null && r.received.toLocalDate().toString().equals("2021-03-31")
        && r.received.getHour() == 23);
    assertThat(zone.records).anyMatch(r -> r.reason == null && r.received.toLocalDate().toString().equals("2021-04-01")
        && r.received.getHour() == 0);
  }

  @Test
  void workAndIndicatorFeedsHaveTheirContractColumns() throws IOException {
    List<String> work = Files.readAllLines(dir.resolve("work/2021/03.csv"));
    assertThat(work.get(0)).isEqualTo("agency_code,total,processed_online,classified");
    assertThat(work).hasSize(1 + 24 + 22 + 312);
    for (String line : work.subList(1, work.size())) {
      String[] f = line.split(",");
      int total = Integer.parseInt(f[1]);
      assertThat(Integer.parseInt(f[2])).isBetween(0, total - Integer.parseInt(f[3]));
    }
    List<String> ind = Files.readAllLines(dir.resolve("indicators/2021.csv"));
    assertThat(ind.get(0)).isEqualTo("target_id,year,scope_code,numerator,denominator,note");
    long indicatorTargets = Files.readAllLines(Generated.REFERENCE.resolve("targets.csv")).stream()
        .filter(l -> l.contains(",indicators,")).count();
    assertThat(ind.subList(1, ind.size())).hasSize((int) indicatorTargets).allMatch(l -> l.contains(",2021,HCM,"));
  }

  @Test
  void summaryJsonIsWritten() throws IOException {
    String json = Files.readString(dir.resolve("_generate/summary.json"));
    assertThat(json).contains("\"badRecordsByReason\"", "\"malformed_record\"", "\"received\"");
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("lines").asLong())
        .isEqualTo(summary.lines());
  }
}
