package vn.hcmc.cchc.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/** A growable UTF-8 byte buffer: lines are encoded once, straight into bytes, with no String in between. */
final class Utf8Builder {
  private byte[] buf;
  private int len;

  Utf8Builder(int capacity) {
    buf = new byte[capacity];
  }

  int length() {
    return len;
  }

  void reset() {
    len = 0;
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }

  Utf8Builder ascii(char c) {
    ensure(1);
    buf[len++] = (byte) c;
    return this;
  }

  /** Appends a string known to be ASCII (codes, digits, keys). */
  @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int) is the one bulk Latin-1 copy
  Utf8Builder ascii(String s) {
    int n = s.length();
    ensure(n);
    s.getBytes(0, n, buf, len);
    len += n;
    return this;
  }

  Utf8Builder bytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
    return this;
  }

  Utf8Builder number(long v) {
    if (v < 0) {
      ascii('-');
      v = -v;
    }
    if (v < 10) {
      return ascii((char) ('0' + v));
    }
    ensure(20);
    int start = len;
    while (v > 0) {
      buf[len++] = (byte) ('0' + v % 10);
      v /= 10;
    }
    for (int i = start, j = len - 1; i < j; i++, j--) {
      byte t = buf[i];
      buf[i] = buf[j];
      buf[j] = t;
    }
    return this;
  }

  /** Two digits, zero-padded. */
  Utf8Builder two(int v) {
    ensure(2);
    buf[len++] = (byte) ('0' + v / 10);
    buf[len++] = (byte) ('0' + v % 10);
    return this;
  }

  Utf8Builder text(String s) {
    int n = s.length();
    if (isAscii(s)) {
      return ascii(s);
    }
    ensure(n * 3);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        buf[len++] = (byte) c;
      } else if (c < 0x800) {
        buf[len++] = (byte) (0xC0 | (c >> 6));
        buf[len++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        ensure(4);
        buf[len++] = (byte) (0xF0 | (cp >> 18));
        buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        buf[len++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        buf[len++] = (byte) (0xE0 | (c >> 12));
        buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buf[len++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return this;
  }

  /** A JSON string literal. */
  Utf8Builder jsonString(String s) {
    ascii('"');
    int n = s.length();
    int plainFrom = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\' || c < 0x20) {
        if (i > plainFrom) {
          text(s.substring(plainFrom, i));
        }
        switch (c) {
          case '"' -> ascii("\\\"");
          case '\\' -> ascii("\\\\");
          case '\n' -> ascii("\\n");
          case '\r' -> ascii("\\r");
          case '\t' -> ascii("\\t");
          default -> {
            ascii("\\u00");
            ascii(Character.forDigit(c >> 4, 16));
            ascii(Character.forDigit(c & 0xF, 16));
          }
        }
        plainFrom = i + 1;
      }
    }
    if (plainFrom == 0) {
      text(s);
    } else if (plainFrom < n) {
      text(s.substring(plainFrom));
    }
    return ascii('"');
  }

  /** A CSV field, quoted when it holds the separator, a quote or a line break. */
  Utf8Builder csvField(String value, char sep) {
    if (!Csv.needsQuotes(value, sep)) {
      return text(value);
    }
    return ascii('"').text(value.replace("\"", "\"\"")).ascii('"');
  }

  static boolean isAscii(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  void writeTo(OutputStream os) throws IOException {
    os.write(buf, 0, len);
  }

  String toUtf8String() {
    return new String(buf, 0, len, java.nio.charset.StandardCharsets.UTF_8);
  }
}
