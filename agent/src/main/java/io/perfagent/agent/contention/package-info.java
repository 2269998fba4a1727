/**
 * Lock and wait time of stage calls, measured without touching the application's threads: a
 * JFR {@code RecordingStream} on an agent thread receives the JVM's own monitor-enter,
 * monitor-wait and park events (each at least {@code contention.threshold} long), keeps those
 * of stage threads in a bounded buffer, and at exit they are attributed to the stage calls by
 * thread and time ({@link io.perfagent.agent.contention.ContentionAttributor}).
 *
 * <p>Why JFR and not {@code ThreadMXBean} contention counters: the JVM writes each event on
 * its own slow path (the thread is blocked already), with the monitor's or the park blocker's
 * class, the thread that held the monitor and exact start and duration, so one event says lock
 * or wait, on what, and held by whom; a sampler reading the per-thread blocked and waited
 * totals gets none of that, and cannot tell a lock's park from a queue's.
 *
 * <p>Only {@link io.perfagent.agent.contention.JfrContentionStream} names {@code jdk.jfr}
 * types: where the module is missing, loading it fails alone, and the rest of the agent runs.
 */
package io.perfagent.agent.contention;
