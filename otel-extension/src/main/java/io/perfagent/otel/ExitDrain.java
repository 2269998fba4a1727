package io.perfagent.otel;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * A span processor that only waits for shutdown: the agent shuts its SDK down at JVM exit, and
 * this one, placed first, drains the stage buffers then, ending the last stage spans while the
 * exporters' processors still take them.
 */
final class ExitDrain implements SpanProcessor {

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {}

  @Override
  public boolean isStartRequired() {
    return false;
  }

  @Override
  public void onEnd(ReadableSpan span) {}

  @Override
  public boolean isEndRequired() {
    return false;
  }

  @Override
  public CompletableResultCode shutdown() {
    PerfRuntime.stop();
    return CompletableResultCode.ofSuccess();
  }
}
