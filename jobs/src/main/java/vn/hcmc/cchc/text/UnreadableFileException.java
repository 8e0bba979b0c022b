package vn.hcmc.cchc.text;

/**
 * A file that cannot be read at all: a zero-byte or truncated {@code .gz}, bytes that are not
 * UTF-8 (nor UTF-16 with a byte-order mark), a reference snapshot without its columns. A fault of
 * the file, not of the run: ingest sets it aside in {@code bronze.bad_files} with {@link
 * #getMessage()} as its reason and goes on. The reason never quotes the file's content.
 */
public final class UnreadableFileException extends RuntimeException {
  public UnreadableFileException(String reason) {
    super(reason);
  }
}
