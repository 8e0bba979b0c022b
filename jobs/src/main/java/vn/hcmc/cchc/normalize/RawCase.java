package vn.hcmc.cchc.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;

/**
 * A bronze record's values by feed A's field names, as text, whichever feed it came from. Feed B's
 * Vietnamese headers are matched after NFC and trimming. A missing key and an empty value are
 * both {@code null} here ("not given").
 */
final class RawCase {
  static final String DOSSIER = "MaHoSo";
  static final String PROCEDURE = "MaTTHC";
  static final String AGENCY = "MaDonVi";
  static final String CHANNEL = "KenhThucHien";
  static final String LEVEL = "MucDoDVC";
  static final String APPLICANT = "LoaiDoiTuong";
  static final String STATUS = "TrangThaiHoSo";
  static final String RECEIVED = "NgayTiepNhan";
  static final String DUE = "NgayHenTra";
  static final String RESULT = "NgayKetThucXuLy";
  static final String RETURNED = "NgayTra";
  static final String WITHDRAWN = "NgayRut";
  static final String UPDATED = "NgayCapNhat";
  static final String INTERAGENCY = "LienThong";
  static final String E_CIRCULATED = "LuanChuyenDienTu";
  static final String PRIOR_DOCUMENTS = "CoDuLieuDaCo";
  static final String DATA_REUSED = "DuocTaiSuDung";
  static final String DIGITISED = "DuocSoHoa";
  static final String EID = "XacThucVNeID";
  static final String DEVICE = "ThietBi";
  static final String PAID_ONLINE = "ThanhToanTrucTuyen";
  static final String APOLOGY = "CoThuXinLoi";
  static final String RATING = "DanhGia";
  static final String OWNER_NAME = "HoTen";
  static final String OWNER_ID = "SoDinhDanh";
  static final String OWNER_PHONE = "SoDienThoai";

  /** Feed B header (NFC) to feed A field. */
  static final Map<String, String> LEGACY_HEADERS = Map.ofEntries(
      Map.entry("Mã hồ sơ", DOSSIER), Map.entry("Mã thủ tục", PROCEDURE), Map.entry("Mã đơn vị", AGENCY),
      Map.entry("Kênh", CHANNEL), Map.entry("Mức độ", LEVEL), Map.entry("Đối tượng", APPLICANT),
      Map.entry("Trạng thái", STATUS), Map.entry("Ngày tiếp nhận", RECEIVED), Map.entry("Ngày hẹn trả", DUE),
      Map.entry("Ngày có kết quả", RESULT), Map.entry("Ngày trả kết quả", RETURNED), Map.entry("Ngày rút", WITHDRAWN),
      Map.entry("Ngày cập nhật", UPDATED), Map.entry("Liên thông", INTERAGENCY),
      Map.entry("Luân chuyển điện tử", E_CIRCULATED), Map.entry("Có dữ liệu đã có", PRIOR_DOCUMENTS),
      Map.entry("Tái sử dụng dữ liệu", DATA_REUSED), Map.entry("Số hóa", DIGITISED),
      Map.entry("Xác thực VNeID", EID), Map.entry("Thanh toán trực tuyến", PAID_ONLINE),
      Map.entry("Thư xin lỗi", APOLOGY), Map.entry("Thiết bị", DEVICE), Map.entry("Đánh giá", RATING),
      Map.entry("Họ tên", OWNER_NAME), Map.entry("Số định danh", OWNER_ID), Map.entry("Số điện thoại", OWNER_PHONE));

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> values;

  private RawCase(Map<String, String> values) {
    this.values = values;
  }

  String get(String field) {
    return values.get(field);
  }

  /** Reads bronze's {@code record} of a feed; {@code null} when it is not a JSON object. */
  static RawCase of(String feed, String record) {
    JsonNode node;
    try {
      node = JSON.readTree(record);
    } catch (IOException e) {
      return null;
    }
    if (node == null || !node.isObject()) {
      return null;
    }
    Map<String, String> values = new HashMap<>();
    if (feed.equals("legacy")) {
      node.fields().forEachRemaining(e -> {
        String field = LEGACY_HEADERS.get(Normalizer.normalize(e.getKey().strip(), Normalizer.Form.NFC));
        if (field != null) {
          put(values, field, e.getValue());
        }
      });
    } else {
      node.fields().forEachRemaining(e -> put(values, e.getKey(), e.getValue()));
      JsonNode owner = node.get("ChuHoSo");
      if (owner != null && owner.isObject()) {
        owner.fields().forEachRemaining(e -> put(values, e.getKey(), e.getValue()));
      } else if (owner != null && owner.isTextual()) {
        values.put(OWNER_NAME, owner.asText());
      }
    }
    return new RawCase(values);
  }

  private static void put(Map<String, String> values, String field, JsonNode v) {
    if (v == null || v.isNull() || v.isContainerNode()) {
      return;
    }
    String s = Codes.nfc(v.asText()).strip();
    if (!s.isEmpty()) {
      values.put(field, s);
    }
  }
}
