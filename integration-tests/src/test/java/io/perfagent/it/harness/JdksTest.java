package io.perfagent.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdksTest {

  @Test
  void featureOfEachVersionScheme() {
    assertThat(Jdks.feature("17.0.15")).isEqualTo(17);
    assertThat(Jdks.feature("25")).isEqualTo(25);
    assertThat(Jdks.feature("21-ea")).isEqualTo(21);
    assertThat(Jdks.feature("1.8.0_412")).isEqualTo(8);
    assertThat(Jdks.feature("x")).isEqualTo(-1);
  }

  @Test
  void readsAJdkHomeWithReleaseAndJava(@TempDir Path dir) throws Exception {
    Path home = dir.resolve("some-jdk");
    Files.createDirectories(home.resolve("bin"));
    Path java = Files.createFile(home.resolve("bin/java"));
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"X\"\nJAVA_VERSION=\"21.0.3\"\n");

    Jdk jdk = Jdks.read(home);

    assertThat(jdk).isNotNull();
    assertThat(jdk.feature()).isEqualTo(21);
    assertThat(jdk.version()).isEqualTo("21.0.3");
    assertThat(jdk.java()).isEqualTo(java);
  }

  @Test
  void skipsADirectoryThatIsNoJdk(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("release"), "JAVA_VERSION=\"21\"\n");
    assertThat(Jdks.read(dir)).as("no bin/java").isNull();
  }

  @Test
  void currentJdkComesFirstAndFeaturesAreDistinct() {
    List<Jdk> jdks = Jdks.list();
    assertThat(jdks).isNotEmpty();
    assertThat(jdks.get(0).feature()).isEqualTo(Runtime.version().feature());
    assertThat(jdks.stream().map(Jdk::feature)).doesNotHaveDuplicates();
    assertThat(jdks).allSatisfy(j -> assertThat(j.java()).isExecutable());
  }
}
