package vn.hcmc.cchc.tables;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The one-line failure of a store that does not answer. An s3a:// error nests the SDK's retries
 * three exceptions deep, and the outer message is a page long; what a person needs is the root,
 * the endpoint it was sent to, and the innermost reason ("Connection refused").
 */
public final class StorageError {
  private StorageError() {}

  /** E.g. {@code cannot reach the warehouse s3a://b/wh (endpoint http://127.0.0.1:9390): Connection refused}. */
  public static UncheckedIOException unreachable(String what, String root, Configuration conf, IOException e) {
    String scheme = new Path(root).toUri().getScheme();
    String endpoint = scheme == null ? null : conf.getTrimmed("fs." + scheme + ".endpoint");
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String reason = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
    return new UncheckedIOException("cannot reach " + what + " " + root
        + (endpoint == null || endpoint.isEmpty() ? "" : " (endpoint " + endpoint + ")") + ": " + reason, e);
  }
}
