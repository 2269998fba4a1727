package io.perfagent.agent.collect;

/**
 * Where finished stages go once their folded children are attached: the OTLP exporter today,
 * the embedded analysis next. Called on the drain thread only; must not block for long.
 */
public interface StageSink {

  void accept(FinishedStage stage);

  /** Called after each drain pass, when a batch of stages has been accepted. */
  default void endOfPass() {}

  /** Called once at JVM exit after the last {@link #accept}; {@code deadlineNanos} bounds it. */
  default void finish(long deadlineNanos) {}
}
