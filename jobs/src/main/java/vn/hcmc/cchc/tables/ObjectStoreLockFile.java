package vn.hcmc.cchc.tables;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import vn.hcmc.cchc.tables.WarehouseLock.Holder;

/**
 * The lock file on object storage ({@code s3a://}, or any other Hadoop file system but the local
 * one). A PUT appears whole, so the file is never seen half-written. "Create unless it exists" is
 * one conditional PUT ({@code If-None-Match: *}) where the file system offers it (S3A of Hadoop 3.5,
 * {@code fs.option.create.conditional.overwrite}; on by default, {@code
 * fs.s3a.create.conditional.enabled}): the store lets exactly one of two racing runs create the
 * file, and the other gets a refusal. Elsewhere it is a check and then a PUT, which two runs can
 * both pass. Either way the claim is read back after a settling pause, and the one whose content is
 * there holds the lock: that decides the race on a store that ignores the condition, and only
 * confirms it on one that keeps it (docs/RELIABILITY.md).
 */
final class ObjectStoreLockFile implements LockFile {
  private static final Duration SETTLE = Duration.ofMillis(500);
  /** Hadoop's option (and path capability) of a create that fails when the object exists. */
  static final String CONDITIONAL_CREATE = "fs.option.create.conditional.overwrite";

  private final Configuration conf;
  private final Path path;

  ObjectStoreLockFile(Configuration conf, Path path) {
    this.conf = conf;
    this.path = path;
  }

  @Override
  public boolean claim(Holder h) throws IOException {
    if (exists() || !createIfAbsent(h)) {
      return false;
    }
    try {
      Thread.sleep(SETTLE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return h.equals(read());
  }

  /**
   * Writes {@code h} unless the file exists: one conditional PUT where the store offers it, else a
   * create without overwrite (a check, then a PUT). Whether the store took this write.
   */
  boolean createIfAbsent(Holder h) throws IOException {
    FileSystem fs = path.getFileSystem(conf);
    try (OutputStream out = conditional(fs) ? conditionalCreate(fs) : fs.create(path, false)) {
      out.write(h.bytes());
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      // S3A reports the store's 412 (the object exists) as a change of the remote file
      if (isPreconditionFailed(e)) {
        return false;
      }
      throw e;
    }
    return true;
  }

  /** A create that the store refuses, when its stream is closed, if the object exists by then. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  OutputStream conditionalCreate(FileSystem fs) throws IOException {
    org.apache.hadoop.fs.FSDataOutputStreamBuilder builder = fs.createFile(path);
    builder.overwrite(false);
    builder.must(CONDITIONAL_CREATE, true);
    return (OutputStream) builder.build();
  }

  /** Whether creates at the lock's path can be conditional: S3A with conditional create on. */
  boolean conditional(FileSystem fs) throws IOException {
    return fs.hasPathCapability(path, CONDITIONAL_CREATE);
  }

  private static boolean isPreconditionFailed(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getClass().getSimpleName().equals("RemoteFileChangedException") || String.valueOf(t.getMessage())
          .contains("412")) {
        return true;
      }
    }
    return false;
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
