package io.perfagent.it.apps;

import io.perfagent.Monitored;
import io.perfagent.Monitored.Mode;
import io.perfagent.Perf;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A pipeline over two processes that hand its W3C traceparent over a TCP socket, as a
 * coordinator sending requests to a worker service would.
 *
 * <p>{@code worker}: listens on 127.0.0.1 and a free port, prints {@code LISTENING <port>},
 * takes one connection and serves it: for each line (a traceparent) it opens
 * {@code sock.work} as the child of that stage, runs {@code sock.step} three times (40 ms
 * asleep each) and answers {@code done}; a line {@code bye} or the end of the stream ends it.
 *
 * <p>{@code coordinator <port> <runs> <pause ms>}: connects, then runs pipeline {@code sock}
 * {@code runs} times, {@code pause ms} apart: root {@code sock.run} prints
 * {@code RUN <i> <trace id>}, calls {@code sock.send} (writes {@code Perf.traceparent()} to
 * the socket and waits for the answer), then {@code sock.merge} (5 ms). Each run is one trace
 * of 7 spans: 3 here, 4 in the worker; {@code sock.step} holds its critical path.
 */
public final class SocketPipelineApp {

  /** Spans in one run, both processes together. */
  public static final int SPANS_PER_RUN = 7;

  private static BufferedReader in;
  private static PrintWriter out;

  private SocketPipelineApp() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("worker")) {
      worker();
    } else {
      coordinator(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
          Long.parseLong(args[3]));
    }
    System.out.println("DONE");
  }

  private static void worker() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      System.out.println("LISTENING " + server.getLocalPort());
      System.out.flush();
      try (Socket s = server.accept();
          BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(),
              StandardCharsets.UTF_8));
          PrintWriter w = new PrintWriter(new OutputStreamWriter(s.getOutputStream(),
              StandardCharsets.UTF_8), true)) {
        String header;
        while ((header = r.readLine()) != null && !header.equals("bye")) {
          try (Perf.Stage stage = Perf.stage("sock.work", header)) {
            for (int i = 0; i < 3; i++) {
              step();
            }
          }
          w.println("done");
        }
      }
    }
  }

  private static void coordinator(int port, int runs, long pauseMillis) throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      out = new PrintWriter(new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8),
          true);
      for (int i = 0; i < runs; i++) {
        run(i);
        Thread.sleep(pauseMillis);
      }
      out.println("bye");
    }
  }

  @Monitored(value = "sock.run", pipeline = "sock", mode = Mode.SPAN)
  static void run(int i) throws Exception {
    String traceparent = Perf.traceparent();
    System.out.println("RUN " + i + " " + (traceparent == null ? "none"
        : traceparent.substring(3, 35)));
    System.out.flush();
    send();
    merge();
  }

  @Monitored(value = "sock.send", mode = Mode.SPAN)
  static void send() throws Exception {
    out.println(Perf.traceparent()); // the request carries the sending stage's traceparent
    if (!"done".equals(in.readLine())) {
      throw new IllegalStateException("the worker did not answer");
    }
  }

  @Monitored(value = "sock.merge", mode = Mode.SPAN)
  static void merge() throws InterruptedException {
    Thread.sleep(5);
  }

  @Monitored(value = "sock.step", mode = Mode.SPAN)
  static void step() throws InterruptedException {
    Thread.sleep(40);
  }
}
