package vn.hcmc.cchc.tables;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.Path;
import vn.hcmc.cchc.tables.WarehouseLock.Holder;

/**
 * The lock file on object storage ({@code s3a://}, or any other Hadoop file system but the local
 * one). A PUT appears whole, so the file is never seen half-written, but "create unless it exists"
 * is a check and then a PUT, which two runs can both pass: the winner of such a race is the one
 * whose content is read back after a settling pause (docs/RELIABILITY.md).
 */
final class ObjectStoreLockFile implements LockFile {
  private static final Duration SETTLE = Duration.ofMillis(500);

  private final Configuration conf;
  private final Path path;

  ObjectStoreLockFile(Configuration conf, Path path) {
    this.conf = conf;
    this.path = path;
  }

  @Override
  public boolean claim(Holder h) throws IOException {
    if (exists()) {
      return false;
    }
    try (OutputStream out = path.getFileSystem(conf).create(path, false)) {
      out.write(h.bytes());
    } catch (FileAlreadyExistsException e) {
      return false;
    }
    try {
      Thread.sleep(SETTLE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return h.equals(read());
  }

  @Override
  public void replace(Holder h) throws IOException {
    try (OutputStream out = path.getFileSystem(conf).create(path, true)) {
      out.write(h.bytes());
    }
  }

  @Override
  public Holder read() throws IOException {
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      return Holder.parse(in.readAllBytes());
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  @Override
  public boolean exists() throws IOException {
    return path.getFileSystem(conf).exists(path);
  }

  @Override
  public void delete() throws IOException {
    path.getFileSystem(conf).delete(path, false);
  }
}
