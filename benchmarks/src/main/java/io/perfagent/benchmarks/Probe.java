package io.perfagent.benchmarks;

/**
 * Calls every benchmark variant a few times outside JMH and exits: {@link Compare} runs it in
 * a child JVM under each agent, exporting OTLP to its receiver, to prove before any timing that
 * the annotations are really woven (their spans arrive) and the agent is really active.
 */
public final class Probe {

  private Probe() {}

  public static void main(String[] args) throws Exception {
    TinyMethodBenchmark tiny = new TinyMethodBenchmark();
    tiny.setUp();
    tiny.openIterationStage();
    for (int i = 0; i < 100; i++) {
      tiny.monitoredAutoFolded();
    }
    tiny.closeIterationStage();
    for (int i = 0; i < 3; i++) {
      tiny.plain();
      tiny.monitoredSpan();
      tiny.withSpan();
      tiny.monitoredAggregate();
      tiny.monitoredAuto();
      tiny.monitoredRecords();
    }
    ConcurrentBenchmark concurrent = new ConcurrentBenchmark();
    concurrent.setUp();
    concurrent.monitoredSpan();
    concurrent.withSpan();
    concurrent.monitoredAggregate();
    NestingBenchmark nesting = new NestingBenchmark();
    nesting.setUp();
    nesting.monitoredSpan();
    nesting.withSpan();
    ExecutorHopBenchmark hop = new ExecutorHopBenchmark();
    hop.setUp();
    hop.monitoredSpan();
    hop.withSpan();
    hop.tearDown();
    System.out.println("probe done");
  }
}
