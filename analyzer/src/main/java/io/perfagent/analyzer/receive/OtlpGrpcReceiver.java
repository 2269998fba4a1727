package io.perfagent.analyzer.receive;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import com.google.rpc.Status;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.perfagent.analyzer.http.BearerToken;
import io.perfagent.analyzer.telemetry.AnalyzerMetrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * OTLP/gRPC: {@code TraceService/Export} and {@code MetricsService/Export} on a grpc-java Netty
 * server (plaintext HTTP/2, gzip as grpc-java accepts it). As the specification says: a full
 * ingest queue is {@code UNAVAILABLE} with a {@code RetryInfo} detail (the client retries after
 * it), a message over the limit {@code RESOURCE_EXHAUSTED} (grpc-java counts while it
 * decompresses), a missing token {@code UNAUTHENTICATED}, some invalid spans
 * {@code partial_success}.
 */
public final class OtlpGrpcReceiver {

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final Server server;
  private final ExecutorService executor;

  public OtlpGrpcReceiver(String bind, int port, OtlpIngest ingest, AnalyzerMetrics metrics,
      BearerToken token, long maxMessage, OtlpHttpReceiver.MetricSink metricSink) {
    executor = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64),
        r -> {
          Thread t = new Thread(r, "perf-analyzer-otlp-grpc");
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    ServerInterceptor auth = new ServerInterceptor() {
      @Override
      public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call,
          Metadata headers, ServerCallHandler<Q, A> next) {
        if (!token.accepts(headers.get(AUTHORIZATION))) {
          metrics.requestRejected(AnalyzerMetrics.REJECTED_UNAUTHORIZED);
          call.close(io.grpc.Status.UNAUTHENTICATED.withDescription(
              "a bearer token is required"), new Metadata());
          return new ServerCall.Listener<>() {};
        }
        return next.startCall(call, headers);
      }
    };
    TraceServiceGrpc.TraceServiceImplBase traces = new TraceServiceGrpc.TraceServiceImplBase() {
      @Override
      public void export(ExportTraceServiceRequest request,
          StreamObserver<ExportTraceServiceResponse> out) {
        ExportTraceServiceResponse response = ingest.traces(request);
        if (response == null) {
          out.onError(StatusProto.toStatusRuntimeException(Status.newBuilder()
              .setCode(Code.UNAVAILABLE_VALUE)
              .setMessage("the analyzer is busy: retry later")
              .addDetails(Any.pack(RetryInfo.newBuilder().setRetryDelay(Duration.newBuilder()
                  .setSeconds(OtlpHttpReceiver.RETRY_AFTER_SECONDS)).build()))
              .build()));
          return;
        }
        out.onNext(response);
        out.onCompleted();
      }
    };
    MetricsServiceGrpc.MetricsServiceImplBase metricService =
        new MetricsServiceGrpc.MetricsServiceImplBase() {
          @Override
          public void export(ExportMetricsServiceRequest request,
              StreamObserver<ExportMetricsServiceResponse> out) {
            metricSink.accept(request);
            out.onNext(ExportMetricsServiceResponse.getDefaultInstance());
            out.onCompleted();
          }
        };
    server = NettyServerBuilder.forAddress(new InetSocketAddress(bind, port))
        .executor(executor)
        .maxInboundMessageSize((int) maxMessage)
        .addStreamTracerFactory(tooLargeCounter(metrics))
        .maxInboundMetadataSize(64 * 1024)
        .maxConcurrentCallsPerConnection(64)
        .permitKeepAliveWithoutCalls(true)
        .permitKeepAliveTime(10, TimeUnit.SECONDS)
        .addService(ServerInterceptors.intercept(traces, auth))
        .addService(ServerInterceptors.intercept(metricService, auth))
        .build();
  }

  /**
   * A message over {@code --max-body} is refused by gRPC itself, before any service code
   * sees it ({@code RESOURCE_EXHAUSTED}); the stream's end is where it can be counted.
   */
  private static io.grpc.ServerStreamTracer.Factory tooLargeCounter(AnalyzerMetrics metrics) {
    return new io.grpc.ServerStreamTracer.Factory() {
      @Override
      public io.grpc.ServerStreamTracer newServerStreamTracer(String method, Metadata headers) {
        return new io.grpc.ServerStreamTracer() {
          @Override
          public void streamClosed(io.grpc.Status status) {
            if (status.getCode() == io.grpc.Status.Code.RESOURCE_EXHAUSTED) {
              metrics.requestRejected(AnalyzerMetrics.REJECTED_TOO_LARGE);
            }
          }
        };
      }
    };
  }

  public void start() throws IOException {
    server.start();
  }

  public int port() {
    return server.getPort();
  }

  /** Stops taking calls, lets those in flight finish (up to 2 s). */
  public void stop() {
    server.shutdown();
    try {
      if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
    executor.shutdown();
  }
}
