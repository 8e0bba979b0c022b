package vn.hcmc.cchc.generate;

import java.util.SplittableRandom;

/**
 * Synthetic applicants (personal data): Vietnamese full names, 12-digit citizen IDs, 10- or
 * 13-digit tax codes, mobile numbers. A pure function of the dossier's seed, so every snapshot of
 * a dossier carries the same applicant. None of it belongs to a real person.
 */
final class Applicants {
  private Applicants() {}

  private static final String[] FAMILY = {
    "Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
    "Dương", "Lý", "Trương", "Đinh", "Mai", "Lâm", "Tô", "Châu", "Quách", "La", "Tăng"};
  private static final double[] FAMILY_CUM = cumulative(new double[] {
    31, 11, 9.5, 7, 5, 3, 4.5, 2, 4, 2, 2, 1.5, 2, 1.3, 1, 1, 1.5, 0.8, 0.7, 0.8, 0.4, 0.5, 0.3, 0.3, 0.3});
  private static final String[] MALE_MIDDLE = {
    "Văn", "Hữu", "Đức", "Minh", "Quốc", "Thành", "Hoàng", "Công", "Gia", "Anh", "Tuấn", "Xuân", "Ngọc",
    "Thanh", "Duy", "Văn"};
  private static final String[] FEMALE_MIDDLE = {
    "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Hồng", "Bích", "Thùy", "Phương", "Minh", "Ánh", "Diễm",
    "Thị Ngọc", "Thị Thu", "Thị"};
  private static final String[] MALE_GIVEN = {
    "An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hòa", "Hùng", "Huy", "Khang", "Khoa", "Long",
    "Lộc", "Minh", "Nam", "Nghĩa", "Phát", "Phong", "Phúc", "Quân", "Sơn", "Tài", "Thắng", "Thành", "Thịnh",
    "Tiến", "Toàn", "Trung", "Tuấn", "Việt", "Vinh", "Vũ", "Bảo", "Khôi", "Nhân"};
  private static final String[] FEMALE_GIVEN = {
    "Anh", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hương", "Lan", "Linh",
    "Loan", "Mai", "My", "Nga", "Ngân", "Nhung", "Oanh", "Phượng", "Quyên", "Tâm", "Thảo", "Thơ", "Trang",
    "Trinh", "Tuyết", "Uyên", "Vân", "Vy", "Yến", "Ngọc Hân", "Nhi"};
  /** Province codes of citizen IDs: most applicants were registered in Ho Chi Minh City (079). */
  private static final String[] PROVINCES = {
    "001", "031", "034", "036", "038", "040", "042", "044", "045", "049", "051", "052", "054", "058", "060",
    "062", "064", "066", "068", "070", "072", "074", "075", "077", "080", "082", "083", "084", "086", "087",
    "089", "091", "092", "093", "094", "095", "096"};
  private static final String[] PHONE_PREFIXES = {
    "032", "033", "034", "035", "036", "037", "038", "039", "056", "058", "059", "070", "076", "077", "078",
    "079", "081", "082", "083", "084", "085", "086", "088", "089", "090", "091", "093", "094", "096", "097",
    "098", "099"};
  private static final String[] COMPANY_FORMS = {"Công ty TNHH ", "Công ty Cổ phần ", "Công ty TNHH MTV ",
    "Doanh nghiệp tư nhân "};
  private static final String[] TRADES = {"Thương mại Dịch vụ ", "Xây dựng ", "Đầu tư ", "Sản xuất ",
    "Công nghệ ", "Vận tải ", "Bất động sản ", "Xuất nhập khẩu ", "Thực phẩm ", ""};
  private static final String[] BRANDS = {"Phú Hưng", "Ánh Dương", "Sài Gòn Xanh", "Minh Phát", "Tân Thành",
    "Hưng Thịnh", "Đông Á", "Bến Thành", "Gia Định", "Thủ Thiêm", "Nam Việt", "Kim Long", "Hoàng Gia",
    "Phước Lộc", "An Khang", "Trường Sơn", "Cửu Long", "Sông Hậu", "Đại Phát", "Thiên Ân"};
  private static final String[] ORGS = {"Hợp tác xã ", "Hội ", "Quỹ từ thiện ", "Trung tâm "};
  private static final String[] STATE = {"Trường Tiểu học ", "Trường Trung học cơ sở ", "Ban Quản lý dự án ",
    "Trung tâm Y tế ", "Bệnh viện "};

