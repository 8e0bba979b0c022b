package vn.hcmc.cchc.ingest;

/**
 * A raw file that cannot be read at all: a zero-byte or truncated {@code .gz}, bytes that are not
 * UTF-8 (nor UTF-16 with a byte-order mark), a reference snapshot without its columns. The file
 * is set aside in {@code bronze.bad_files} with {@link #getMessage()} as its reason; the run goes
 * on. The reason never quotes the file's content.
 */
public final class UnreadableFileException extends RuntimeException {
  public UnreadableFileException(String reason) {
    super(reason);
  }
}
