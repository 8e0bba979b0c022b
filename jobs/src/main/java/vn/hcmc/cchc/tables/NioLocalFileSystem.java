package vn.hcmc.cchc.tables;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FsConstants;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.local.LocalConfigKeys;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;

/**
 * Hadoop's local file system ({@code file://}, checksums and all) without a process per file.
 * Without Hadoop's native library (none ships for this machine, and none is downloaded) the raw
 * file system sets the permission of every file and folder it creates by running {@code chmod}, and
 * reads a file's link status by running {@code readlink}: a fork and exec per data file, checksum file
 * and Delta commit. A daily MERGE at scale 0.01 writes ~1,200 such files in one task, which spent most
 * of its time waiting for those processes (docs/DECISIONS.md, "Local files without a process per
 * file"). Here both go through {@code java.nio}, with the same result; with the native library, or
 * for a sticky bit (which {@code java.nio} cannot set), Hadoop's own code runs.
 *
 * <p>Hadoop has two APIs over a file system and both run the forks: {@code FileSystem} (Spark's and
 * Delta's data files: this class) and {@code FileContext} (Delta's commits, Spark's checkpoint files:
 * {@link Fs}). Sessions use both for {@code file://} unless {@code spark.hadoop.fs.file.impl} is set
 * ({@code Sessions#create}); object stores ({@code s3a://}) are untouched.
 */
public final class NioLocalFileSystem extends LocalFileSystem {
  public NioLocalFileSystem() {
    super(new Raw());
  }

  /**
   * The same for Hadoop's {@code FileContext} ({@code fs.AbstractFileSystem.file.impl}): Hadoop's
   * {@code LocalFs} (checksums over a raw local file system), over {@link Raw}.
   */
  public static final class Fs extends ChecksumFs {
    public Fs(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(new RawFs(conf));
    }
  }

  /** Hadoop's {@code RawLocalFs} (package-private there) over {@link Raw}. */
  static final class RawFs extends DelegateToFileSystem {
    RawFs(Configuration conf) throws IOException, URISyntaxException {
      super(FsConstants.LOCAL_FS_URI, new Raw(), conf, FsConstants.LOCAL_FS_URI.getScheme(), false);
    }

    @Override
    public int getUriDefaultPort() {
      return -1; // no default port for file:///
    }

    @Override
    @SuppressWarnings("deprecation")
    public FsServerDefaults getServerDefaults(Path f) throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    public boolean isValidName(String src) {
      return true; // any local path
    }
  }

  /** The raw file system under the checksums. */
  static final class Raw extends RawLocalFileSystem {
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      if (NativeIO.isAvailable() || permission.getStickyBit()) {
        super.setPermission(p, permission);
        return;
      }
      Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission.toShort()));
    }

    /** A file that is not a symbolic link has the status {@link #getFileStatus} gives (Hadoop's answer too). */
    @Override
    public FileStatus getFileLinkStatus(Path f) throws IOException {
      if (NativeIO.isAvailable() || Files.isSymbolicLink(pathToFile(f).toPath())) {
        return super.getFileLinkStatus(f);
      }
      return getFileStatus(f);
    }
  }

  private static final PosixFilePermission[] BITS = {
    PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
    PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
    PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

  /** The nine permission bits of a POSIX mode as {@code java.nio}'s set. */
  static Set<PosixFilePermission> posix(short mode) {
    Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
    for (int i = 0; i < BITS.length; i++) {
      if ((mode & (1 << i)) != 0) {
        out.add(BITS[i]);
      }
    }
    return out;
  }
}
