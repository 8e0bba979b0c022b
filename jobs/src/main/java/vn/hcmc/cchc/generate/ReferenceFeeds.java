package vn.hcmc.cchc.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import vn.hcmc.cchc.city.City;

/**
 * The small feeds: agency and procedure snapshots, feed C (monthly work files per agency) and
 * feed D (indicators reported by hand). Feed C is written at full volume whatever --scale: it is a
 * few hundred rows a month.
 */
final class ReferenceFeeds {
  private final GenerationContext ctx;

  ReferenceFeeds(GenerationContext ctx) {
    this.ctx = ctx;
  }

  /** Writes everything; returns the number of files per kind. */
  Map<String, Long> writeAll(Path targetsCsv) throws IOException {
    Map<String, Long> files = new LinkedHashMap<>();
    files.put("agencies", writeAgencies());
    files.put("procedures", writeProcedures());
    files.put("work", writeWork());
    files.put("indicators", writeIndicators(targetsCsv));
    return files;
  }

  private long writeAgencies() throws IOException {
    long n = 0;
    LocalDate from = ctx.spec.from();
    LocalDate to = ctx.spec.to();
    for (AgencyDirectory.Period p : ctx.dir.periodsUsed(from, to)) {
      StringBuilder sb = new StringBuilder("agency_code,agency_name,level,district_code,ward_code\n");
      for (Agency a : p.agencies) {
        Csv.appendField(sb, a.code, ',');
        sb.append(',');
        Csv.appendField(sb, a.name, ',');
        sb.append(',').append(a.level.code).append(',').append(a.districtCode).append(',').append(a.wardCode)
            .append('\n');
      }
      ctx.files.writeText("reference/agencies/" + ctx.dir.snapshotDate(p, from) + ".csv", sb.toString());
      n++;
    }
    return n;
  }

  private long writeProcedures() throws IOException {
    long n = 0;
    for (int year = ctx.spec.from().getYear(); year <= ctx.spec.to().getYear(); year++) {
      StringBuilder sb = new StringBuilder(512 * 1024);
      sb.append("procedure_code,procedure_name,sector,level,internal,published,online_eligible,online_offered,"
          + "on_city_portal,on_national_portal,mobile_enabled,deadline_working_days\n");
      for (Procedure p : ctx.catalogue.all) {
        Csv.appendField(sb, p.code, ',');
        sb.append(',');
        Csv.appendField(sb, p.name, ',');
        int offered = p.offered(year);
        sb.append(',').append(p.sector.code)
            .append(',').append(p.level.code)
            .append(',').append(p.internal)
            .append(',').append(p.published(year))
            .append(',').append(p.eligible())
            .append(',').append(offered == 2 ? "full" : offered == 1 ? "partial" : "none")
            .append(',').append(p.onCityPortal(year))
            .append(',').append(p.onNationalPortal(year))
            .append(',').append(p.mobileEnabled(year))
            .append(',').append(p.deadlineWorkingDays)
            .append('\n');
      }
      ctx.files.writeText(String.format("reference/procedures/%04d-01-01.csv", year), sb.toString());
      n++;
    }
    return n;
  }

