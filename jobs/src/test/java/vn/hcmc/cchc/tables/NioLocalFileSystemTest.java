package vn.hcmc.cchc.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local file system sessions use: no process started where Hadoop's own starts one per file;
 * files and folders get the permissions Hadoop's own would give them (mode after the umask),
 * checksums as before, link status as before.
 */
class NioLocalFileSystemTest {
  @TempDir
  java.nio.file.Path dir;

  private FileSystem fs() throws IOException {
    Configuration conf = new Configuration(false);
    conf.set("fs.permissions.umask-mode", "027");
    FileSystem fs = new NioLocalFileSystem();
    fs.initialize(java.net.URI.create("file:///"), conf);
    return fs;
  }

  /** Creates a folder, writes two files into it and renames one, through {@code fs}. */
  private void writeAndRename(FileSystem fs, String folder) throws IOException {
    Path dirPath = new Path(dir.resolve(folder).toUri());
    fs.mkdirs(dirPath, new FsPermission((short) 0755));
    for (String name : java.util.List.of("a.tmp", "b.parquet")) {
      try (FSDataOutputStream out = fs.create(new Path(dirPath, name), new FsPermission((short) 0644), false, 4096,
          (short) 1, 1 << 20, null)) {
        out.write(1);
      }
    }
    assertThat(fs.rename(new Path(dirPath, "a.tmp"), new Path(dirPath, "a.json"))).isTrue();
  }

  /** The processes the JVM started while {@code work} ran (JFR's {@code jdk.ProcessStart} events). */
  private long processesStartedBy(IoWork work) throws Exception {
    try (jdk.jfr.Recording recording = new jdk.jfr.Recording()) {
      recording.enable("jdk.ProcessStart");
      recording.start();
      work.run();
      recording.stop();
      java.nio.file.Path events = dir.resolve("events-" + System.nanoTime() + ".jfr");
      recording.dump(events);
      return jdk.jfr.consumer.RecordingFile.readAllEvents(events).stream()
          .filter(e -> e.getEventType().getName().equals("jdk.ProcessStart")).count();
    }
  }

  private interface IoWork {
    void run() throws Exception;
  }

  @Test
  void noProcessIsStartedWhereHadoopsOwnStartsOnePerFile() throws Exception {
    FileSystem ours = fs();
    assertThat(processesStartedBy(() -> writeAndRename(ours, "ours"))).isZero();
    // the control, where Hadoop has no native library (as here): its own file system forks
    org.junit.jupiter.api.Assumptions.assumeFalse(org.apache.hadoop.io.nativeio.NativeIO.isAvailable());
    FileSystem hadoops = new org.apache.hadoop.fs.LocalFileSystem();
    Configuration conf = new Configuration(false);
    conf.set("fs.permissions.umask-mode", "027");
    hadoops.initialize(java.net.URI.create("file:///"), conf);
    assertThat(processesStartedBy(() -> writeAndRename(hadoops, "hadoops"))).isGreaterThanOrEqualTo(2);
  }

  @Test
  void aFileAndAFolderGetTheirModeAfterTheUmaskAndTheFileItsChecksum() throws IOException {
    FileSystem fs = fs();
    Path folder = new Path(dir.resolve("a/b").toUri());
    assertThat(fs.mkdirs(folder, new FsPermission((short) 0777))).isTrue();
    Path file = new Path(folder, "part-0.parquet");
    try (FSDataOutputStream out = fs.create(file, new FsPermission((short) 0666), false, 4096, (short) 1, 1 << 20, null)) {
      out.write(new byte[] {1, 2, 3});
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b")))).isEqualTo("rwxr-x---");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b/part-0.parquet"))))
        .isEqualTo("rw-r-----");
    assertThat(dir.resolve("a/b/.part-0.parquet.crc")).exists();
    assertThat(fs.getFileStatus(file).getLen()).isEqualTo(3);
  }

  @Test
  void setPermissionSetsEveryBitAsChmodWould() throws IOException {
    FileSystem fs = fs();
    java.nio.file.Path f = Files.writeString(dir.resolve("f"), "x");
    fs.setPermission(new Path(f.toUri()), new FsPermission((short) 0751));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rwxr-x--x");
    fs.setPermission(new Path(f.toUri()), new FsPermission((short) 0404));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("r-----r--");
  }

  @Test
  void theLinkStatusOfAFileAndOfALinkIsHadoopsOwn() throws IOException {
    FileSystem fs = fs();
    FileSystem hadoops = new org.apache.hadoop.fs.LocalFileSystem();
    hadoops.initialize(java.net.URI.create("file:///"), new Configuration(false));
    java.nio.file.Path f = Files.writeString(dir.resolve("f"), "abc");
    java.nio.file.Path link = Files.createSymbolicLink(dir.resolve("l"), f);
    for (java.nio.file.Path p : java.util.List.of(f, link)) {
      org.apache.hadoop.fs.FileStatus ours = fs.getFileLinkStatus(new Path(p.toUri()));
      org.apache.hadoop.fs.FileStatus theirs = hadoops.getFileLinkStatus(new Path(p.toUri()));
      assertThat(ours.isSymlink()).as(p.toString()).isEqualTo(theirs.isSymlink());
      assertThat(ours.getLen()).as(p.toString()).isEqualTo(theirs.getLen()).isEqualTo(3);
      assertThat(ours.getPath()).as(p.toString()).isEqualTo(theirs.getPath());
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> fs.getFileLinkStatus(new Path(dir.resolve("none").toUri())))
        .isInstanceOf(java.io.FileNotFoundException.class);
  }

  @Test
  void aSessionsFileSystemForLocalPathsIsThisOne() throws IOException {
    Configuration conf = vn.hcmc.cchc.support.TestSpark.session().sparkContext().hadoopConfiguration();
    // a new instance: Hadoop's cache holds the JVM's first one, whatever configuration made it
    assertThat(FileSystem.newInstance(dir.toUri(), conf)).isInstanceOf(NioLocalFileSystem.class);
    assertThat(new Path(dir.toUri()).getFileSystem(conf)).as("the cached one (the tests' core-site.xml)")
        .isInstanceOf(NioLocalFileSystem.class);
    assertThat(org.apache.hadoop.fs.FileContext.getFileContext(dir.toUri(), conf).getDefaultFileSystem())
        .isInstanceOf(NioLocalFileSystem.Fs.class);
  }

  @Test
  void aFileWrittenThroughTheFileContextGetsItsModeAndChecksumAndRenames() throws Exception {
    Configuration conf = new Configuration(false);
    conf.set("fs.permissions.umask-mode", "027");
    conf.set("fs.AbstractFileSystem.file.impl", NioLocalFileSystem.Fs.class.getName());
    org.apache.hadoop.fs.FileContext fc = org.apache.hadoop.fs.FileContext.getFileContext(dir.toUri(), conf);
    Path tmp = new Path(dir.resolve(".00001.json.tmp").toUri());
    // a Delta commit's two steps, with no process started (Hadoop's LocalFs runs chmod, then readlink)
    assertThat(processesStartedBy(() -> {
      try (FSDataOutputStream out = fc.create(tmp, java.util.EnumSet.of(org.apache.hadoop.fs.CreateFlag.CREATE))) {
        out.write("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      fc.rename(tmp, new Path(dir.resolve("00001.json").toUri()));
    })).isZero();
    assertThat(dir.resolve("00001.json")).hasContent("{}");
    assertThat(dir.resolve(".00001.json.crc")).exists();
    assertThat(dir.resolve(".00001.json.tmp")).doesNotExist();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("00001.json"))))
        .isEqualTo("rw-r-----");
  }
}
