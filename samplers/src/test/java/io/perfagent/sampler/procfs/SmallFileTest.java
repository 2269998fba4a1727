package io.perfagent.sampler.procfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmallFileTest {

  @TempDir Path dir;

  private Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void parsesFieldsKeysAndOverflow() throws Exception {
    write("a", "200000 100000\n");
    write("b", "usage_usec 42\nusage_usec_extra 7\nthrottled_usec 9\n");
    write("c", "99999999999999999999999\n");
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

  @Test
  void fieldsStayOnTheirLine() throws Exception {
    write("two", "200000\n100000\n");
    write("rows", "sda 1 2 3\nsdb 4 5\n");
    SmallFile f = new SmallFile(64);
    f.load(dir.resolve("two"));
    assertThat(f.field(0)).isEqualTo(200000);
    assertThat(f.field(1)).isEqualTo(SmallFile.NONE); // "of the first line": not the next one
    f.load(dir.resolve("rows"));
    assertThat(f.fieldOnLine(3, 0)).isEqualTo(1);
    assertThat(f.fieldOnLine(3, 2)).isEqualTo(3);
    assertThat(f.fieldOnLine(3, 3)).isEqualTo(SmallFile.NONE);
    int second = f.nextLine(0);
    assertThat(f.fieldOnLine(second + 3, 1)).isEqualTo(5);
    assertThat(f.fieldOnLine(second + 3, 2)).isEqualTo(SmallFile.NONE);
  }

  @Test
  void wholeFileNumbersAreStrict() throws Exception {
    SmallFile f = new SmallFile(64);
    assertThat(f.readLong(write("ok", " 1234\n"))).isEqualTo(1234);
    assertThat(f.readLong(write("trailing", "12 ms\n"))).isEqualTo(SmallFile.NONE);
    assertThat(f.readLong(write("empty", ""))).isEqualTo(SmallFile.NONE);
    assertThat(f.readLong(write("huge", "99999999999999999999\n"))).isEqualTo(SmallFile.NONE);
    assertThat(f.readLong(dir.resolve("missing"))).isEqualTo(SmallFile.NONE);
    byte[] b = "x 42 \n".getBytes(StandardCharsets.US_ASCII);
    assertThat(SmallFile.parseLong(b, 1, b.length)).isEqualTo(42);
    assertThat(SmallFile.parseLong(b, 0, b.length)).isEqualTo(SmallFile.NONE);
  }

  @Test
  void containsAndBuffer() throws Exception {
    SmallFile f = new SmallFile(64);
    assertThat(f.load(write("fdinfo", "pos:\t0\ndrm-driver:\txe\n"))).isTrue();
    assertThat(f.contains(SmallFile.ascii("drm-driver:"))).isTrue();
    assertThat(f.contains(SmallFile.ascii("drm-pdev:"))).isFalse();
    assertThat(new String(f.buffer(), 0, f.length(), StandardCharsets.US_ASCII))
        .isEqualTo("pos:\t0\ndrm-driver:\txe\n");
    f.load(dir.resolve("missing"));
    assertThat(f.length()).isZero();
    assertThat(f.contains(SmallFile.ascii("drm"))).isFalse();
  }

  @Test
  void keyedAllInOnePassStopsWhereKeysAreMissing() throws Exception {
    write(
        "meminfo",
        "MemTotal:       1000 kB\nMemFree:\t200 kB\nSwapTotal:\n  77\nCached: x\nBuffers: 30 kB\n");
    SmallFile f = new SmallFile(256);
    f.load(dir.resolve("meminfo"));
    byte[][] keys = {
      SmallFile.ascii("MemTotal:"), SmallFile.ascii("Buffers:"), SmallFile.ascii("MemAvailable:"),
      SmallFile.ascii("SwapTotal:"), SmallFile.ascii("Cached:"), SmallFile.ascii("MemFree")
    };
    long[] v = new long[keys.length];
    f.keyedAll(keys, v);
    // no value on SwapTotal's line: the next line's number is not borrowed
    assertThat(v).containsExactly(1000, 30, SmallFile.NONE, SmallFile.NONE, SmallFile.NONE, SmallFile.NONE);
  }

  @Test
  void longsOnLineAndDecimals() throws Exception {
    write("stat", "cpu  10 20 30 40\ncpu0 1 2 3 4\n");
    SmallFile f = new SmallFile(512);
    f.load(dir.resolve("stat"));
    long[] out = new long[10];
    assertThat(f.longsOnLine(3, out)).isEqualTo(4);
    assertThat(out).startsWith(10, 20, 30, 40);
    f.load(write("bad", "cpu 1 2x 3\n"));
    assertThat(f.longsOnLine(3, out)).isEqualTo(1);
    f.load(write("loadavg", "0.52 12.25 7 1/467 12345\n"));
    assertThat(f.decimalAt(0)).isCloseTo(0.52, within(1e-12));
    assertThat(f.decimalAt(5)).isCloseTo(12.25, within(1e-12));
    assertThat(f.decimalAt(11)).isEqualTo(7.0);
    f.load(write("junk", "-1 abc\n"));
    assertThat(f.decimalAt(0)).isNaN();
  }
}