  private long writeWork() throws IOException {
    long n = 0;
    LocalDate from = ctx.spec.from();
    LocalDate to = ctx.spec.to();
    for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
      LocalDate start = m.atDay(1).isBefore(from) ? from : m.atDay(1);
      LocalDate end = m.atEndOfMonth().isAfter(to) ? to : m.atEndOfMonth();
      double covered = (end.toEpochDay() - start.toEpochDay() + 1) / (double) m.lengthOfMonth();
      AgencyDirectory.Period p = ctx.dir.periodOf(start);
      StringBuilder sb = new StringBuilder("agency_code,total,processed_online,classified\n");
      for (Agency a : p.agencies) {
        SplittableRandom r = Seeds.rng(ctx.seed, "work", Seeds.hash(a.code), m.getYear() * 100L + m.getMonthValue());
        double size = Math.exp(0.4 * r.nextGaussian());
        int total = (int) Math.max(1, Math.round(Calibration.workFilesPerMonth(a.level) * covered * size));
        int classified = a.level == Level.COMMUNE ? (r.nextInt(20) == 0 ? 1 : 0)
            : (int) Math.round(total * 0.01 * r.nextDouble() * 2);
        int open = total - classified;
        double rate = ctx.calibration.month(m.getYear(), m.getMonthValue()).workOnline(a.level);
        double mean = open * rate;
        double sd = Math.sqrt(open * rate * (1 - rate));
        int online = (int) Math.max(0, Math.min(open, Math.round(mean + sd * r.nextGaussian())));
        sb.append(a.code).append(',').append(total).append(',').append(online).append(',').append(classified)
            .append('\n');
      }
      ctx.files.writeText(String.format("work/%04d/%02d.csv", m.getYear(), m.getMonthValue()), sb.toString());
      n++;
    }
    return n;
  }

  /**
   * numerator / denominator of the hand-reported indicators, 2021 to 2026 (later years as 2026), at
   * pace 1: a yearly report moves once a year, by the run's pace like every other rate.
   */
  private static final Map<String, double[]> INDICATORS = new LinkedHashMap<>();
  private static final Map<String, String> NOTES = new LinkedHashMap<>();

  static {
    // first value the denominator, then the share per year from 2021
    INDICATORS.put("T25_DATABASES", new double[] {24, 9 / 24d, 13 / 24d, 17 / 24d, 21 / 24d, 23 / 24d, 1});
    INDICATORS.put("T25_SYSTEMS_CONNECTED", new double[] {120, 0.40, 0.52, 0.65, 0.77, 0.825, 0.87});
    INDICATORS.put("T30_DIGITAL_INSPECTION", new double[] {3400, 0.10, 0.18, 0.28, 0.38, 0.50, 0.62});
    INDICATORS.put("T30_BANK_ACCOUNTS", new double[] {7_100_000, 0.68, 0.72, 0.76, 0.80, 0.84, 0.87});
    INDICATORS.put("T30_INTL_DEPARTMENT", new double[] {420, 0.12, 0.15, 0.19, 0.23, 0.27, 0.30});
    INDICATORS.put("T30_INTL_DIVISION", new double[] {2600, 0.10, 0.13, 0.17, 0.21, 0.25, 0.28});
    INDICATORS.put("T30_INTL_SOE", new double[] {180, 0.35, 0.40, 0.46, 0.52, 0.58, 0.63});
    INDICATORS.put("T30_COMMUNE_DEGREE", new double[] {9800, 0.86, 0.89, 0.92, 0.94, 0.96, 0.97});
    NOTES.put("T25_DATABASES", "Cơ sở dữ liệu đã hoàn thành, kết nối (Sở Thông tin và Truyền thông)");
    NOTES.put("T25_SYSTEMS_CONNECTED", "Hệ thống thông tin kết nối qua trục liên thông quốc gia (NGSP, LGSP)");
    NOTES.put("T30_DIGITAL_INSPECTION", "Cuộc kiểm tra, thanh tra thực hiện qua hệ thống số (Thanh tra Thành phố)");
    NOTES.put("T30_BANK_ACCOUNTS", "Người trưởng thành có tài khoản ngân hàng, ước tính");
    NOTES.put("T30_INTL_DEPARTMENT", "Lãnh đạo cấp sở, ngành, quận, huyện");
    NOTES.put("T30_INTL_DIVISION", "Lãnh đạo cấp phòng");
    NOTES.put("T30_INTL_SOE", "Lãnh đạo doanh nghiệp nhà nước");
    NOTES.put("T30_COMMUNE_DEGREE", "Cán bộ, công chức cấp xã có trình độ đại học");
  }

  private long writeIndicators(Path targetsCsv) throws IOException {
    List<Map<String, String>> targets = Csv.readWithHeader(targetsCsv);
    long n = 0;
    for (int year = ctx.spec.from().getYear(); year <= ctx.spec.to().getYear(); year++) {
      StringBuilder sb = new StringBuilder("target_id,year,scope_code,numerator,denominator,note\n");
      int k = Math.max(0, Math.min(5, year - 2021));
      for (Map<String, String> t : targets) {
        if (!"indicators".equals(t.get("measured_from").trim())) {
          continue;
        }
        String id = t.get("target_id").trim();
        double[] v = INDICATORS.getOrDefault(id, new double[] {100, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75});
        long den = Math.round(v[0]);
        long num = Math.round(v[0] * ctx.calibration.reportedShare(v[1], v[1 + k]));
        sb.append(id).append(',').append(year).append(',').append(City.CODE).append(',').append(num).append(',').append(den).append(',');
        Csv.appendField(sb, NOTES.getOrDefault(id, "Số liệu báo cáo"), ',');
        sb.append('\n');
      }
      ctx.files.writeText(String.format("indicators/%04d.csv", year), sb.toString());
      n++;
    }
    return n;
  }
}
