package vn.hcmc.cchc.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which field a key names, and which values of it may stay in clear. */
class CaseFieldsTest {
  @ParameterizedTest
  @ValueSource(strings = {"Mã hồ sơ", "Mã Hồ Sơ", "MÃ HỒ SƠ", "  mã   hồ sơ ", "MaHoSo", "mahoso", "MAHOSO"})
  void aHeaderOrKeyIsMatchedInAnyCaseSpacingAndUnicodeForm(String name) {
    assertThat(CaseFields.field(name)).isEqualTo(CaseFields.DOSSIER);
    assertThat(CaseFields.field(Normalizer.normalize(name, Normalizer.Form.NFD))).isEqualTo(CaseFields.DOSSIER);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Họ Tên", "SỐ ĐỊNH DANH", "Số Điện Thoại", "hoten", "ChuHoSo", "chuhoso"})
  void theApplicantsColumnsArePersonalWhateverTheirCase(String name) {
    assertThat(CaseFields.personal(CaseFields.field(name))).as(name).isTrue();
    assertThat(CaseFields.inClear(CaseFields.field(name), "x")).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "MaDonVi|000.00.760.H29", "MaHoSo|38.98.H29-210519-0013", "MaTTHC|1.001612.000.00.00.H29", "MaDonVi|760",
      "KenhThucHien|2", "KenhThucHien|  TRỰC   TUYẾN ", "KenhThucHien|7", "TrangThaiHoSo|Đã Trả Kết Quả",
      "MucDoDVC|ToanTrinh", "DanhGia|Rất hài lòng", "LienThong|Có", "LienThong|true", "ThietBi|WEB",
      "NgayTiepNhan|20210519083000", "NgayTiepNhan|01/04/2021  08:15", "NgayHenTra|05/04/2021", "NgayRut|"})
  void aValueOfItsFieldsShapeStaysInClear(String field, String value) {
    assertThat(CaseFields.inClear(field, value == null ? "" : value)).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "LoaiDoiTuong|079301234567", "DanhGia|0912345678", "LienThong|Nguyễn Văn An", "KenhThucHien|Nguyen Van An",
      "MaDonVi|0912.345.678", "MaHoSo|H29-0912345678", "MaDonVi|Trần Thị Bích", "NgayTiepNhan|0912345678",
      "NgayCapNhat|2021051908300", "ThietBi|Lê Văn Cường", "MucDoDVC|0301234567", "TruongMoi|5"})
  void anythingElseIsTreatedAsPersonal(String field, String value) {
    assertThat(CaseFields.inClear(CaseFields.field(field), value)).as("%s = %s", field, value).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"TruongMoi|true", "Extra_2|true", "Cột mới|false", "Nguyễn Văn An|false",
      "0912345678|false", "a0912345678|false"})
  void aKeyNamingNoFieldIsKeptOnlyWhenItIsAPlainIdentifier(String key, boolean plain) {
    assertThat(CaseFields.field(key)).isNull();
    assertThat(CaseFields.plainKey(key)).isEqualTo(plain);
  }
}
