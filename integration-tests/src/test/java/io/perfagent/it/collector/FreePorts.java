package io.perfagent.it.collector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Free loopback ports for programs that cannot take port 0 and report it (the collector and
 * Jaeger read theirs from their config). The port is closed again before the program binds
 * it: another process could take it in between, which on a test machine is rare enough.
 */
public final class FreePorts {

  private FreePorts() {}

  public static int next() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code 127.0.0.1:<a free port>}. */
  public static String loopback() {
    return "127.0.0.1:" + next();
  }
}
