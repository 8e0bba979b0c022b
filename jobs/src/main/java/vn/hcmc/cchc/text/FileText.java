package vn.hcmc.cchc.text;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import vn.hcmc.cchc.tables.Transform;

/**
 * The text of a file's bytes, as the feeds and our own reference files may store it: UTF-8 with or
 * without a byte-order mark, UTF-16 only when a mark says so, maybe gzipped. Anything else is
 * refused with a reason rather than guessed: a wrong guess would put mojibake into bronze, and a
 * reason lets the file be set aside and sent back.
 */
@Transform
public final class FileText {
  private FileText() {}

  /** Decodes a whole file: UTF-8, a leading byte-order mark dropped ({@link #decode(byte[], boolean)}). */
  public static String decode(InputStream in) throws IOException {
    return decode(in.readAllBytes(), false);
  }

  /**
   * The text of a file's stored bytes, gunzipped when {@code gzip}: UTF-8 with or without a
   * byte-order mark, or UTF-16 when a byte-order mark says so.
   *
   * @throws UnreadableFileException when the bytes are no such text: an empty or truncated gzip
   *     stream, a NUL byte (UTF-16 without its mark), a byte sequence UTF-8 forbids (a
   *     Windows-1258 export, say)
   */
  public static String decode(byte[] stored, boolean gzip) {
    byte[] b = gzip ? gunzip(stored) : stored;
    if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
      return new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
    }
    if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
      return new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE);
    }
    int bom = b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF ? 3 : 0;
    for (int i = bom; i < b.length; i++) {
      if (b[i] == 0) {
        throw new UnreadableFileException("NUL byte at byte " + i + " (UTF-16 without a byte-order mark?);"
            + " the feeds are UTF-8");
      }
    }
    // one pass: the decoder stops at the first bad sequence and says where (UTF-8 never needs more
    // chars than bytes, so the buffer cannot overflow)
    ByteBuffer in = ByteBuffer.wrap(b, bom, b.length - bom);
    CharBuffer out = CharBuffer.allocate(b.length - bom);
    CoderResult r = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in, out, true);
    if (r.isError()) {
      throw new UnreadableFileException("not UTF-8: invalid byte sequence at byte " + in.position()
          + " (another code page, e.g. Windows-1258?); the feeds are UTF-8");
    }
    return out.flip().toString();
  }

  private static byte[] gunzip(byte[] stored) {
    if (stored.length == 0) {
      throw new UnreadableFileException("empty .gz file (0 bytes): not a gzip stream");
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(stored), 1 << 16)) {
      return in.readAllBytes();
    } catch (EOFException e) {
      throw new UnreadableFileException("truncated gzip stream (" + stored.length + " bytes stored, ends early)");
    } catch (IOException e) {
      throw new UnreadableFileException("not a valid gzip stream (" + e.getMessage() + ")");
    }
  }
}
