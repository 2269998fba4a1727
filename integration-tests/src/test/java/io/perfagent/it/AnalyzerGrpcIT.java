package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.rpc.RetryInfo;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.perfagent.it.analyzer.AnalyzerProcess;
import io.perfagent.it.apps.SmallApp;
import io.perfagent.it.harness.ChildJvm;
import io.perfagent.it.harness.ChildResult;
import io.perfagent.it.harness.ItClasspath;
import io.perfagent.it.harness.ItPaths;
import io.perfagent.it.harness.Jdks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * OTLP/gRPC into the real analyzer jar: two runs of a small pipeline under the real perf.jar,
 * exporting with its default protocol and a bearer token, become two runs of one pipeline;
 * a client without the token gets {@code UNAUTHENTICATED}, one the queue cannot take
 * {@code UNAVAILABLE} with a {@code RetryInfo}, and one over {@code --max-body}
 * {@code RESOURCE_EXHAUSTED}, the service going on.
 */
class AnalyzerGrpcIT {

  private static final String TOKEN = "grpc-token";

  @Test
  void theAgentExportsOverGrpcAndTheAnalyzerAnswersAsTheSpecificationSays() throws IOException {
    Path db = ItPaths.workDir("AnalyzerGrpcIT").resolve("history.db");
    Files.deleteIfExists(db);
    try (AnalyzerProcess analyzer = AnalyzerProcess.start("AnalyzerGrpcIT-analyzer", db, TOKEN,
        "--token", TOKEN, "--quiet-period", "300ms", "--max-queued-spans", "50",
        "--max-body", "256KiB")) {
      for (int i = 1; i <= 2; i++) {
        ChildResult r = ChildJvm.builder(Jdks.current(), "AnalyzerGrpcIT-small-" + i)
            .agent(ItPaths.agentJar(), "summary=off,report=off")
            .env(analyzer.exporterEnv("small-app", true))
            .classpath(ItClasspath.apps())
            .mainClass(SmallApp.class)
            .run();
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stderr()).as(r.describe()).doesNotContain("Failed to export");
      }
      JsonNode runs = analyzer.awaitJson("/api/pipelines/small/runs",
          n -> n.path("total").asInt() == 2, Duration.ofSeconds(60));
      for (JsonNode run : runs.path("runs")) {
        assertThat(run.path("spans").asInt()).as("small.main and small.step").isEqualTo(2);
        assertThat(run.path("root_stage").asText()).isEqualTo("small.main");
        assertThat(run.path("wall_ns").asLong()).as("small.step sleeps 20 ms")
            .isGreaterThanOrEqualTo(20_000_000L);
        assertThat(run.path("services").get(0).asText()).isEqualTo("small-app");
      }
      assertThat(runs.path("runs").get(0).path("instances").get(0).asText())
          .as("two JVMs: two service.instance.ids")
          .isNotEqualTo(runs.path("runs").get(1).path("instances").get(0).asText());
      assertThat(runs.path("runs").get(0).path("start_epoch_ns").asLong())
          .as("newest first").isGreaterThan(runs.path("runs").get(1).path("start_epoch_ns")
              .asLong());
      JsonNode paged = analyzer.getJson("/api/pipelines/small/runs?limit=1&offset=1");
      assertThat(paged.path("runs")).hasSize(1);
      assertThat(paged.path("runs").get(0).path("id").asText())
          .isEqualTo(runs.path("runs").get(1).path("id").asText());
      JsonNode report = analyzer.getJson("/api/pipelines/small/report");
      assertThat(report.path("pipelines").get(0).path("runs").asInt()).isEqualTo(2);
      assertThat(analyzer.getJson("/api/pipelines/small/report?runs=1").path("pipelines").get(0)
          .path("runs").asInt()).isEqualTo(1);

      ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", analyzer.grpcPort())
          .usePlaintext().build();
      try {
        TraceServiceGrpc.TraceServiceBlockingStub bare = TraceServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(30, TimeUnit.SECONDS);
        StatusRuntimeException noToken = catchThrowableOfType(StatusRuntimeException.class,
            () -> bare.export(request(1)));
        assertThat(noToken.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNAUTHENTICATED);

        Metadata auth = new Metadata();
        auth.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
            "Bearer " + TOKEN);
        TraceServiceGrpc.TraceServiceBlockingStub stub = bare.withInterceptors(
            MetadataUtils.newAttachHeadersInterceptor(auth));
        StatusRuntimeException busy = catchThrowableOfType(StatusRuntimeException.class,
            () -> stub.export(request(51)));
        assertThat(busy.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNAVAILABLE);
        com.google.rpc.Status detail = StatusProto.fromThrowable(busy);
        assertThat(detail).isNotNull();
        assertThat(detail.getDetailsList()).anySatisfy(any -> {
          assertThat(any.is(RetryInfo.class)).isTrue();
          assertThat(any.unpack(RetryInfo.class).getRetryDelay().getSeconds()).isPositive();
        });
        assertThat(stub.export(request(1)).hasPartialSuccess()).isFalse();

        // over --max-body: refused by size before it is read, and the service goes on
        ExportTraceServiceRequest huge = request(1).toBuilder().setResourceSpans(0,
            request(1).getResourceSpans(0).toBuilder().setResource(
                io.opentelemetry.proto.resource.v1.Resource.newBuilder().addAttributes(
                    KeyValue.newBuilder().setKey("huge").setValue(AnyValue.newBuilder()
                        .setStringValue("x".repeat(300 * 1024)))))).build();
        StatusRuntimeException tooBig = catchThrowableOfType(StatusRuntimeException.class,
            () -> stub.export(huge));
        assertThat(tooBig.getStatus().getCode())
            .isEqualTo(io.grpc.Status.Code.RESOURCE_EXHAUSTED);
        assertThat(stub.export(request(1)).hasPartialSuccess()).as("still serving").isFalse();
      } finally {
        channel.shutdownNow();
      }
      assertThat(analyzer.metric("perf_analyzer_spans_rejected_total{cause=\"queue_full\"}"))
          .isEqualTo(51);
      assertThat(analyzer.metric("perf_analyzer_requests_rejected_total{cause=\"too_large\"}"))
          .isEqualTo(1);
    }
  }

  private static ExportTraceServiceRequest request(int spans) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 0; i < spans; i++) {
      scope.addSpans(Span.newBuilder()
          .setTraceId(ByteString.fromHex("00000000000000000000000000000abc"))
          .setSpanId(ByteString.fromHex(String.format("%016x", i + 1)))
          .setParentSpanId(i == 0 ? ByteString.EMPTY : ByteString.fromHex("0000000000000001"))
          .setName("s").setStartTimeUnixNano(1000).setEndTimeUnixNano(2000)
          .addAttributes(KeyValue.newBuilder().setKey("perf.stage")
              .setValue(AnyValue.newBuilder().setStringValue("s"))));
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope)).build();
  }
}
