package vn.hcmc.cchc.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A fixture folder built once per Maven invocation and read by each of its test JVMs: the unit
 * tests' (surefire) builds it under {@code jobs/target/test-fixtures/}, the end-to-end tests'
 * (failsafe) finds it there. The pom gives both JVMs the invocation's start time as {@value
 * #BUILD_PROPERTY}; a folder is reused only when its marker names that same invocation, so the next
 * {@code mvn} builds it again and never reads one a change of the code has made stale. The marker
 * also lists every file with its size: a JVM that finds the folder changed since it was built fails
 * (a test wrote a fixture that others only read). Without the property (a test run from an IDE)
 * the folder is a temporary one of this JVM.
 */
final class BuiltOnce {
  static final String BUILD_PROPERTY = "cchc.test.build";
  private static final Path ROOT = Launcher.ROOT.resolve("jobs/target/test-fixtures");

  private BuiltOnce() {}

  /** The folder {@code name}, built by {@code build} (which gets it empty) unless this invocation already did. */
  static Path folder(String name, Consumer<Path> build) {
    String invocation = System.getProperty(BUILD_PROPERTY, "");
    if (invocation.isBlank()) {
      Path dir = TestSpark.tempDir(name);
      build.accept(dir);
      return dir;
    }
    try {
      Files.createDirectories(ROOT);
      // the end-to-end tests' two JVMs may both need a fixture the unit tests did not build: one builds
      // it, the other waits and reuses it
      try (FileChannel lock = FileChannel.open(ROOT.resolve(name + ".lock"), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE); FileLock held = lock.lock()) {
        return builtOrBuild(name, invocation, build);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link #folder}'s work, under its lock. */
  private static Path builtOrBuild(String name, String invocation, Consumer<Path> build) {
    Path dir = ROOT.resolve(name);
    Path marker = ROOT.resolve(name + ".built");
    try {
      if (Files.isRegularFile(marker)) {
        List<String> kept = Files.readAllLines(marker, StandardCharsets.UTF_8);
        if (kept.get(0).equals(invocation)) {
          List<String> now = listing(dir);
          if (!now.equals(kept.subList(1, kept.size()))) {
            throw new IllegalStateException(dir + " changed after it was built in this build (" + invocation
                + "): a test wrote a shared fixture that tests only read; files now: " + now);
          }
          return dir;
        }
      }
      Files.deleteIfExists(marker);
      Folders.delete(dir);
      Files.createDirectories(dir);
      build.accept(dir);
      List<String> lines = new ArrayList<>(List.of(invocation));
      lines.addAll(listing(dir));
      Path partial = ROOT.resolve(name + ".built.partial");
      Files.write(partial, lines, StandardCharsets.UTF_8);
      Files.move(partial, marker, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every file below {@code dir}: relative path and size, sorted. */
  private static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      List<String> out = new ArrayList<>();
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.add(dir.relativize(f) + " " + Files.size(f));
      }
      out.sort(Comparator.naturalOrder());
      return out;
    }
  }
}
