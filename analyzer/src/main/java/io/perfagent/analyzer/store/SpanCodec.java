package io.perfagent.analyzer.store;

import io.perfagent.analysis.model.FoldedAggregate;
import io.perfagent.analysis.model.LatencyBuckets;
import io.perfagent.analysis.model.StageSpan;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A run's spans as a gzip'd binary blob, so a pipeline's report over its recent runs and a
 * late span re-opening a run can analyse them again. The first byte is the format's version.
 */
final class SpanCodec {

  /** 2 adds each span's exemplar flag; 1 (without it) is still read. */
  private static final int FORMAT = 2;

  private SpanCodec() {}

  static byte[] encode(List<StageSpan> spans) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(spans.size() * 64 + 16);
    // buffered: each field written straight into the deflater was a deflate call of its own
    // (most of storing a run), and the fastest level: the blob is written once per run
    try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(
        new FastGzip(bytes), 1 << 16))) {
      out.writeByte(FORMAT);
      out.writeInt(spans.size());
      for (StageSpan s : spans) {
        str(out, s.traceId());
        str(out, s.spanId());
        str(out, s.parentSpanId());
        str(out, s.stage());
        str(out, s.pipeline());
        str(out, s.threadName());
        out.writeLong(s.threadId());
        out.writeLong(s.startNanos());
        out.writeLong(s.endNanos());
        out.writeLong(s.cpuNanos());
        out.writeBoolean(s.cpuExact());
        out.writeLong(s.allocBytes());
        out.writeLong(s.blockedNanos());
        out.writeLong(s.records());
        out.writeLong(s.bytes());
        out.writeBoolean(s.error());
        str(out, s.errorType());
        out.writeBoolean(s.exemplar());
        out.writeInt(s.folded().size());
        for (FoldedAggregate f : s.folded()) {
          fold(out, f);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: cannot happen
    }
    return bytes.toByteArray();
  }

  static List<StageSpan> decode(byte[] blob) throws IOException {
    try (DataInputStream in = new DataInputStream(
        new java.io.BufferedInputStream(new GZIPInputStream(new ByteArrayInputStream(blob)),
            1 << 16))) {
      int format = in.readUnsignedByte();
      if (format != FORMAT && format != 1) {
        throw new IOException("unknown span format " + format);
      }
      int n = in.readInt();
      List<StageSpan> out = new ArrayList<>(Math.min(n, 1 << 16));
      for (int i = 0; i < n; i++) {
        String traceId = str(in);
        String spanId = str(in);
        String parent = str(in);
        String stage = str(in);
        String pipeline = str(in);
        String threadName = str(in);
        long threadId = in.readLong();
        long start = in.readLong();
        long end = in.readLong();
        long cpu = in.readLong();
        boolean cpuExact = in.readBoolean();
        long alloc = in.readLong();
        long blocked = in.readLong();
        long records = in.readLong();
        long bytes = in.readLong();
        boolean error = in.readBoolean();
        String errorType = str(in);
        boolean exemplar = format >= 2 && in.readBoolean();
        int folds = in.readInt();
        List<FoldedAggregate> folded = new ArrayList<>(Math.min(folds, 256));
        for (int j = 0; j < folds; j++) {
          folded.add(fold(in));
        }
        out.add(new StageSpan(traceId, spanId, parent, stage, pipeline, threadName, threadId,
            start, end, cpu, cpuExact, alloc, blocked, records, bytes, error, errorType,
            folded, exemplar));
      }
      return out;
    }
  }

  private static void fold(DataOutputStream out, FoldedAggregate f) throws IOException {
    str(out, f.stage());
    for (long v : new long[] {f.calls(), f.errors(), f.wallNanos(), f.cpuNanos(),
        f.allocBytes(), f.records(), f.bytes(), f.p50Nanos(), f.p99Nanos(), f.maxNanos(),
        f.timedCalls(), f.threadId(), f.startNanos(), f.endNanos()}) {
      out.writeLong(v);
    }
    str(out, f.within());
    LatencyBuckets b = f.buckets();
    out.writeInt(b.size());
    for (int i = 0; i < b.size(); i++) {
      out.writeLong(b.valueNanos(i));
      out.writeLong(b.count(i));
    }
  }

  private static FoldedAggregate fold(DataInputStream in) throws IOException {
    String stage = str(in);
    long[] v = new long[14];
    for (int i = 0; i < v.length; i++) {
      v[i] = in.readLong();
    }
    String within = str(in);
    int n = in.readInt();
    long[] values = new long[n];
    long[] counts = new long[n];
    for (int i = 0; i < n; i++) {
      values[i] = in.readLong();
      counts[i] = in.readLong();
    }
    return new FoldedAggregate(stage, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8],
        v[9], within, v[10], LatencyBuckets.of(values, counts), v[11], v[12], v[13]);
  }

  /** gzip at the fastest level. */
  static final class FastGzip extends GZIPOutputStream {
    FastGzip(java.io.OutputStream out) throws IOException {
      super(out, 1 << 16);
      def.setLevel(java.util.zip.Deflater.BEST_SPEED);
    }
  }

  private static void str(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String str(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > (1 << 20)) {
      throw new IOException("corrupt span blob: a string of " + n + " bytes");
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
