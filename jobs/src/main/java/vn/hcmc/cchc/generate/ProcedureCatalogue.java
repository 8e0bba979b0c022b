package vn.hcmc.cchc.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The procedure catalogue: 1,746 public and 1,252 internal procedures over the twelve sectors and
 * three levels, with exactly 805 public procedures eligible for and offered as online services in
 * 2021. The catalogue is a fixed property of the city ({@link Seeds#CITY}), not of --seed; later
 * years only improve its attributes (more offered, more fully online, more on the national portal),
 * in the same order whatever the pace: how far they get by a year is the calibration's.
 */
final class ProcedureCatalogue {
  static final Sector[] SECTORS = Sector.values();

  /** Public procedures per level and sector (order of {@link Sector}). */
  private static final int[][] PUBLIC_COUNTS = {
    {90, 110, 80, 20, 15, 160, 90, 120, 180, 110, 60, 261}, // city: 1,296
    {40, 25, 5, 30, 20, 25, 30, 5, 15, 25, 20, 50}, // district: 290
    {10, 5, 0, 40, 25, 5, 20, 2, 5, 8, 15, 25}, // commune: 160
  };
  private static final int[] INTERNAL_PER_LEVEL = {900, 230, 122};

  /** Share of the level's dossiers by sector. */
  private static final double[][] SECTOR_SHARE = {
    {.14, .06, .04, .02, .02, .20, .10, .16, .10, .06, .07, .03},
    {.30, .12, .01, .10, .12, .14, .05, .01, .03, .04, .03, .05},
    {.04, .02, 0, .28, .45, .01, .08, .005, .005, .01, .04, .06},
  };

  /** Statutory deadlines (working days) by sector: values, then weights; the first is the usual one. */
  private static final Map<Sector, int[][]> DEADLINES = new EnumMap<>(Sector.class);

  static {
    DEADLINES.put(Sector.CERTIFICATION, new int[][] {{1, 2}, {80, 20}});
    DEADLINES.put(Sector.CIVIL_STATUS, new int[][] {{3, 1, 5, 10, 15}, {30, 30, 25, 10, 5}});
    DEADLINES.put(Sector.BUSINESS, new int[][] {{3, 5, 10, 15}, {50, 25, 15, 10}});
    DEADLINES.put(Sector.LABOUR, new int[][] {{7, 5, 10, 15}, {20, 30, 30, 20}});
    DEADLINES.put(Sector.TRANSPORT, new int[][] {{5, 3, 7, 10}, {30, 30, 20, 20}});
    DEADLINES.put(Sector.HEALTH, new int[][] {{10, 5, 15, 20, 30}, {30, 20, 25, 15, 10}});
    DEADLINES.put(Sector.EDUCATION, new int[][] {{5, 7, 10, 15}, {30, 20, 30, 20}});
    DEADLINES.put(Sector.JUSTICE, new int[][] {{10, 3, 5, 15}, {40, 20, 30, 10}});
    DEADLINES.put(Sector.LAND, new int[][] {{10, 5, 15, 20, 30}, {30, 15, 25, 20, 10}});
    DEADLINES.put(Sector.CONSTRUCTION, new int[][] {{15, 7, 20, 30}, {40, 20, 30, 10}});
    DEADLINES.put(Sector.INVESTMENT, new int[][] {{15, 10, 25, 35, 45}, {40, 20, 20, 15, 5}});
    DEADLINES.put(Sector.OTHER, new int[][] {{5, 3, 7, 10, 20}, {20, 30, 20, 20, 10}});
  }

  final Calibration calibration;
  final List<Procedure> all = new ArrayList<>();
  private final Map<Level, List<Procedure>> publicByLevel = new EnumMap<>(Level.class);
  private final Map<Integer, List<Procedure>> publicByOwner = new HashMap<>();

  /** The catalogue of the documented anchors (--pace 1). */
  ProcedureCatalogue(List<AgencyDirectory.Department> departments) {
    this(departments, Calibration.DOCUMENTED);
  }

  ProcedureCatalogue(List<AgencyDirectory.Department> departments, Calibration calibration) {
    this.calibration = calibration;
    SplittableRandom r = Seeds.rng(Seeds.CITY, "procedures");
    Set<String> codes = new HashSet<>();
    Set<String> names = new HashSet<>();
    Map<Sector, List<Integer>> owners = new EnumMap<>(Sector.class);
    for (int d = 0; d < departments.size(); d++) {
      for (Sector s : departments.get(d).sectors()) {
        owners.computeIfAbsent(s, k -> new ArrayList<>()).add(d);
      }
    }
    for (Level level : Level.values()) {
      publicByLevel.put(level, new ArrayList<>());
      for (int si = 0; si < SECTORS.length; si++) {
        Sector sector = SECTORS[si];
        int n = PUBLIC_COUNTS[level.ordinal()][si];
        double share = SECTOR_SHARE[level.ordinal()][si];
        double[] zipf = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
          zipf[i] = 1.0 / Math.pow(i + 1, 1.1);
          sum += zipf[i];
        }
        for (int i = 0; i < n; i++) {
          int deadline = i < 3 ? DEADLINES.get(sector)[0][0] : pickDeadline(sector, r);
          Procedure p = new Procedure(calibration, all.size(), newCode(r, codes), newName(sector, level, false, r, names),
              sector, level, false, deadline);
          p.popularity = share * zipf[i] / sum;
          if (level == Level.CITY) {
            List<Integer> o = owners.get(sector);
            if (o == null || o.isEmpty()) {
              throw new IllegalArgumentException("no department handles sector " + sector.code);
            }
            p.owner = o.get(r.nextInt(o.size()));
            publicByOwner.computeIfAbsent(p.owner, k -> new ArrayList<>()).add(p);
          }
          drawFlags(p, r);
          all.add(p);
          publicByLevel.get(level).add(p);
        }
      }
    }
    // internal procedures, spread over sectors like the public ones
    List<Procedure> internal = new ArrayList<>();
    for (Level level : Level.values()) {
      int total = INTERNAL_PER_LEVEL[level.ordinal()];
      int publicTotal = 0;
      for (int c : PUBLIC_COUNTS[level.ordinal()]) {
        publicTotal += c;
      }
      int made = 0;
      for (int si = 0; si < SECTORS.length; si++) {
        int n = si == SECTORS.length - 1 ? total - made
            : (int) Math.round((double) total * PUBLIC_COUNTS[level.ordinal()][si] / publicTotal);
        for (int i = 0; i < n; i++) {
          Procedure p = new Procedure(calibration, all.size(), newCode(r, codes), newName(SECTORS[si], level, true, r, names),
              SECTORS[si], level, true, pickDeadline(SECTORS[si], r));
          drawFlags(p, r);
          all.add(p);
          internal.add(p);
        }
        made += n;
      }
    }
    // eligibility and the order of going online: popular procedures first, with noise
    List<Procedure> pub = new ArrayList<>();
    Map<Procedure, Double> eligibleScore = new HashMap<>();
    Map<Procedure, Double> readyScore = new HashMap<>();
    for (Procedure p : all) {
      if (!p.internal) {
        pub.add(p);
        eligibleScore.put(p, 0.45 * Math.log(p.popularity + 1e-7) + r.nextGaussian());
        readyScore.put(p, 0.6 * Math.log(p.popularity + 1e-7) + r.nextGaussian());
      }
    }
    pub.sort(Comparator.comparingDouble((Procedure p) -> -eligibleScore.get(p)).thenComparingInt(p -> p.index));
    List<Procedure> eligible = new ArrayList<>(pub.subList(0, Calibration.ONLINE_ELIGIBLE));
    eligible.sort(Comparator.comparingDouble((Procedure p) -> -readyScore.get(p)).thenComparingInt(p -> p.index));
    for (int i = 0; i < eligible.size(); i++) {
      eligible.get(i).readinessRank = i;
    }
    internal.sort(Comparator.comparingDouble((Procedure p) -> p.nationalPortalDraw).thenComparingInt(p -> p.index));
    for (int i = 0; i < internal.size(); i++) {
      internal.get(i).publishRank = i;
    }
  }

  private static void drawFlags(Procedure p, SplittableRandom r) {
    p.cityPortalDraw = r.nextDouble();
    p.nationalPortalDraw = r.nextDouble();
    p.mobileDraw = r.nextDouble();
  }

  private static int pickDeadline(Sector s, SplittableRandom r) {
    int[][] d = DEADLINES.get(s);
    int total = 0;
    for (int w : d[1]) {
      total += w;
    }
    int x = r.nextInt(total);
    for (int i = 0; i < d[0].length; i++) {
      x -= d[1][i];
      if (x < 0) {
        return d[0][i];
      }
    }
    return d[0][0];
  }

  private static String newCode(SplittableRandom r, Set<String> used) {
    while (true) {
      String c = (r.nextInt(10) < 7 ? "1." : "2.") + String.format("%06d", 100 + r.nextInt(12_000))
          + ".000.00.00.H29";
      if (used.add(c)) {
        return c;
      }
    }
  }

  List<Procedure> publicOf(Level level) {
    return publicByLevel.get(level);
  }

  List<Procedure> publicOfDepartment(int departmentOrdinal) {
    return publicByOwner.getOrDefault(departmentOrdinal, List.of());
  }

  /** Total popularity of a department's procedures (online: only those offered that year). */
  double departmentMass(int departmentOrdinal, boolean online, int year) {
    double m = 0;
    for (Procedure p : publicOfDepartment(departmentOrdinal)) {
      if (!online || p.offered(year) > 0) {
        m += p.popularity;
      }
    }
    return m;
  }

  /** A sampler over procedures by popularity; online: only those offered in the year. Null when none. */
  static AliasTable sampler(List<Procedure> ps, boolean online, int year) {
    List<Procedure> chosen = new ArrayList<>();
    for (Procedure p : ps) {
      if (p.popularity > 0 && (!online || p.offered(year) > 0)) {
        chosen.add(p);
      }
    }
    if (chosen.isEmpty()) {
      return null;
    }
    int[] items = new int[chosen.size()];
    double[] w = new double[chosen.size()];
    for (int i = 0; i < items.length; i++) {
      items[i] = chosen.get(i).index;
      w[i] = chosen.get(i).popularity;
    }
    return new AliasTable(items, w);
  }

  // --- names ---
  private static final Map<Sector, String[]> BASE_NAMES = new EnumMap<>(Sector.class);

  static {
    BASE_NAMES.put(Sector.LAND, new String[] {
      "Đăng ký đất đai, tài sản gắn liền với đất lần đầu",
      "Cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất",
      "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
      "Chuyển mục đích sử dụng đất", "Tách thửa hoặc hợp thửa đất",
      "Cấp đổi Giấy chứng nhận quyền sử dụng đất", "Đính chính Giấy chứng nhận đã cấp",
      "Xóa đăng ký thế chấp quyền sử dụng đất", "Gia hạn sử dụng đất", "Cung cấp thông tin, dữ liệu đất đai"});
    BASE_NAMES.put(Sector.CONSTRUCTION, new String[] {
      "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", "Cấp giấy phép sửa chữa, cải tạo công trình",
      "Điều chỉnh giấy phép xây dựng", "Gia hạn giấy phép xây dựng", "Cấp lại giấy phép xây dựng",
      "Thẩm định báo cáo nghiên cứu khả thi đầu tư xây dựng", "Cấp giấy phép di dời công trình",
      "Cấp chứng chỉ hành nghề hoạt động xây dựng", "Cung cấp thông tin quy hoạch xây dựng",
      "Thẩm định thiết kế xây dựng triển khai sau thiết kế cơ sở"});
    BASE_NAMES.put(Sector.INVESTMENT, new String[] {
      "Cấp Giấy chứng nhận đăng ký đầu tư", "Điều chỉnh Giấy chứng nhận đăng ký đầu tư",
      "Chấp thuận chủ trương đầu tư", "Góp vốn, mua cổ phần của nhà đầu tư nước ngoài",
      "Thành lập văn phòng điều hành của nhà đầu tư nước ngoài", "Chuyển nhượng dự án đầu tư",
      "Giãn tiến độ đầu tư", "Chấm dứt hoạt động dự án đầu tư"});
    BASE_NAMES.put(Sector.CIVIL_STATUS, new String[] {
      "Đăng ký khai sinh", "Đăng ký kết hôn", "Đăng ký khai tử", "Đăng ký nhận cha, mẹ, con",
      "Cấp bản sao trích lục hộ tịch", "Xác nhận tình trạng hôn nhân",
      "Thay đổi, cải chính, bổ sung thông tin hộ tịch", "Đăng ký giám hộ", "Đăng ký lại khai sinh",
      "Ghi vào Sổ hộ tịch việc hộ tịch đã giải quyết tại cơ quan có thẩm quyền của nước ngoài"});
    BASE_NAMES.put(Sector.CERTIFICATION, new String[] {
      "Chứng thực bản sao từ bản chính giấy tờ, văn bản", "Chứng thực chữ ký trong các giấy tờ, văn bản",
      "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản",
      "Chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch",
      "Chứng thực văn bản thỏa thuận phân chia di sản", "Chứng thực chữ ký người dịch",
      "Cấp bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã được chứng thực", "Chứng thực di chúc"});
    BASE_NAMES.put(Sector.BUSINESS, new String[] {
      "Đăng ký thành lập doanh nghiệp", "Đăng ký thay đổi nội dung đăng ký doanh nghiệp",
      "Đăng ký thành lập hộ kinh doanh", "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
      "Thông báo tạm ngừng kinh doanh", "Giải thể doanh nghiệp", "Cấp Giấy phép bán lẻ sản phẩm rượu",
      "Cấp Giấy chứng nhận đủ điều kiện kinh doanh", "Đăng ký website cung cấp dịch vụ thương mại điện tử",
      "Đăng ký hoạt động chi nhánh, văn phòng đại diện"});
    BASE_NAMES.put(Sector.LABOUR, new String[] {
      "Cấp giấy phép lao động cho người lao động nước ngoài",
      "Xác nhận người lao động nước ngoài không thuộc diện cấp giấy phép lao động",
      "Giải quyết hưởng trợ cấp thất nghiệp", "Đăng ký nội quy lao động",
      "Cấp giấy phép hoạt động cho thuê lại lao động", "Trợ cấp xã hội hằng tháng",
      "Hỗ trợ người lao động gặp khó khăn do đại dịch COVID-19", "Xác nhận hộ nghèo, hộ cận nghèo",
      "Giải quyết chế độ người có công với cách mạng"});
    BASE_NAMES.put(Sector.TRANSPORT, new String[] {
      "Cấp đổi giấy phép lái xe", "Cấp lại giấy phép lái xe", "Cấp giấy phép kinh doanh vận tải bằng xe ô tô",
      "Cấp phù hiệu xe ô tô kinh doanh vận tải", "Cấp giấy phép thi công công trình đường bộ",
      "Đăng ký phương tiện thủy nội địa", "Cấp giấy phép lưu hành xe quá tải trọng, xe quá khổ giới hạn",
      "Chấp thuận xây dựng công trình thiết yếu trong phạm vi bảo vệ kết cấu hạ tầng giao thông"});
    BASE_NAMES.put(Sector.HEALTH, new String[] {
      "Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh", "Cấp giấy phép hoạt động đối với phòng khám",
      "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", "Cấp chứng chỉ hành nghề dược",
      "Cấp Giấy chứng nhận đủ điều kiện kinh doanh dược", "Tiếp nhận bản công bố sản phẩm mỹ phẩm",
      "Cấp giấy xác nhận nội dung quảng cáo thực phẩm", "Công bố đủ điều kiện thực hiện xét nghiệm"});
    BASE_NAMES.put(Sector.EDUCATION, new String[] {
      "Cho phép thành lập trường mầm non tư thục", "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
      "Chỉnh sửa nội dung văn bằng, chứng chỉ", "Cấp phép tổ chức hoạt động dạy thêm, học thêm",
      "Chuyển trường đối với học sinh trung học", "Công nhận trường đạt chuẩn quốc gia",
      "Cho phép trung tâm ngoại ngữ, tin học hoạt động giáo dục", "Xét tặng danh hiệu nhà giáo"});
    BASE_NAMES.put(Sector.JUSTICE, new String[] {
      "Cấp Phiếu lý lịch tư pháp", "Đăng ký hành nghề công chứng", "Cấp lại thẻ công chứng viên",
      "Đăng ký hoạt động Văn phòng công chứng", "Đăng ký hành nghề luật sư với tư cách cá nhân",
      "Thủ tục thực hiện hòa giải ở cơ sở", "Cấp thẻ đấu giá viên",
      "Giải quyết yêu cầu bồi thường trong hoạt động quản lý hành chính"});
    BASE_NAMES.put(Sector.OTHER, new String[] {
      "Đăng ký tổ chức lễ hội", "Cấp giấy phép xuất bản bản tin", "Đăng ký sinh hoạt tín ngưỡng",
      "Công nhận ban vận động thành lập hội", "Cấp giấy phép khai thác nước dưới đất",
      "Thẩm định báo cáo đánh giá tác động môi trường",
      "Cấp giấy chứng nhận đăng ký hoạt động khoa học và công nghệ", "Tiếp công dân, giải quyết khiếu nại",
      "Cấp giấy phép sử dụng vật liệu nổ công nghiệp", "Cấp giấy phép tổ chức biểu diễn nghệ thuật"});
  }

  private static final String[] QUALIFIERS = {
    "", " đối với hộ gia đình, cá nhân", " đối với tổ chức", " trường hợp cấp lại", " trường hợp điều chỉnh",
    " cho người nước ngoài", " theo cơ chế liên thông", " trường hợp bị mất, hư hỏng"};

  private static final String[] INTERNAL_VERBS = {
    "Thẩm định", "Phê duyệt", "Trình ký", "Cho ý kiến", "Xét duyệt", "Thông báo kết quả", "Kiểm tra",
    "Tổng hợp"};
  private static final String[] INTERNAL_OBJECTS = {
    "kế hoạch cải cách hành chính", "biên chế công chức", "dự toán ngân sách", "báo cáo định kỳ",
    "đề án vị trí việc làm", "quy hoạch ngành", "hồ sơ thi đua, khen thưởng",
    "điều động, luân chuyển công chức", "kế hoạch kiểm tra", "danh mục dữ liệu dùng chung"};

  private static String newName(Sector s, Level level, boolean internal, SplittableRandom r, Set<String> used) {
    String base;
    if (internal) {
      base = INTERNAL_VERBS[r.nextInt(INTERNAL_VERBS.length)] + " "
          + INTERNAL_OBJECTS[r.nextInt(INTERNAL_OBJECTS.length)] + " (lĩnh vực " + s.vietnamese + ")";
    } else {
      String[] names = BASE_NAMES.get(s);
      base = names[r.nextInt(names.length)] + QUALIFIERS[r.nextInt(QUALIFIERS.length)];
    }
    if (level == Level.COMMUNE && !internal && r.nextInt(4) == 0) {
      base = base + " tại Ủy ban nhân dân cấp xã";
    }
    String name = base;
    int n = 2;
    while (!used.add(name)) {
      name = base + " (mẫu " + n++ + ")";
    }
    return name;
  }
}
