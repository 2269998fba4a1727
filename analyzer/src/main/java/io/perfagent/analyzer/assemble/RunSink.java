package io.perfagent.analyzer.assemble;

/** Where closed runs go: the analysis. May block while it is busy (back-pressure). */
@FunctionalInterface
public interface RunSink {
  void submit(ClosedRun run) throws InterruptedException;
}
