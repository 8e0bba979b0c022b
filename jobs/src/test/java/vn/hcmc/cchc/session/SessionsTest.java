package vn.hcmc.cchc.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.tables.NioLocalFileSystem;

class SessionsTest {
  @Test
  void localFilesWithoutAProcessEachOnlyWhereTheJvmsLoaderSeesTheClass() throws Exception {
    // the tests' class path is the JVM's, as the launcher's is
    assertThat(Sessions.localFiles(ClassLoader.getSystemClassLoader()))
        .containsEntry("spark.hadoop.fs.file.impl", NioLocalFileSystem.class.getName())
        .containsEntry("spark.hadoop.fs.AbstractFileSystem.file.impl", NioLocalFileSystem.Fs.class.getName());
    // a loader without the jar (the JDK's classes only): Hadoop's own file system, nothing set
    try (URLClassLoader jdkOnly = new URLClassLoader(new URL[0], null)) {
      assertThat(Sessions.localFiles(jdkOnly)).isEmpty();
    }
  }
}
