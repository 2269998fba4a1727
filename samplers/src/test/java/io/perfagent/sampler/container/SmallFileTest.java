package io.perfagent.sampler.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmallFileTest {

  @TempDir Path dir;

  @Test
  void parsesFieldsKeysAndOverflow() {
    FakeTree t =
        new FakeTree(dir)
            .write("a", "200000 100000\n")
            .write("b", "usage_usec 42\nusage_usec_extra 7\nthrottled_usec 9\n")
            .write("c", "99999999999999999999999\n");
    SmallFile f = new SmallFile(64);
    assertThat(f.load(dir.resolve("a"))).isTrue();
    assertThat(f.field(0)).isEqualTo(200000);
    assertThat(f.field(1)).isEqualTo(100000);
    assertThat(f.field(2)).isEqualTo(SmallFile.NONE);
    f.load(dir.resolve("b"));
    assertThat(f.keyed(SmallFile.ascii("throttled_usec"))).isEqualTo(9);
    assertThat(f.keyed(SmallFile.ascii("usage_usec"))).isEqualTo(42);
    assertThat(f.keyed(SmallFile.ascii("usage"))).isEqualTo(SmallFile.NONE);
    f.load(dir.resolve("c"));
    assertThat(f.firstLong()).isEqualTo(SmallFile.NONE);
    assertThat(f.load(dir.resolve("missing"))).isFalse();
    assertThat(f.load(dir)).isFalse(); // a directory
    assertThat(f.firstLong()).isEqualTo(SmallFile.NONE);
  }
}
