package vn.hcmc.cchc.generate;

/** The twelve procedure sectors of RAW.md, with their Vietnamese field names. */
enum Sector {
  LAND("land", "Đất đai"),
  CONSTRUCTION("construction", "Xây dựng"),
  INVESTMENT("investment", "Đầu tư"),
  CIVIL_STATUS("civil_status", "Hộ tịch"),
  CERTIFICATION("certification", "Chứng thực"),
  BUSINESS("business", "Thành lập và hoạt động doanh nghiệp"),
  LABOUR("labour", "Lao động - Việc làm"),
  TRANSPORT("transport", "Giao thông vận tải"),
  HEALTH("health", "Y tế"),
  EDUCATION("education", "Giáo dục và Đào tạo"),
  JUSTICE("justice", "Tư pháp"),
  OTHER("other", "Lĩnh vực khác");

  final String code;
  final String vietnamese;

  Sector(String code, String vietnamese) {
    this.code = code;
    this.vietnamese = vietnamese;
  }

  /** Land, construction and investment: the sectors with their own satisfaction target. */
  boolean isLandConstructionInvestment() {
    return this == LAND || this == CONSTRUCTION || this == INVESTMENT;
  }

  static Sector ofCode(String code) {
    for (Sector s : values()) {
      if (s.code.equals(code.trim())) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown sector: " + code);
  }
}
