package io.perfagent.analyzer.receive;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.rpc.Code;
import com.google.rpc.Status;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.perfagent.analyzer.http.BearerToken;
import io.perfagent.analyzer.http.HttpServers;
import io.perfagent.analyzer.telemetry.AnalyzerMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * OTLP/HTTP on {@code POST /v1/traces} and {@code /v1/metrics}, as opentelemetry-proto's
 * specification says: a protobuf ({@code application/x-protobuf}) or JSON
 * ({@code application/json}) body, plain or gzip, answered in the same encoding.
 *
 * <ul>
 *   <li>200 with {@code partial_success} naming the rejected spans when some were invalid;
 *   <li>400 for a body that cannot be decoded, 413 for one over the limit after
 *       decompression, 415 for another content type or encoding, 401 without the token,
 *       405 for another method; each with a {@code google.rpc.Status} body;
 *   <li>503 with {@code Retry-After} when the ingest queue is full: the client retries.
 * </ul>
 *
 * Every refusal is counted by cause; nothing a client sends throws past this class.
 */
public final class OtlpHttpReceiver {

  static final String PROTOBUF = "application/x-protobuf";
  static final String JSON = "application/json";
  /** Seconds a client told to back off waits before retrying. */
  static final int RETRY_AFTER_SECONDS = 1;

  private final HttpServer server;
  private final OtlpIngest ingest;
  private final AnalyzerMetrics metrics;
  private final BearerToken token;
  private final int maxBody;
  private final MetricSink metricSink;

  /** Where decoded metric requests go (resource metrics joined with runs). */
  @FunctionalInterface
  public interface MetricSink {
    void accept(ExportMetricsServiceRequest request);
  }

  public OtlpHttpReceiver(String bind, int port, OtlpIngest ingest, AnalyzerMetrics metrics,
      BearerToken token, long maxBody, MetricSink metricSink) throws IOException {
    this.ingest = ingest;
    this.metrics = metrics;
    this.token = token;
    this.maxBody = (int) maxBody;
    this.metricSink = metricSink;
    this.server = HttpServers.create(bind, port, 4, "perf-analyzer-otlp-http");
    server.createContext("/v1/traces", ex -> handle(ex, true));
    server.createContext("/v1/metrics", ex -> handle(ex, false));
  }

  public void start() {
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public void stop() {
    HttpServers.stop(server, 2);
  }

  private void handle(HttpExchange ex, boolean traces) {
    String contentType = PROTOBUF;
    try (ex) {
      if (!ex.getRequestURI().getPath().equals(traces ? "/v1/traces" : "/v1/metrics")) {
        error(ex, 404, Code.NOT_FOUND, "no such path", contentType, "not_found");
        return;
      }
      if (!"POST".equals(ex.getRequestMethod())) {
        ex.getResponseHeaders().set("Allow", "POST");
        error(ex, 405, Code.UNIMPLEMENTED, "OTLP/HTTP takes POST", contentType, "method");
        return;
      }
      String type = mediaType(ex.getRequestHeaders().getFirst("Content-Type"));
      if (type.equals(JSON)) {
        contentType = JSON;
      }
      if (!token.accepts(ex.getRequestHeaders().getFirst("Authorization"))) {
        ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        error(ex, 401, Code.UNAUTHENTICATED, "a bearer token is required", contentType,
            AnalyzerMetrics.REJECTED_UNAUTHORIZED);
        return;
      }
      if (!type.equals(PROTOBUF) && !type.equals(JSON)) {
        error(ex, 415, Code.INVALID_ARGUMENT, "Content-Type '" + type
            + "' is not supported: send application/x-protobuf or application/json",
            contentType, AnalyzerMetrics.REJECTED_UNSUPPORTED);
        return;
      }
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = BodyReader.read(in, ex.getRequestHeaders().getFirst("Content-Encoding"),
            contentLength(ex), maxBody);
      } catch (BodyReader.TooLarge e) {
        error(ex, 413, Code.RESOURCE_EXHAUSTED, e.getMessage(), contentType,
            AnalyzerMetrics.REJECTED_TOO_LARGE);
        return;
      } catch (BodyReader.Malformed e) {
        error(ex, 400, Code.INVALID_ARGUMENT, e.getMessage(), contentType,
            AnalyzerMetrics.REJECTED_MALFORMED);
        return;
      } catch (BodyReader.UnsupportedEncoding e) {
        error(ex, 415, Code.INVALID_ARGUMENT, e.getMessage(), contentType,
            AnalyzerMetrics.REJECTED_UNSUPPORTED);
        return;
      }
      if (traces) {
        traces(ex, body, contentType);
      } else {
        metrics(ex, body, contentType);
      }
    } catch (IOException | RuntimeException e) {
      // the client went away mid-request, or a bug: the server goes on either way
      metrics.requestRejected("io_error");
    }
  }

  private void traces(HttpExchange ex, byte[] body, String contentType) throws IOException {
    ExportTraceServiceRequest request =
        decode(ex, body, contentType, ExportTraceServiceRequest.newBuilder());
    if (request == null) {
      return;
    }
    ExportTraceServiceResponse response = ingest.traces(request);
    if (response == null) {
      ex.getResponseHeaders().set("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
      respond(ex, 503, Status.newBuilder().setCode(Code.UNAVAILABLE.getNumber())
          .setMessage("the analyzer is busy: retry later").build(), contentType);
      return;
    }
    respond(ex, 200, response, contentType);
  }

  private void metrics(HttpExchange ex, byte[] body, String contentType) throws IOException {
    ExportMetricsServiceRequest request =
        decode(ex, body, contentType, ExportMetricsServiceRequest.newBuilder());
    if (request == null) {
      return;
    }
    metricSink.accept(request);
    respond(ex, 200, ExportMetricsServiceResponse.getDefaultInstance(), contentType);
  }

  /** The decoded request, or null after answering 400. */
  @SuppressWarnings("unchecked")
  private <T extends Message> T decode(HttpExchange ex, byte[] body, String contentType,
      Message.Builder builder) throws IOException {
    try {
      if (contentType.equals(JSON)) {
        OtlpJson.merge(body, builder);
      } else {
        builder.mergeFrom(body);
      }
      return (T) builder.build();
    } catch (BodyReader.Malformed | InvalidProtocolBufferException e) {
      String message = e instanceof InvalidProtocolBufferException
          ? "the body is not a protobuf export request: " + e.getMessage() : e.getMessage();
      error(ex, 400, Code.INVALID_ARGUMENT, message, contentType,
          AnalyzerMetrics.REJECTED_MALFORMED);
      return null;
    }
  }

  private void error(HttpExchange ex, int code, Code rpc, String message, String contentType,
      String cause) throws IOException {
    metrics.requestRejected(cause);
    respond(ex, code, Status.newBuilder().setCode(rpc.getNumber()).setMessage(message).build(),
        contentType);
  }

  private static void respond(HttpExchange ex, int code, Message body, String contentType)
      throws IOException {
    byte[] bytes = contentType.equals(JSON)
        ? OtlpJson.print(body).getBytes(StandardCharsets.UTF_8)
        : body.toByteArray();
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static long contentLength(HttpExchange ex) {
    String v = ex.getRequestHeaders().getFirst("Content-Length");
    try {
      return v == null ? -1 : Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** {@code application/json; charset=utf-8} → {@code application/json}. */
  static String mediaType(String header) {
    if (header == null) {
      return "";
    }
    int semi = header.indexOf(';');
    return (semi < 0 ? header : header.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }
}
