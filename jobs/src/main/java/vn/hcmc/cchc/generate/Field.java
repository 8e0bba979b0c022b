package vn.hcmc.cchc.generate;

/** The fields of a dossier record, with their feed A key and feed B header (RAW.md, in order). */
enum Field {
  MA_HO_SO("MaHoSo", "Mã hồ sơ", Kind.TEXT),
  MA_TTHC("MaTTHC", "Mã thủ tục", Kind.TEXT),
  MA_DON_VI("MaDonVi", "Mã đơn vị", Kind.TEXT),
  KENH("KenhThucHien", "Kênh", Kind.NUMBER),
  MUC_DO("MucDoDVC", "Mức độ", Kind.TEXT),
  DOI_TUONG("LoaiDoiTuong", "Đối tượng", Kind.NUMBER),
  TRANG_THAI("TrangThaiHoSo", "Trạng thái", Kind.NUMBER),
  NGAY_TIEP_NHAN("NgayTiepNhan", "Ngày tiếp nhận", Kind.DATE),
  NGAY_HEN_TRA("NgayHenTra", "Ngày hẹn trả", Kind.DATE),
  NGAY_KET_THUC("NgayKetThucXuLy", "Ngày có kết quả", Kind.DATE),
  NGAY_TRA("NgayTra", "Ngày trả kết quả", Kind.DATE),
  NGAY_RUT("NgayRut", "Ngày rút", Kind.DATE),
  NGAY_CAP_NHAT("NgayCapNhat", "Ngày cập nhật", Kind.DATE),
  LIEN_THONG("LienThong", "Liên thông", Kind.BOOL),
  LUAN_CHUYEN("LuanChuyenDienTu", "Luân chuyển điện tử", Kind.BOOL),
  CO_DU_LIEU("CoDuLieuDaCo", "Có dữ liệu đã có", Kind.BOOL),
  TAI_SU_DUNG("DuocTaiSuDung", "Tái sử dụng dữ liệu", Kind.BOOL),
  SO_HOA("DuocSoHoa", "Số hóa", Kind.BOOL),
  VNEID("XacThucVNeID", "Xác thực VNeID", Kind.BOOL),
  THANH_TOAN("ThanhToanTrucTuyen", "Thanh toán trực tuyến", Kind.BOOL),
  XIN_LOI("CoThuXinLoi", "Thư xin lỗi", Kind.BOOL),
  THIET_BI("ThietBi", "Thiết bị", Kind.TEXT),
  DANH_GIA("DanhGia", "Đánh giá", Kind.NUMBER),
  HO_TEN("HoTen", "Họ tên", Kind.TEXT),
  SO_DINH_DANH("SoDinhDanh", "Số định danh", Kind.TEXT),
  SO_DIEN_THOAI("SoDienThoai", "Số điện thoại", Kind.TEXT);

  enum Kind { TEXT, NUMBER, DATE, BOOL }

  static final Field[] ALL = values();
  static final int COUNT = ALL.length;

  final String jsonKey;
  final String header;
  final Kind kind;

  Field(String jsonKey, String header, Kind kind) {
    this.jsonKey = jsonKey;
    this.header = header;
    this.kind = kind;
  }

  /** Bit of a boolean field in {@link Record#flags}. */
  int bit() {
    return 1 << (ordinal() - LIEN_THONG.ordinal());
  }

  boolean isApplicant() {
    return this == HO_TEN || this == SO_DINH_DANH || this == SO_DIEN_THOAI;
  }
}
