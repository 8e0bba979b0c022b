package vn.hcmc.cchc.tables;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.EtagSource;
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
 * confirms it on one that keeps it (docs/RELIABILITY.md). The heartbeat overwrites the holder's own
 * version only ({@code If-Match}, {@link #replace}); the delete at the end cannot be conditional
 * (S3A has no conditional delete), so it stays a check of the content, then a DELETE.
 */
final class ObjectStoreLockFile implements LockFile {
  private static final Duration SETTLE = Duration.ofMillis(500);
  /** Hadoop's option (and path capability) of a create that fails when the object exists. */
  static final String CONDITIONAL_CREATE = "fs.option.create.conditional.overwrite";
  /** Hadoop's option (and path capability) of an overwrite that fails unless the object's ETag is the one given. */
  static final String CONDITIONAL_OVERWRITE = "fs.option.create.conditional.overwrite.etag";

  private volatile String etag;

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
    return confirm(h);
  }

  /**
   * Whether the file holds {@code h}, keeping the ETag of that version for the next {@link
   * #replace}. The ETag is asked for before the content is read: if the content is {@code h}, no
   * write came between this holder's PUT and the read, so the ETag is its version's.
   */
  private boolean confirm(Holder h) throws IOException {
    FileSystem fs = path.getFileSystem(conf);
    String tag = fs.getFileStatus(path) instanceof EtagSource e ? e.getEtag() : null;
    boolean mine = h.equals(read());
    etag = mine ? tag : null;
    return mine;
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

  /**
   * Overwrites the holder's own version only, where the store allows: a PUT with {@code If-Match:
   * <ETag>} (Hadoop 3.5's {@code fs.option.create.conditional.overwrite.etag}), so that a holder whose
   * lock was taken over as stale, and replaced, cannot overwrite its successor's; the store's
   * refusal is {@link LostException}. Elsewhere a plain PUT, after {@link WarehouseLock}'s check of
   * the content.
   */
  @Override
  public void replace(Holder h) throws IOException {
    FileSystem fs = path.getFileSystem(conf);
    if (etag == null || !fs.hasPathCapability(path, CONDITIONAL_OVERWRITE)) {
      try (OutputStream out = fs.create(path, true)) {
        out.write(h.bytes());
      }
      return;
    }
    try (OutputStream out = conditionalOverwrite(fs, etag)) {
      out.write(h.bytes());
    } catch (FileNotFoundException e) {
      throw new LostException(path);
    } catch (IOException e) {
      if (isPreconditionFailed(e)) {
        throw new LostException(path);
      }
      throw e;
    }
    if (!confirm(h)) {
      throw new LostException(path);
    }
  }

  /** A replace that the store refuses, when its stream is closed, unless the object's ETag is still {@code etag}. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private OutputStream conditionalOverwrite(FileSystem fs, String etag) throws IOException {
    org.apache.hadoop.fs.FSDataOutputStreamBuilder builder = fs.createFile(path);
    builder.overwrite(true);
    builder.must(CONDITIONAL_OVERWRITE, etag);
    return (OutputStream) builder.build();
  }

  /** The store refused a heartbeat: the lock is no longer this holder's version. */
  static final class LostException extends IOException {
    LostException(Path path) {
      super(path + " is no longer this run's (taken over, or deleted)");
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