  /** Fills name, id and phone of the record's applicant. */
  static void fill(Record rec, long applicantSeed, int applicantType) {
    SplittableRandom r = new SplittableRandom(applicantSeed);
    rec.phone = PHONE_PREFIXES[r.nextInt(PHONE_PREFIXES.length)] + digits(r, 7);
    switch (applicantType) {
      case 2 -> {
        rec.name = quirky(COMPANY_FORMS[r.nextInt(COMPANY_FORMS.length)] + TRADES[r.nextInt(TRADES.length)],
            BRANDS[r.nextInt(BRANDS.length)], r);
        rec.id = taxCode(r);
      }
      case 3 -> {
        rec.name = STATE[r.nextInt(STATE.length)] + BRANDS[r.nextInt(BRANDS.length)];
        rec.id = "03" + digits(r, 8);
      }
      case 4 -> {
        rec.name = quirky(ORGS[r.nextInt(ORGS.length)], BRANDS[r.nextInt(BRANDS.length)], r);
        rec.id = taxCode(r);
      }
      default -> {
        boolean male = r.nextBoolean();
        String family = FAMILY[pick(FAMILY_CUM, r.nextDouble())];
        String middle = male ? MALE_MIDDLE[r.nextInt(MALE_MIDDLE.length)]
            : FEMALE_MIDDLE[r.nextInt(FEMALE_MIDDLE.length)];
        String given = male ? MALE_GIVEN[r.nextInt(MALE_GIVEN.length)]
            : FEMALE_GIVEN[r.nextInt(FEMALE_GIVEN.length)];
        rec.name = family + " " + middle + " " + given;
        int birthYear = 1940 + r.nextInt(66);
        String province = r.nextDouble() < 0.62 ? "079" : PROVINCES[r.nextInt(PROVINCES.length)];
        int centuryGender = (birthYear >= 2000 ? 2 : 0) + (male ? 0 : 1);
        int yy = birthYear % 100;
        rec.id = province + centuryGender + (char) ('0' + yy / 10) + (char) ('0' + yy % 10) + digits(r, 6);
      }
    }
  }

  /** A few organisation names need quoting in CSV: quotes, a semicolon, rarely a line break. */
  private static String quirky(String prefix, String brand, SplittableRandom r) {
    double u = r.nextDouble();
    if (u < 0.03) {
      return prefix + "\"" + brand + "\"";
    }
    if (u < 0.045) {
      return prefix + brand + "; Chi nhánh Thủ Đức";
    }
    if (u < 0.05) {
      return prefix + brand + "\nChi nhánh Quận 7";
    }
    return prefix + brand;
  }

  private static String taxCode(SplittableRandom r) {
    String base = "03" + digits(r, 8);
    int branch = 1 + r.nextInt(20);
    return r.nextDouble() < 0.15 ? base + "0" + (char) ('0' + branch / 10) + (char) ('0' + branch % 10) : base;
  }

  private static String digits(SplittableRandom r, int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = (char) ('0' + r.nextInt(10));
    }
    return new String(c);
  }

  private static double[] cumulative(double[] w) {
    double[] c = new double[w.length];
    double s = 0;
    for (double x : w) {
      s += x;
    }
    double acc = 0;
    for (int i = 0; i < w.length; i++) {
      acc += w[i] / s;
      c[i] = acc;
    }
    return c;
  }

  private static int pick(double[] cum, double u) {
    for (int i = 0; i < cum.length; i++) {
      if (u < cum[i]) {
        return i;
      }
    }
    return cum.length - 1;
  }
}
