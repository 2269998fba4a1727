package io.perfagent.agent.collect;

/**
 * Looks at a thread that is inside a stage, once per CPU sampler tick, on the sampler's thread.
 * Must be cheap (fields of the {@link Thread}, no safepoint) and must not throw.
 */
public interface ThreadWatch {

  void inside(Thread thread);
}
