package io.perfagent.analyzer.receive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class BodyReaderTest {

  static byte[] gzip(byte[] b, int times) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      for (int i = 0; i < times; i++) {
        gz.write(b);
      }
    }
    return out.toByteArray();
  }

  @Test
  void plainAndGzipBodiesWithinTheLimit() throws Exception {
    byte[] body = "hello, otlp".getBytes();
    assertThat(BodyReader.read(new ByteArrayInputStream(body), null, body.length, 100))
        .isEqualTo(body);
    assertThat(BodyReader.read(new ByteArrayInputStream(gzip(body, 1)), "GZIP", -1, 100))
        .isEqualTo(body);
    assertThat(BodyReader.read(new ByteArrayInputStream(body), null, -1, body.length))
        .as("exactly the limit").isEqualTo(body);
  }

  @Test
  void aBombStopsAtTheLimitWithoutInflatingTheRest() throws Exception {
    byte[] bomb = gzip(new byte[1 << 20], 256); // 256 MiB of zeros, about 256 KiB
    CountingStream in = new CountingStream(new ByteArrayInputStream(bomb));
    assertThatThrownBy(() -> BodyReader.read(in, "gzip", bomb.length, 1 << 20))
        .isInstanceOf(BodyReader.TooLarge.class).hasMessageContaining("after decompression");
    assertThat(in.read).as("compressed bytes read before it stopped").isLessThan(bomb.length / 8);
  }

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedUnread() {
    CountingStream in = new CountingStream(new ByteArrayInputStream(new byte[10]));
    assertThatThrownBy(() -> BodyReader.read(in, null, 1_000_000, 1000))
        .isInstanceOf(BodyReader.TooLarge.class);
    assertThat(in.read).isZero();
  }

  @Test
  void truncatedOrCorruptGzipIsMalformedAndOtherEncodingsUnsupported() throws Exception {
    byte[] gz = gzip(new byte[1000], 1);
    assertThatThrownBy(() -> BodyReader.read(
        new ByteArrayInputStream(Arrays.copyOf(gz, gz.length / 2)), "gzip", -1, 10_000))
        .isInstanceOf(BodyReader.Malformed.class);
    assertThatThrownBy(() -> BodyReader.read(
        new ByteArrayInputStream("not gzip".getBytes()), "gzip", -1, 10_000))
        .isInstanceOf(BodyReader.Malformed.class);
    assertThatThrownBy(() -> BodyReader.read(new ByteArrayInputStream(gz), "br", -1, 10_000))
        .isInstanceOf(BodyReader.UnsupportedEncoding.class);
  }

  private static final class CountingStream extends InputStream {
    private final InputStream in;
    long read;

    CountingStream(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      read += b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      read += Math.max(0, n);
      return n;
    }
  }
}
