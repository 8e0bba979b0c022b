package vn.hcmc.cchc.support;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Case records of feeds A and B built from a fuzzer's bytes: a valid dossier of RAW.md in which
 * the fuzzer chooses, field by field, to keep the value, change it (text, a number, a boolean, a
 * container, empty, {@code null}) or leave it out, and always chooses the applicant's name, ID and
 * phone. Valid-looking records take the fuzzer past the first brace and into every rule; the
 * personal values it chose are kept to look for afterwards.
 */
public final class FuzzedRecords {
  /** Feed A's fields with the values of a valid dossier received 31 March 2021 and returned 1 April. */
  private static final Map<String, Object> DOSSIER = dossier();
  /** Feed B's header, RAW.md's order, with the same dossier in its labels. */
  private static final Map<String, String> LEGACY = legacy();
  private static final JsonMapper JSON = new JsonMapper();

  /**
   * A record, the applicant's values in it (what may never be read again in clear) and the same
   * record without them (where a personal value may legitimately repeat: a name that is also a
   * code of the dossier).
   */
  public record Built(String text, List<String> personal, String withoutPersonal) {}

  private FuzzedRecords() {}

  private static Map<String, Object> dossier() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("MaHoSo", "26734.760.H29-210331-0001");
    m.put("MaTTHC", "1.000001.000.00.00.H29");
    m.put("MaDonVi", "26734.760.H29");
    m.put("KenhThucHien", 2);
    m.put("MucDoDVC", "");
    m.put("LoaiDoiTuong", 1);
    m.put("TrangThaiHoSo", 10);
    m.put("NgayTiepNhan", "20210331233000");
    m.put("NgayHenTra", "20210402170000");
    m.put("NgayKetThucXuLy", "");
    m.put("NgayTra", "20210401090000");
    m.put("NgayRut", "");
    m.put("NgayCapNhat", "20210401090000");
    m.put("LienThong", true);
    m.put("LuanChuyenDienTu", false);
    m.put("CoDuLieuDaCo", false);
    m.put("DuocTaiSuDung", false);
    m.put("DuocSoHoa", true);
    m.put("XacThucVNeID", true);
    m.put("ThietBi", "web");
    m.put("ThanhToanTrucTuyen", false);
    m.put("CoThuXinLoi", false);
    m.put("DanhGia", 2);
    return m;
  }

  private static Map<String, String> legacy() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("Mã hồ sơ", "26734.760.H29-210331-0002");
    m.put("Mã thủ tục", "1.000001.000.00.00.H29");
    m.put("Mã đơn vị", "26734.760.H29");
    m.put("Kênh", "Trực tiếp");
    m.put("Mức độ", "");
    m.put("Đối tượng", "Công dân");
    m.put("Trạng thái", "Đã trả kết quả");
    m.put("Ngày tiếp nhận", "31/03/2021 08:15");
    m.put("Ngày hẹn trả", "05/04/2021");
    m.put("Ngày có kết quả", "01/04/2021 16:00");
    m.put("Ngày trả kết quả", "01/04/2021 16:30");
    m.put("Ngày rút", "");
    m.put("Ngày cập nhật", "01/04/2021 16:30");
    for (String flag : List.of("Liên thông", "Luân chuyển điện tử", "Có dữ liệu đã có", "Tái sử dụng dữ liệu",
        "Số hóa", "Xác thực VNeID", "Thanh toán trực tuyến", "Thư xin lỗi")) {
      m.put(flag, "Không");
    }
    m.put("Thiết bị", "");
    m.put("Đánh giá", "Hài lòng");
    m.put("Họ tên", null);
    m.put("Số định danh", null);
    m.put("Số điện thoại", null);
    return m;
  }

  /** One feed A line: the dossier, fuzzed field by field, with an applicant; maybe an extra key. */
  public static Built feedA(FuzzedDataProvider data) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    List<String> personal = new ArrayList<>();
    for (Map.Entry<String, Object> e : DOSSIER.entrySet()) {
      if (data.consumeInt(0, 7) == 0) {
        o.set(e.getKey(), value(data)); // changed
      } else {
        o.set(e.getKey(), JSON.valueToTree(e.getValue()));
      }
    }
    ObjectNode owner = o.putObject(data.consumeBoolean() ? "ChuHoSo" : "chuHoSo");
    owner.put("HoTen", secret(data, personal));
    if (data.consumeBoolean()) {
      owner.put("SoDinhDanh", secret(data, personal));
    } else {
      long id = data.consumeLong(0, 999_999_999_999L);
      owner.put("SoDinhDanh", id);
      personal.add(String.valueOf(id));
    }
    owner.put("SoDienThoai", secret(data, personal));
    if (data.consumeBoolean()) {
      o.set(data.consumeString(24), value(data)); // a key nobody knows
    }
    String text = o.toString();
    owner.removeAll();
    return new Built(text, personal, o.toString());
  }

  /**
   * A feed B file: the header (maybe in another letter case or NFD, maybe short of its last
   * columns) and one to three records quoted as RFC 4180 wants, fuzzed field by field.
   */
  public static Built feedB(FuzzedDataProvider data) {
    List<String> personal = new ArrayList<>();
    List<String> headers = new ArrayList<>(LEGACY.keySet());
    int columns = data.consumeBoolean() ? headers.size() : data.consumeInt(1, headers.size());
    headers = headers.subList(0, columns);
    String eol = data.pickValue(List.of("\n", "\r\n", "\r"));
    StringBuilder text = new StringBuilder();
    StringBuilder without = new StringBuilder();
    List<String> header = headers.stream().map(h -> switch (data.consumeInt(0, 3)) {
      case 0 -> h.toUpperCase(Locale.ROOT);
      case 1 -> Normalizer.normalize(h, Normalizer.Form.NFD);
      default -> h;
    }).toList();
    text.append(String.join(";", header)).append(eol);
    without.append(text);
    int records = data.consumeInt(1, 3);
    for (int r = 0; r < records; r++) {
      List<String> cells = new ArrayList<>();
      List<String> others = new ArrayList<>();
      for (String h : headers) {
        String v = LEGACY.get(h);
        boolean secret = v == null;
        if (secret) {
          v = secret(data, personal);
        } else if (data.consumeInt(0, 7) == 0) {
          v = data.consumeString(24);
        }
        cells.add(csv(v));
        others.add(secret ? "" : csv(v));
      }
      text.append(String.join(";", cells)).append(eol);
      without.append(String.join(";", others)).append(eol);
    }
    return new Built(text.toString(), personal, without.toString());
  }

  /**
   * A value of the fuzzer's type: a number, a boolean, {@code null}, a container or text (a code, a
   * label, a date, or a name in the wrong field: whether it may stay in clear is {@code
   * CaseFields.inClear}'s to say).
   */
  private static JsonNode value(FuzzedDataProvider data) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return switch (data.consumeInt(0, 5)) {
      case 0 -> f.numberNode(data.consumeLong());
      case 1 -> f.numberNode(data.consumeRegularDouble());
      case 2 -> f.booleanNode(data.consumeBoolean());
      case 3 -> f.nullNode();
      case 4 -> f.objectNode().put(data.consumeString(8), data.consumeString(32));
      default -> f.textNode(data.consumeString(32));
    };
  }

  /** A personal value of the fuzzer's choice, remembered. */
  private static String secret(FuzzedDataProvider data, List<String> personal) {
    String s = data.consumeString(32);
    personal.add(s);
    return s;
  }

  /** A CSV value, quoted when it holds the delimiter, a quote or a line break. */
  private static String csv(String v) {
    return v.contains(";") || v.contains("\"") || v.contains("\n") || v.contains("\r") || v.startsWith(" ")
        ? '"' + v.replace("\"", "\"\"") + '"' : v;
  }
}
