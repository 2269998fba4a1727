package io.perfagent.analyzer.store;

import io.perfagent.analysis.model.ResourceSample;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The resource samples a run was analysed with, as a gzip'd blob beside its spans, so a
 * pipeline's report over its runs and a re-opened run are analysed with them again. Series
 * names are written once; the first byte is the format's version.
 */
final class SampleCodec {

  private static final int FORMAT = 1;

  private SampleCodec() {}

  static byte[] encode(List<ResourceSample> samples) {
    Map<String, Integer> names = new LinkedHashMap<>();
    for (ResourceSample s : samples) {
      names.putIfAbsent(s.name(), names.size());
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(samples.size() * 8 + 64);
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
        new SpanCodec.FastGzip(bytes), 1 << 16))) {
      out.writeByte(FORMAT);
      out.writeInt(names.size());
      for (String n : names.keySet()) {
        out.writeUTF(n);
      }
      out.writeInt(samples.size());
      for (ResourceSample s : samples) {
        out.writeInt(names.get(s.name()));
        out.writeLong(s.timeNanos());
        out.writeDouble(s.value());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: cannot happen
    }
    return bytes.toByteArray();
  }

  /** The samples; none for a run stored before they were kept (null). */
  static List<ResourceSample> decode(byte[] blob) throws IOException {
    if (blob == null) {
      return List.of();
    }
    try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(
        new GZIPInputStream(new ByteArrayInputStream(blob)), 1 << 16))) {
      int format = in.readUnsignedByte();
      if (format != FORMAT) {
        throw new IOException("unknown resource sample format " + format);
      }
      int nNames = in.readInt();
      if (nNames < 0 || nNames > 4096) {
        throw new IOException("corrupt resource samples: " + nNames + " series");
      }
      String[] names = new String[nNames];
      for (int i = 0; i < nNames; i++) {
        names[i] = in.readUTF();
      }
      int n = in.readInt();
      List<ResourceSample> out = new ArrayList<>(Math.min(Math.max(n, 0), 1 << 16));
      for (int i = 0; i < n; i++) {
        int name = in.readInt();
        if (name < 0 || name >= nNames) {
          throw new IOException("corrupt resource samples: series " + name);
        }
        out.add(new ResourceSample(in.readLong(), names[name], in.readDouble()));
      }
      return out;
    }
  }
}
