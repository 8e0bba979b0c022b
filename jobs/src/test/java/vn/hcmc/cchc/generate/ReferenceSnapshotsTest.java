package vn.hcmc.cchc.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agency and procedure snapshots: the real units of each period, and the 2021 catalogue exactly. */
class ReferenceSnapshotsTest {
  @TempDir
  static Path dir2021;
  @TempDir
  static Path dir2025;

  @BeforeAll
  static void generate() {
    Generated.run(Generated.spec(dir2021, "2021-03-01", "2021-03-02", 0.0001, 5));
    Generated.run(Generated.spec(dir2025, "2025-06-30", "2025-07-01", 0.0001, 5));
  }

  private static List<List<String>> rows(Path csv) throws IOException {
    List<List<String>> out = new ArrayList<>();
    for (List<String> r : Csv.parse(Files.readString(csv), ',')) {
      out.add(r);
    }
    return out;
  }

  private static long count(List<List<String>> rows, int column, String value) {
    return rows.stream().skip(1).filter(r -> r.get(column).equals(value)).count();
  }

  @Test
  void aRunFromMarchWritesTheSnapshotInForceSinceJanuary() throws IOException {
    try (var s = Files.list(dir2021.resolve("reference/agencies"))) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("2021-01-01.csv");
    }
    try (var s = Files.list(dir2021.resolve("reference/procedures"))) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("2021-01-01.csv");
    }
  }

  @Test
  void agencies2021AreTheDepartmentsAnd22DistrictsAnd312Communes() throws IOException {
    List<List<String>> rows = rows(dir2021.resolve("reference/agencies/2021-01-01.csv"));
    assertThat(rows.get(0)).containsExactly("agency_code", "agency_name", "level", "district_code", "ward_code");
    long departments = Files.readAllLines(Generated.REFERENCE.resolve("departments.csv")).size() - 1;
    assertThat(departments).isBetween(20L, 30L);
    assertThat(count(rows, 2, "city")).isEqualTo(departments);
    assertThat(count(rows, 2, "district")).isEqualTo(22);
    assertThat(count(rows, 2, "commune")).isEqualTo(312);
    assertThat(rows.stream().skip(1).map(r -> r.get(0))).doesNotHaveDuplicates().allMatch(c -> c.endsWith(".H29"));
    for (List<String> r : rows.subList(1, rows.size())) {
      switch (r.get(2)) {
        case "city" -> assertThat(r.get(0)).matches("000\\.\\d{2}\\.00\\.H29");
        case "district" -> {
          assertThat(r.get(0)).isEqualTo("000.00." + r.get(3) + ".H29");
          assertThat(r.get(1)).matches("UBND (Quận|Huyện|Thành phố) .+");
        }
        default -> {
          assertThat(r.get(0)).isEqualTo(r.get(4) + "." + r.get(3) + ".H29");
          assertThat(r.get(1)).matches("UBND (Phường|Xã|Thị trấn) .+");
        }
      }
    }
    assertThat(rows).anyMatch(r -> r.get(1).equals("UBND Thành phố Thủ Đức"));
    assertThat(rows).anyMatch(r -> r.get(1).equals("Sở Tư pháp"));
  }

  @Test
  void from1July2025ThereAreNoDistrictsAnd168Communes() throws IOException {
    try (var s = Files.list(dir2025.resolve("reference/agencies"))) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("2025-01-01.csv",
          "2025-07-01.csv");
    }
    List<List<String>> h1 = rows(dir2025.resolve("reference/agencies/2025-01-01.csv"));
    assertThat(count(h1, 2, "district")).isEqualTo(22);
    assertThat(count(h1, 2, "commune")).isEqualTo(273);
    List<List<String>> h2 = rows(dir2025.resolve("reference/agencies/2025-07-01.csv"));
    assertThat(count(h2, 2, "district")).isZero();
    assertThat(count(h2, 2, "commune")).isEqualTo(168);
    assertThat(h2.stream().skip(1).filter(r -> r.get(2).equals("commune"))).allMatch(r -> r.get(3).isEmpty());
    // a ward code that survives keeps its agency code
    Map<String, String> before = new HashMap<>();
    h1.stream().skip(1).filter(r -> r.get(2).equals("commune")).forEach(r -> before.put(r.get(4), r.get(0)));
    long kept = 0;
    for (List<String> r : h2.subList(1, h2.size())) {
      if (before.containsKey(r.get(4))) {
        assertThat(r.get(0)).isEqualTo(before.get(r.get(4)));
        kept++;
      } else if (r.get(2).equals("commune")) {
        assertThat(r.get(0)).isEqualTo(r.get(4) + ".000.H29");
      }
    }
    assertThat(kept).isPositive();
  }

  @Test
  void theDossiersOf1July2025AreFiledWithTheNewCommunes() {
    RawLandingZone zone = new RawLandingZone(dir2025);
    assertThat(zone.records).filteredOn(r -> r.reason == null && r.received.getMonthValue() == 7)
        .isNotEmpty()
        .noneMatch(r -> r.get("MaDonVi").startsWith("000.00."));
  }

  @Test
  void catalogue2021Has1746PublicAnd1252InternalProceduresAnd805OfferedOnline() throws IOException {
    List<List<String>> rows = rows(dir2021.resolve("reference/procedures/2021-01-01.csv"));
    assertThat(rows.get(0)).containsExactly("procedure_code", "procedure_name", "sector", "level", "internal",
        "published", "online_eligible", "online_offered", "on_city_portal", "on_national_portal", "mobile_enabled",
        "deadline_working_days");
    List<List<String>> all = rows.subList(1, rows.size());
    assertThat(all).allSatisfy(r -> assertThat(r).hasSize(12));
    assertThat(count(rows, 4, "false")).isEqualTo(1746);
    assertThat(count(rows, 4, "true")).isEqualTo(1252);
    long offered = all.stream().filter(r -> r.get(4).equals("false") && r.get(6).equals("true")
        && !r.get(7).equals("none")).count();
    assertThat(offered).isEqualTo(805);
    long eligible = all.stream().filter(r -> r.get(4).equals("false") && r.get(6).equals("true")).count();
    assertThat(eligible).isBetween(1000L, 1200L);
    assertThat(all.stream().map(r -> r.get(0))).doesNotHaveDuplicates()
        .allMatch(c -> c.matches("[12]\\.\\d{6}\\.000\\.00\\.00\\.H29"));
    assertThat(new HashSet<>(all.stream().map(r -> r.get(2)).toList())).hasSize(12);
    assertThat(new HashSet<>(all.stream().map(r -> r.get(3)).toList()))
        .containsExactlyInAnyOrder("city", "district", "commune");
    long internalPublished = all.stream().filter(r -> r.get(4).equals("true") && r.get(5).equals("true")).count();
    assertThat(internalPublished).isBetween(1000L, 1150L);
    assertThat(all).anyMatch(r -> r.get(1).contains(","));
  }

  @Test
  void laterCataloguesOfferMoreAndNeverTakeAnythingBack() {
    AgencyDirectory dir = new AgencyDirectory(Generated.REFERENCE, 1, 0.3);
    ProcedureCatalogue c = new ProcedureCatalogue(dir.departments);
    int previousOffered = 0;
    int previousFull = 0;
    for (int year = 2021; year <= 2026; year++) {
      int offered = 0;
      int full = 0;
      int national = 0;
      for (Procedure p : c.all) {
        if (!p.internal) {
          offered += p.offered(year) > 0 ? 1 : 0;
          full += p.offered(year) == 2 ? 1 : 0;
          national += p.onNationalPortal(year) ? 1 : 0;
        }
        if (year > 2021) {
          assertThat(p.offered(year)).isGreaterThanOrEqualTo(p.offered(year - 1));
        }
      }
      assertThat(offered).isGreaterThanOrEqualTo(previousOffered);
      assertThat(full).isGreaterThan(previousFull);
      if (year == 2021) {
        assertThat(offered).isEqualTo(805);
        assertThat(national).isLessThan(1746 / 2);
      }
      previousOffered = offered;
      previousFull = full;
    }
  }
}
