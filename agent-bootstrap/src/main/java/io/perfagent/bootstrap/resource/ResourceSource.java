package io.perfagent.bootstrap.resource;

/**
 * One group of readings (host, process, JVM, container, one accelerator driver). The sampler
 * thread calls {@link #sample} once per tick; a source that throws is backed off and reported
 * by the agent, not retried in a tight loop. Rates (utilization, bytes per interval) are
 * computed by the source from its previous tick.
 */
public interface ResourceSource {

  /** Short name for logs and the self-cost metric: {@code host}, {@code nvml}. */
  String name();

  /** Reads once and writes what it read. Never called concurrently. */
  void sample(ResourceWriter out) throws Exception;

  /** Releases native handles (NVML shutdown); called once at exit. */
  default void close() {}
}
