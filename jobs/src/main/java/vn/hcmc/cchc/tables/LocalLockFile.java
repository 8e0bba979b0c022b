package vn.hcmc.cchc.tables;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import org.apache.hadoop.fs.Path;
import vn.hcmc.cchc.tables.WarehouseLock.Holder;

/**
 * The lock file on a local (POSIX) file system, through java.nio rather than Hadoop's local file
 * system, which leaves {@code .crc} side files and cannot create a name atomically. The content is
 * written beside the file first, then hard-linked into place ({@code link(2)} fails if the name
 * exists) or renamed over it, so the file is never seen half-written and exactly one of two racing
 * runs creates it.
 */
final class LocalLockFile implements LockFile {
  private final java.nio.file.Path file;

  LocalLockFile(Path path) {
    this.file = java.nio.file.Path.of(path.toUri().getPath());
  }

  @Override
  public boolean claim(Holder h) throws IOException {
    Files.createDirectories(file.getParent());
    java.nio.file.Path tmp = beside(h);
    try {
      Files.createLink(file, tmp);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @Override
  public void replace(Holder h) throws IOException {
    Files.move(beside(h), file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public Holder read() throws IOException {
    try {
      return Holder.parse(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  @Override
  public boolean exists() {
    return Files.exists(file);
  }

  @Override
  public void delete() throws IOException {
    Files.deleteIfExists(file);
  }

  /** {@code h} written to a name of its own run beside the lock file. */
  private java.nio.file.Path beside(Holder h) throws IOException {
    return Files.write(file.resolveSibling(WarehouseLock.FILE + "." + h.runId() + ".tmp"), h.bytes());
  }
}
