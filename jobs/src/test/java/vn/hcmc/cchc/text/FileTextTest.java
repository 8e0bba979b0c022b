package vn.hcmc.cchc.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import org.junit.jupiter.api.Test;

class FileTextTest {
  @Test
  void fileBytesAreUtf8WithOrWithoutAMarkOrUtf16WithOne() {
    String text = "Mã hồ sơ;Họ tên\n";
    assertThat(FileText.decode(text.getBytes(StandardCharsets.UTF_8), false)).isEqualTo(text);
    byte[] le = text.getBytes(StandardCharsets.UTF_16LE);
    byte[] withMark = new byte[le.length + 2];
    withMark[0] = (byte) 0xFF;
    withMark[1] = (byte) 0xFE;
    System.arraycopy(le, 0, withMark, 2, le.length);
    assertThat(FileText.decode(withMark, false)).isEqualTo(text);
    assertThat(FileText.decode(text.getBytes(StandardCharsets.UTF_16), false)).isEqualTo(text); // big-endian, marked
  }

  @Test
  void bytesThatAreNoSuchTextAreAnUnreadableFileWithAReasonThatQuotesNothing() throws Exception {
    String vietnamese = "Mã hồ sơ;Họ tên\nA-1;Nguyễn Văn An\n";
    // Windows-1258 writes Vietnamese as base letters and combining marks, some of them bytes UTF-8 forbids
    byte[] cp1258 = Normalizer.normalize(vietnamese, Normalizer.Form.NFD)
        .getBytes(java.nio.charset.Charset.forName("windows-1258"));
    assertThatThrownBy(() -> FileText.decode(cp1258, false)).isInstanceOf(UnreadableFileException.class)
        .hasMessageMatching("not UTF-8: invalid byte sequence at byte \\d+ \\(another code page, e.g. "
            + "Windows-1258\\?\\); the feeds are UTF-8");
    assertThatThrownBy(() -> FileText.decode(new byte[] {'a', 'b', 'c', (byte) 0xFF, 'd'}, false))
        .hasMessageStartingWith("not UTF-8: invalid byte sequence at byte 3 ");
    assertThatThrownBy(() -> FileText.decode(vietnamese.getBytes(StandardCharsets.UTF_16LE), false))
        .isInstanceOf(UnreadableFileException.class).hasMessageStartingWith("NUL byte at byte 1 ");
    assertThatThrownBy(() -> FileText.decode(new byte[0], true)).isInstanceOf(UnreadableFileException.class)
        .hasMessageStartingWith("empty .gz file");
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
      gz.write(vietnamese.repeat(100).getBytes(StandardCharsets.UTF_8));
    }
    byte[] whole = out.toByteArray();
    assertThat(FileText.decode(whole, true)).isEqualTo(vietnamese.repeat(100));
    assertThatThrownBy(() -> FileText.decode(java.util.Arrays.copyOf(whole, whole.length - 9), true))
        .isInstanceOf(UnreadableFileException.class).hasMessageStartingWith("truncated gzip stream");
    assertThatThrownBy(() -> FileText.decode(vietnamese.getBytes(StandardCharsets.UTF_8), true))
        .isInstanceOf(UnreadableFileException.class).hasMessageStartingWith("not a valid gzip stream");
  }
}
