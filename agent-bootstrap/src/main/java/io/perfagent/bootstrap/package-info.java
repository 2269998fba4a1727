/**
 * What woven code calls: the per-thread stage stack, the record rings the agent thread drains,
 * per-parent fold accumulators, and the contexts that carry a stage across threads.
 *
 * <p>This package is appended to the bootstrap class path, so code woven into any class (the
 * JDK's executors included) can reach it. It depends on nothing but the JDK and a relocated
 * HdrHistogram. Every entry point is written for the instrumented thread: no lock, no I/O, no
 * blocking, no allocation in steady state, and never a throw. Not an API.
 */
package io.perfagent.bootstrap;
