package vn.hcmc.cchc.generate;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where the files go: any Hadoop file system ({@code s3a://...}, {@code hdfs://...}) through
 * {@link FileSystem}; a local disk ({@code file:} or a plain path) through java.nio, because
 * Hadoop's local file system forks a {@code chmod} process for every file it creates when its
 * native library is missing (~20 ms a file: minutes over a year's ~15,000 files), and leaves
 * {@code .crc} side files that ingest would list.
 */
final class OutputFiles {
  private static final int BUFFER = 1 << 16;

  private final FileSystem fs;
  private final Path root;
  private final java.nio.file.Path localRoot; // null unless the target is the local file system

  OutputFiles(FileSystem fs, Path root) {
    this.fs = fs;
    Path qualified = fs.makeQualified(root);
    this.root = qualified;
    this.localRoot = "file".equals(qualified.toUri().getScheme())
        ? java.nio.file.Path.of(qualified.toUri())
        : null;
  }

  OutputStream create(String relative) throws IOException {
    if (localRoot != null) {
      java.nio.file.Path p = localRoot.resolve(relative);
      Files.createDirectories(p.getParent());
      return new BufferedOutputStream(Files.newOutputStream(p), BUFFER);
    }
    return new BufferedOutputStream(fs.create(new Path(root, relative), true), BUFFER);
  }

  /** A gzip stream at a fast level: generation speed matters more than the last 20% of size. */
  OutputStream createGzip(String relative) throws IOException {
    return new GZIPOutputStream(create(relative), BUFFER) {
      {
        def.setLevel(Deflater.BEST_SPEED);
      }
    };
  }

  void writeText(String relative, String text) throws IOException {
    try (OutputStream os = create(relative)) {
      os.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
