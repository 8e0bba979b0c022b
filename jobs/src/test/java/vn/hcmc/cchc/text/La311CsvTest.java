package vn.hcmc.cchc.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The delimited-text reader on real public exports of another city (MyLA311, Los Angeles; the first
 * 300 records of each of the two samples in ../shared/external/la311): quoted values holding the
 * delimiter, quoted numbers, empty quoted and unquoted fields. Expected values read with Python's
 * csv module.
 */
class La311CsvTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "myla311-2017-300.csv   | 33 | 15 | 2111 W BELLEVUE AVE, 90026 | 23 | (34.073216645, -118.266861909)",
      "requests-2020-300.csv  | 35 | 19 | 16815 W VANOWEN ST, 91406  | 12 | ''",
  })
  void everyRecordHasTheHeadersFieldCount(String file, int fields, int addressColumn, String address,
      int otherColumn, String other) throws Exception {
    String text;
    try (InputStream in = getClass().getResourceAsStream("/la311/" + file)) {
      text = FileText.decode(in);
    }
    List<DelimitedText.Record> records = DelimitedText.records(text, ',');
    assertThat(records).hasSize(301);
    assertThat(records).allSatisfy(r -> {
      assertThat(r.malformed()).isFalse();
      assertThat(r.fields()).hasSize(fields);
    });
    assertThat(records.get(1).fields().get(addressColumn)).isEqualTo(address);
    assertThat(records.get(1).fields().get(otherColumn)).isEqualTo(other);
    assertThat(records.get(300).lineNumber()).isEqualTo(301);
  }
}
