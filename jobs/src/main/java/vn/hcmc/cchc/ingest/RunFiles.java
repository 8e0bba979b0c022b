package vn.hcmc.cchc.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import vn.hcmc.cchc.text.FileText;

/**
 * The files an ingest run reads on the driver (snapshots, work files, indicators), each read from
 * storage once per run: the check that it can be read, the reference rebuild and the side feeds
 * then share its text and its hash instead of reading it again (on s3a each read is a request).
 * Case files are read where they are parsed, on the executors, and never pass through here.
 */
final class RunFiles {
  /** A file's text and the SHA-256 of its bytes as stored. */
  record Content(String text, String sha256) {}

  private final Configuration conf;
  private final Map<String, Content> read = new HashMap<>();

  RunFiles(Configuration conf) {
    this.conf = conf;
  }

  /**
   * The text of {@code f}, decoded as {@link FileText} does.
   *
   * @throws vn.hcmc.cchc.text.UnreadableFileException when its bytes are no text of the feeds
   */
  String text(RawFile f) {
    return content(f).text();
  }

  /** The SHA-256 of {@code f}'s bytes as stored (what the ledger records). */
  String sha256(RawFile f) {
    return content(f).sha256();
  }

  private Content content(RawFile f) {
    Content c = read.get(f.path());
    if (c == null) {
      byte[] stored = bytes(f.path());
      // a file that cannot be decoded throws each time it is asked for, never half-cached
      c = new Content(FileText.decode(stored, false), Sha256.of(stored));
      read.put(f.path(), c);
    }
    return c;
  }

  private byte[] bytes(String path) {
    Path p = new Path(path);
    try (InputStream in = p.getFileSystem(conf).open(p)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}
