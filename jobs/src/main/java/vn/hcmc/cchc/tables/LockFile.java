package vn.hcmc.cchc.tables;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import vn.hcmc.cchc.tables.WarehouseLock.Holder;

/**
 * Where {@link WarehouseLock} keeps its file, and how the file is created, replaced, read and
 * deleted there. Two stores with different guarantees: a local file system can create a name
 * atomically, object storage cannot, so what "I hold the lock" means differs; the waiting, the
 * staleness and the messages do not, and stay in {@link WarehouseLock}.
 */
interface LockFile {
  /** The lock file at {@code path}, by the scheme its file system answers to ({@code file:} for a plain path). */
  static LockFile at(Configuration conf, Path path) throws IOException {
    FileSystem fs = path.getFileSystem(conf);
    return "file".equals(fs.getScheme()) ? new LocalLockFile(path) : new ObjectStoreLockFile(conf, path);
  }

  /** Writes {@code h} unless a lock exists; whether {@code h} holds the lock now. */
  boolean claim(Holder h) throws IOException;

  /** Replaces the file's content in one step: never seen half-written. */
  void replace(Holder h) throws IOException;

  /** The holder the file names now; {@code null} when it is gone or unreadable. */
  Holder read() throws IOException;

  boolean exists() throws IOException;

  void delete() throws IOException;
}
