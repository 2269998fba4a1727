package io.perfagent.it.otlp;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * OTLP/gRPC: the collector's TraceService, MetricsService and LogsService {@code Export} on a
 * grpc-java Netty server (plaintext HTTP/2; gzip accepted, as grpc-java registers it).
 */
public final class OtlpGrpcReceiver extends OtlpReceiver {

  private final Server server;
  private final AtomicBoolean closed = new AtomicBoolean();

  private OtlpGrpcReceiver() throws IOException {
    server = NettyServerBuilder
        .forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .addService(new TraceServiceGrpc.TraceServiceImplBase() {
          @Override
          public void export(ExportTraceServiceRequest request,
              StreamObserver<ExportTraceServiceResponse> response) {
            acceptTraces(request);
            response.onNext(ExportTraceServiceResponse.getDefaultInstance());
            response.onCompleted();
          }
        })
        .addService(new MetricsServiceGrpc.MetricsServiceImplBase() {
          @Override
          public void export(ExportMetricsServiceRequest request,
              StreamObserver<ExportMetricsServiceResponse> response) {
            acceptMetrics(request);
            response.onNext(ExportMetricsServiceResponse.getDefaultInstance());
            response.onCompleted();
          }
        })
        .addService(new LogsServiceGrpc.LogsServiceImplBase() {
          @Override
          public void export(ExportLogsServiceRequest request,
              StreamObserver<ExportLogsServiceResponse> response) {
            acceptOther();
            response.onNext(ExportLogsServiceResponse.getDefaultInstance());
            response.onCompleted();
          }
        })
        .build()
        .start();
  }

  /** Starts a receiver on 127.0.0.1 and an ephemeral port. */
  public static OtlpGrpcReceiver start() {
    try {
      return new OtlpGrpcReceiver();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String endpoint() {
    return "http://127.0.0.1:" + server.getPort();
  }

  @Override
  public String protocol() {
    return GRPC;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.shutdownNow();
      try {
        server.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
