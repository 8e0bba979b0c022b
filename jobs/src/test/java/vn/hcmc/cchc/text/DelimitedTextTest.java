package vn.hcmc.cchc.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DelimitedTextTest {
  @Test
  void quotedValuesHoldDelimitersQuotesAndLineBreaks() {
    String text = "a;b;c\r\n1;\"x; \"\"y\"\"\nz\";3\r\n4;5;6\r\n";
    List<DelimitedText.Record> records = DelimitedText.records(text, ';');
    assertThat(records).hasSize(3);
    assertThat(records.get(1).fields()).containsExactly("1", "x; \"y\"\nz", "3");
    assertThat(records.get(1).lineNumber()).isEqualTo(2);
    assertThat(records.get(2).lineNumber()).as("the line after a two-line record").isEqualTo(4);
  }

  @Test
  void aQuoteNeverClosedIsOneMalformedLineAndReadingGoesOn() {
    String text = "a;b\n\"broken;1\n2;3\n4;5\n";
    List<DelimitedText.Record> records = DelimitedText.records(text, ';');
    assertThat(records).extracting(DelimitedText.Record::malformed).containsExactly(false, true, false, false);
    assertThat(records.get(2).fields()).containsExactly("2", "3");
  }

  @Test
  void textAfterAClosingQuoteIsMalformed() {
    assertThat(DelimitedText.split("\"a\"b;c", ';')).isNull();
    assertThat(DelimitedText.split(" \"a\" ;c;", ';')).containsExactly("a", "c", "");
  }

  @Test
  void blankLinesAreNotRecords() {
    assertThat(DelimitedText.records("h\n\n1\n  \n2", ';')).extracting(DelimitedText.Record::lineNumber)
        .containsExactly(1L, 3L, 5L);
  }
}
