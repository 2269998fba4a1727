package io.perfagent.benchmarks.analyzer;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ingest throughput of the analyzer over OTLP/gRPC, with the analysis running: starts
 * {@code perf-analyzer.jar} as a process (any free ports, a fresh SQLite file), then
 * {@code --clients} threads send {@code --spans} spans in requests of {@code --batch} spans,
 * in traces of {@code --trace-spans} spans (a root and its children, with the attributes the
 * agent sets), as fast as the analyzer takes them. A request refused with {@code UNAVAILABLE}
 * (the ingest queue is full) is sent again and counted. It reports:
 *
 * <ul>
 *   <li>accepted spans/s: from the first request to the last one accepted;
 *   <li>analysed spans/s: from the first request until the analyzer's {@code /metrics} says
 *       every run was analysed and stored (each trace is one run; the quiet period is 200 ms);
 *   <li>the analyzer process' CPU time per span over the same stretch (from /proc), which a
 *       shared machine's load skews far less than the rates;
 *   <li>the generator's rate building the requests, which it does before the clock starts
 *       (it shares the machine's 2 cores with the analyzer).
 * </ul>
 *
 * <pre>
 * mvn -B -q package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.perfagent.benchmarks.analyzer.IngestLoad \
 *     [--spans 2000000] [--batch 1000] [--trace-spans 1000] [--clients 2] \
 *     [--analyzer-jar analyzer/target/perf-analyzer.jar] [--heap 2g]
 * </pre>
 */
public final class IngestLoad {

  private static final Pattern PORT = Pattern.compile("(otlp-grpc|api)=[^ :]+:(\\d+)");

  private IngestLoad() {}

  public static void main(String[] args) throws Exception {
    long spans = 2_000_000;
    int batch = 1000;
    int traceSpans = 1000;
    int clients = 2;
    String jar = "analyzer/target/perf-analyzer.jar";
    String heap = "2g";
    long warmupSpans = 300_000;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--spans" -> spans = Long.parseLong(args[i + 1]);
        case "--batch" -> batch = Integer.parseInt(args[i + 1]);
        case "--trace-spans" -> traceSpans = Integer.parseInt(args[i + 1]);
        case "--clients" -> clients = Integer.parseInt(args[i + 1]);
        case "--analyzer-jar" -> jar = args[i + 1];
        case "--heap" -> heap = args[i + 1];
        case "--warmup-spans" -> warmupSpans = Long.parseLong(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    long requests = spans / batch;
    spans = requests * batch;
    long runs = spans / traceSpans;
    // the same load first, not measured: the analyzer's JIT compiled for 40 % of its CPU in a
    // 500,000-span run from a cold start, and a service runs warm
    long warmupRequests = warmupSpans / batch;
    long warmupRuns = warmupRequests * batch / traceSpans;

    // every request is built and serialized before the clock starts: the generator shares
    // the analyzer's 2 cores, and building them while sending took about one of them
    long g0 = System.nanoTime();
    byte[][] bodies = new byte[(int) (warmupRequests + requests)][];
    for (int r = 0; r < bodies.length; r++) {
      bodies[r] = request(r, batch, traceSpans).toByteArray();
    }
    double generatorRate = bodies.length * (double) batch / ((System.nanoTime() - g0) / 1e9);

    Path db = Files.createTempFile("perf-analyzer-bench", ".db");
    Process analyzer = new ProcessBuilder("java", "-Xmx" + heap, "-jar", jar,
        "--otlp-grpc-port", "0", "--otlp-http-port", "-1", "--port", "0", "--db", db.toString(),
        "--quiet-period", "200ms").redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(analyzer.getInputStream(),
          StandardCharsets.UTF_8));
      String line;
      int grpcPort = -1;
      int apiPort = -1;
      while ((line = out.readLine()) != null) {
        if (line.contains(" listening:")) {
          Matcher m = PORT.matcher(line);
          while (m.find()) {
            if (m.group(1).equals("otlp-grpc")) {
              grpcPort = Integer.parseInt(m.group(2));
            } else {
              apiPort = Integer.parseInt(m.group(2));
            }
          }
          break;
        }
      }
      if (grpcPort < 0 || apiPort < 0) {
        throw new IllegalStateException("the analyzer did not start");
      }
      Thread drain = new Thread(() -> {
        try {
          while (out.readLine() != null) {
            // keep the pipe from filling
          }
        } catch (IOException ignored) {
          // the process ended
        }
      });
      drain.setDaemon(true);
      drain.start();

      ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort)
          .usePlaintext().maxInboundMessageSize(64 << 20).build();
      MethodDescriptor<byte[], byte[]> export = TraceServiceGrpc.getExportMethod().toBuilder(
          RawBytes.INSTANCE, RawBytes.INSTANCE).build();
      HttpClient http = HttpClient.newHttpClient();
      AtomicLong retries = new AtomicLong();
      send(channel, export, bodies, 0, warmupRequests, clients, retries);
      awaitRuns(http, apiPort, warmupRuns);
      retries.set(0);
      double analysis0 = metric(http, apiPort, "perf_analyzer_analysis_seconds_sum");
      long cpu0 = cpuNanos(analyzer.pid());
      long t0 = System.nanoTime();
      send(channel, export, bodies, warmupRequests, warmupRequests + requests, clients, retries);
      long t1 = System.nanoTime();
      awaitRuns(http, apiPort, warmupRuns + runs);
      long t2 = System.nanoTime();
      long cpu = cpuNanos(analyzer.pid()) - cpu0;
      double analysisSeconds = metric(http, apiPort, "perf_analyzer_analysis_seconds_sum")
          - analysis0;

      channel.shutdownNow();
      System.out.printf("spans %,d in %,d requests of %,d (traces of %,d spans: %,d runs), "
          + "%d clients, after %,d spans of warm-up%n", spans, requests, batch, traceSpans, runs,
          clients, warmupRequests * batch);
      System.out.printf("accepted: %.2f s, %,.0f spans/s (%,d requests retried after "
          + "UNAVAILABLE)%n", (t1 - t0) / 1e9, spans / ((t1 - t0) / 1e9), retries.get());
      System.out.printf("analysed and stored: %.2f s, %,.0f spans/s; analysis+store time "
          + "%.2f s in all, %.1f ms per run%n", (t2 - t0) / 1e9, spans / ((t2 - t0) / 1e9),
          analysisSeconds, analysisSeconds * 1000 / runs);
      System.out.printf("analyzer CPU from the first request to the last run stored: %.2f s,"
          + " %.1f µs per span (of %.1f s of the machine's 2 cores)%n", cpu / 1e9,
          cpu / 1e3 / spans, 2 * (t2 - t0) / 1e9);
      System.out.printf("requests built beforehand (one thread): %,.0f spans/s%n",
          generatorRate);
      System.out.printf("analyzer peak RSS: %s%n", peakRss(analyzer.pid()));
    } finally {
      analyzer.destroy();
      analyzer.waitFor(30, TimeUnit.SECONDS);
      Files.deleteIfExists(db);
      Files.deleteIfExists(Path.of(db + "-wal"));
      Files.deleteIfExists(Path.of(db + "-shm"));
    }
  }

  /** Sends requests [from, to) from {@code clients} threads; retries after UNAVAILABLE. */
  private static void send(ManagedChannel channel, MethodDescriptor<byte[], byte[]> export,
      byte[][] bodies, long from, long to, int clients, AtomicLong retries)
      throws InterruptedException {
    AtomicLong next = new AtomicLong(from);
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Thread t = new Thread(() -> {
        for (long r = next.getAndIncrement(); r < to; r = next.getAndIncrement()) {
          while (true) {
            try {
              ClientCalls.blockingUnaryCall(channel, export,
                  CallOptions.DEFAULT.withDeadlineAfter(60, TimeUnit.SECONDS), bodies[(int) r]);
              break;
            } catch (StatusRuntimeException e) {
              if (e.getStatus().getCode() != Status.Code.UNAVAILABLE) {
                throw e;
              }
              retries.incrementAndGet();
              try {
                Thread.sleep(5);
              } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
              }
            }
          }
        }
      }, "load-" + c);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
  }

  /** Waits until the analyzer has analysed and stored {@code runs} runs in all. */
  private static void awaitRuns(HttpClient http, int apiPort, long runs) throws Exception {
    while (metric(http, apiPort, "perf_analyzer_runs_analysed_total") < runs) {
      Thread.sleep(50);
    }
  }

  /** Request {@code r}: {@code batch} spans of the traces it covers, ids unique over the run. */
  static ExportTraceServiceRequest request(long r, int batch, int traceSpans) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    long first = r * batch;
    for (long i = first; i < first + batch; i++) {
      long trace = i / traceSpans;
      long inTrace = i % traceSpans;
      long start = 1_700_000_000_000_000_000L + trace * 1_000_000_000L;
      Span.Builder s = Span.newBuilder()
          .setTraceId(id(trace + 1, 1))
          .setSpanId(id(i + 1, 0))
          .setStartTimeUnixNano(start + inTrace * 1000)
          .setEndTimeUnixNano(inTrace == 0 ? start + traceSpans * 1000L + 1000
              : start + inTrace * 1000 + 900)
          .addAttributes(kv("perf.pipeline", "bench"))
          .addAttributes(kv("perf.cpu_source", "measured"))
          .addAttributes(kv("perf.cpu_ns", 800))
          .addAttributes(kv("perf.alloc_bytes", 4096))
          .addAttributes(kv("thread.id", 1 + inTrace % 4))
          .addAttributes(kv("thread.name", "worker"));
      if (inTrace == 0) {
        s.setName("bench").addAttributes(kv("perf.stage", "root"));
      } else {
        s.setName("stage" + inTrace % 8).setParentSpanId(id(trace * traceSpans + 1, 0))
            .addAttributes(kv("perf.stage", "stage" + inTrace % 8));
      }
      scope.addSpans(s);
    }
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(kv("service.name", "load"))
            .addAttributes(kv("service.instance.id", "load-1")))
        .addScopeSpans(scope)).build();
  }

  /** A 16-byte id when {@code trace} is 1, else 8 bytes. */
  private static ByteString id(long v, int trace) {
    ByteBuffer b = ByteBuffer.allocate(trace == 1 ? 16 : 8);
    if (trace == 1) {
      b.putLong(0x5eed);
    }
    b.putLong(v);
    return ByteString.copyFrom(b.array());
  }

  private static KeyValue kv(String k, String v) {
    return KeyValue.newBuilder().setKey(k).setValue(AnyValue.newBuilder().setStringValue(v))
        .build();
  }

  private static KeyValue kv(String k, long v) {
    return KeyValue.newBuilder().setKey(k).setValue(AnyValue.newBuilder().setIntValue(v)).build();
  }

  private static double metric(HttpClient http, int port, String name) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    for (String l : r.body().split("\n")) {
      if (l.startsWith(name + " ")) {
        return Double.parseDouble(l.substring(name.length() + 1).trim());
      }
    }
    return 0;
  }

  /** The process' user + system CPU time, from /proc (clock ticks of 10 ms). */
  private static long cpuNanos(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** A marshaller that passes a serialized request through as it is. */
  private enum RawBytes implements MethodDescriptor.Marshaller<byte[]> {
    INSTANCE;

    @Override
    public java.io.InputStream stream(byte[] value) {
      return new java.io.ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(java.io.InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  private static String peakRss(long pid) {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (l.startsWith("VmHWM:")) {
          return l.substring(6).trim();
        }
      }
    } catch (IOException e) {
      return "unknown";
    }
    return "unknown";
  }
}
