package io.perfagent.agent.collect;

import io.perfagent.bootstrap.Probes;
import io.perfagent.bootstrap.ThreadState;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Estimates CPU time for stages too short to read it per call (a system call of ~1.6 µs):
 * every interval it reads the CPU clock of each thread that is inside a stage (and once more
 * after it leaves) and publishes it in {@link ThreadState#sampledCpu}; a stage's estimate is
 * the difference across its call. Accurate in aggregate, coarse (one interval) per call.
 */
public final class CpuSampler {

  private final long intervalNanos;
  private final Thread thread;
  private volatile boolean stopped;
  private volatile ThreadWatch watch;

  public CpuSampler(long intervalNanos) {
    this.intervalNanos = intervalNanos;
    this.thread = new Thread(this::loop, "perf-agent-cpu-sampler");
    this.thread.setDaemon(true);
  }

  public void start() {
    if (Probes.cpuSupported()) {
      thread.start();
    }
  }

  /** Shows each thread inside a stage to {@code w} every tick; null stops it. */
  public void watch(ThreadWatch w) {
    this.watch = w;
  }

  public void stop() {
    stopped = true;
  }

  private void loop() {
    Set<ThreadState> active = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<ThreadState> next = Collections.newSetFromMap(new IdentityHashMap<>());
    while (!stopped) {
      LockSupport.parkNanos(intervalNanos);
      try {
        next.clear();
        for (ThreadState ts : ThreadState.all()) {
          if (ts.virtual) {
            continue; // the JVM reads no CPU time for virtual threads
          }
          boolean inside = ts.depth() > 0;
          if (inside || active.contains(ts)) {
            long cpu = Probes.threadCpu(ts.threadId);
            if (cpu >= 0) {
              ts.sampledCpu = cpu;
            }
          }
          if (inside) {
            next.add(ts);
            ThreadWatch w = watch;
            if (w != null) {
              w.inside(ts.thread);
            }
          }
        }
        Set<ThreadState> swap = active;
        active = next;
        next = swap;
      } catch (Throwable t) {
        // a thread that died between the check and the read: next tick
      }
    }
  }
}
