package vn.hcmc.cchc.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.hcmc.cchc.tables.WarehouseLock.Holder;

/**
 * Both stores of the lock keep one contract. The object-store one runs here on Hadoop's local file
 * system, through the same {@code FileSystem} calls it makes on s3a (S3IT runs it on a real S3 server).
 */
class LockFileTest {
  @TempDir java.nio.file.Path root;

  static Stream<Arguments> stores() {
    return Stream.of(Arguments.of("local"), Arguments.of("object store"));
  }

  private LockFile store(String kind) {
    Path path = WarehouseLock.pathUnder(root.toUri().toString());
    return kind.equals("local") ? new LocalLockFile(path) : new ObjectStoreLockFile(new Configuration(), path);
  }

  private static Holder holder(String runId) {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    return new Holder(runId, "run", "host-1", 42, t, t, "app-1 on local[2]");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void theFirstClaimWinsTheSecondIsRefusedAndAReplacementIsReadBack(String kind) throws Exception {
    LockFile file = store(kind);
    assertThat(file.exists()).isFalse();
    assertThat(file.read()).isNull();
    assertThat(file.claim(holder("run-1"))).isTrue();
    assertThat(file.claim(holder("run-2"))).isFalse();
    assertThat(file.read()).isEqualTo(holder("run-1"));
    Holder later = holder("run-1").beating(Instant.now());
    file.replace(later);
    assertThat(file.read()).isEqualTo(later);
    file.delete();
    assertThat(file.exists()).isFalse();
    assertThat(file.claim(holder("run-2"))).isTrue();
  }

  @Test
  void aPlainPathIsLocalAndLeavesNoSideFiles() throws Exception {
    LockFile file = LockFile.at(new Configuration(), WarehouseLock.pathUnder(root.toString()));
    assertThat(file).isInstanceOf(LocalLockFile.class);
    file.claim(holder("run-1"));
    file.replace(holder("run-1"));
    try (Stream<java.nio.file.Path> files = java.nio.file.Files.list(root)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(WarehouseLock.FILE);
    }
  }
}
