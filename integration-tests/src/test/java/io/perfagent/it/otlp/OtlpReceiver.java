package io.perfagent.it.otlp;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * A real OTLP endpoint on 127.0.0.1 that keeps every export request it accepts. Subclasses
 * own the transport and call {@link #acceptTraces} / {@link #acceptMetrics}; decoding and the
 * waiting helpers live here, shared.
 *
 * <p>Thread-safe: requests arrive on server threads while tests read and wait.
 */
public abstract class OtlpReceiver implements AutoCloseable {

  /** {@code OTEL_EXPORTER_OTLP_PROTOCOL} value of the HTTP receiver. */
  public static final String HTTP_PROTOBUF = "http/protobuf";
  /** {@code OTEL_EXPORTER_OTLP_PROTOCOL} value of the gRPC receiver. */
  public static final String GRPC = "grpc";

  private final List<ExportTraceServiceRequest> traceRequests = new CopyOnWriteArrayList<>();
  private final List<ExportMetricsServiceRequest> metricRequests = new CopyOnWriteArrayList<>();
  private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
  private final List<ReceivedMetric> metrics = new CopyOnWriteArrayList<>();
  private final AtomicInteger malformed = new AtomicInteger();
  private final AtomicInteger otherRequests = new AtomicInteger();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();

  /** Starts a receiver for {@code protocol}: {@value #GRPC} or {@value #HTTP_PROTOBUF}. */
  public static OtlpReceiver start(String protocol) throws java.io.IOException {
    return switch (protocol) {
      case GRPC -> OtlpGrpcReceiver.start();
      case HTTP_PROTOBUF -> OtlpHttpReceiver.start();
      default -> throw new IllegalArgumentException("unknown OTLP protocol " + protocol);
    };
  }

  /** Base URL to hand to an exporter, e.g. {@code http://127.0.0.1:43127}. */
  public abstract String endpoint();

  /** The {@code OTEL_EXPORTER_OTLP_PROTOCOL} value this receiver speaks. */
  public abstract String protocol();

  /** Environment that points a child JVM's OTLP exporters here. */
  public Map<String, String> exporterEnv(String serviceName) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint());
    env.put("OTEL_EXPORTER_OTLP_PROTOCOL", protocol());
    env.put("OTEL_SERVICE_NAME", serviceName);
    env.put("OTEL_METRIC_EXPORT_INTERVAL", "500");
    return env;
  }

  /** Accepted trace export requests, in arrival order. */
  public List<ExportTraceServiceRequest> traceRequests() {
    return List.copyOf(traceRequests);
  }

  /** Accepted metric export requests, in arrival order. */
  public List<ExportMetricsServiceRequest> metricRequests() {
    return List.copyOf(metricRequests);
  }

  /** Every span received so far, decoded. */
  public List<ReceivedSpan> spans() {
    return List.copyOf(spans);
  }

  /** Every metric of every request received so far, decoded. */
  public List<ReceivedMetric> metrics() {
    return List.copyOf(metrics);
  }

  /** Requests rejected because their body could not be decoded. */
  public int malformedRequests() {
    return malformed.get();
  }

  /** Requests for other signals (logs, profiles), answered but not kept. */
  public int otherRequests() {
    return otherRequests.get();
  }

  /**
   * Waits until {@code condition} holds for all spans received so far, and returns them.
   *
   * @throws AssertionError with what was received, when {@code timeout} passes first
   */
  public List<ReceivedSpan> awaitSpans(Predicate<? super List<ReceivedSpan>> condition,
      Duration timeout) {
    if (!await(() -> condition.test(spans()), timeout)) {
      throw new AssertionError("spans not received within " + timeout + "; got " + spans.size()
          + ": " + briefs(spans()));
    }
    return spans();
  }

  /** Waits for the first span matching {@code match}, and returns it. */
  public ReceivedSpan awaitSpan(Predicate<? super ReceivedSpan> match, Duration timeout) {
    List<ReceivedSpan> all = awaitSpans(l -> l.stream().anyMatch(match), timeout);
    return all.stream().filter(match).findFirst().orElseThrow();
  }

  /** Waits until {@code condition} holds for all metrics received so far, and returns them. */
  public List<ReceivedMetric> awaitMetrics(Predicate<? super List<ReceivedMetric>> condition,
      Duration timeout) {
    if (!await(() -> condition.test(metrics()), timeout)) {
      throw new AssertionError("metrics not received within " + timeout + "; names: "
          + metrics().stream().map(ReceivedMetric::name).distinct().toList());
    }
    return metrics();
  }

  /**
   * Waits until {@code condition} holds, woken by every arriving request; true when it held
   * before {@code timeout} passed.
   */
  public boolean await(java.util.function.BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (!condition.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        // Bounded so a condition that turns true without a request is still seen.
        arrived.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return condition.getAsBoolean();
    } finally {
      lock.unlock();
    }
  }

  /** Called by the transport with a decoded trace request. */
  protected final void acceptTraces(ExportTraceServiceRequest request) {
    List<ReceivedSpan> decoded = OtlpDecoding.spans(request);
    traceRequests.add(request);
    spans.addAll(decoded);
    signal();
  }

  /** Called by the transport with a decoded metrics request. */
  protected final void acceptMetrics(ExportMetricsServiceRequest request) {
    List<ReceivedMetric> decoded = OtlpDecoding.metrics(request);
    metricRequests.add(request);
    metrics.addAll(decoded);
    signal();
  }

  /** Called by the transport for a request it could not decode. */
  protected final void rejectMalformed() {
    malformed.incrementAndGet();
    signal();
  }

  /** Called by the transport for a request of another signal. */
  protected final void acceptOther() {
    otherRequests.incrementAndGet();
    signal();
  }

  private void signal() {
    lock.lock();
    try {
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** One line per span, for failure messages. */
  public static String briefs(List<ReceivedSpan> spans) {
    List<String> lines = new ArrayList<>();
    for (ReceivedSpan s : spans) {
      lines.add("\n  " + s.brief());
    }
    return String.join("", lines);
  }

  /** Stops the server; idempotent. */
  @Override
  public abstract void close();

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + protocol() + " " + endpoint() + "]";
  }
}
