package io.perfagent.sampler.host;

import io.perfagent.bootstrap.resource.ResourceWriter;
import io.perfagent.sampler.procfs.SmallFile;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code system.network.io} per interface from {@code <procfs>/net/dev} (bytes received and
 * transmitted), loopback ({@code lo}) left out. Interfaces are found as they appear (a
 * container's veth, a VPN), up to {@link #MAX_INTERFACES}. Not read through OSHI because
 * {@code NetworkIF.updateAttributes()} reads a dozen sysfs files per interface (about 1.3 ms
 * of CPU per tick here); this file is one read. The file is this process's network namespace,
 * which is what a containerised pipeline can use.
 */
final class NetworkIo {

  private static final int MAX_INTERFACES = 64;
  private static final byte[] LOOPBACK = SmallFile.ascii("lo");
  /** Fields after "name:": rx bytes, packets, errs, drop, fifo, frame, compressed, multicast, tx bytes. */
  private static final int RX_BYTES = 0;
  private static final int TX_BYTES = 8;

  private final Path file;
  private final SmallFile reader = new SmallFile(16384);
  private byte[][] names = new byte[0][];
  private String[][] rxAttrs = new String[0][];
  private String[][] txAttrs = new String[0][];

  NetworkIo(Path procfsRoot) {
    this.file = procfsRoot.resolve("net/dev");
  }

  void sample(ResourceWriter out) {
    if (!reader.load(file)) {
      return;
    }
    for (int line = 0; line < reader.length(); line = reader.nextLine(line)) {
      int at = reader.skipSpaces(line);
      int nameEnd = reader.tokenEnd(at, (byte) ':');
      int end = reader.lineEnd(line);
      // header lines have no ':' right after the first token
      if (nameEnd >= end || reader.at(nameEnd) != ':' || nameEnd == at) {
        continue;
      }
      if (reader.regionEquals(at, nameEnd, LOOPBACK)) {
        continue;
      }
      int iface = indexOf(at, nameEnd);
      if (iface < 0) {
        continue;
      }
      long rx = reader.fieldOnLine(nameEnd + 1, RX_BYTES);
      long tx = reader.fieldOnLine(nameEnd + 1, TX_BYTES);
      if (rx >= 0) {
        out.counter("system.network.io", "By", rx, rxAttrs[iface]);
      }
      if (tx >= 0) {
        out.counter("system.network.io", "By", tx, txAttrs[iface]);
      }
    }
  }

  /** The interface's slot, adding it the first time it is seen; -1 when the table is full. */
  private int indexOf(int from, int to) {
    for (int i = 0; i < names.length; i++) {
      if (reader.regionEquals(from, to, names[i])) {
        return i;
      }
    }
    if (names.length >= MAX_INTERFACES) {
      return -1;
    }
    String name = reader.text(from, to);
    int n = names.length;
    names = Arrays.copyOf(names, n + 1);
    rxAttrs = Arrays.copyOf(rxAttrs, n + 1);
    txAttrs = Arrays.copyOf(txAttrs, n + 1);
    // the raw bytes, not the String re-encoded: a non-ASCII name must still match next tick
    names[n] = reader.bytes(from, to);
    rxAttrs[n] = new String[] {"network.interface.name", name, "network.io.direction", "receive"};
    txAttrs[n] = new String[] {"network.interface.name", name, "network.io.direction", "transmit"};
    return n;
  }
}
