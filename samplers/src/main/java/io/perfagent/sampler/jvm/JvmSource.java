package io.perfagent.sampler.jvm;

import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.bootstrap.resource.ResourceWriter;
import io.perfagent.sampler.rate.CpuShare;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.List;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;

/**
 * Source {@code jvm}: memory pools, threads by state, loaded classes, recent process CPU, JIT
 * time, per-collector counts and times from the platform MXBeans, and the GC pauses buffered by
 * {@link GcPauseListener} since the previous tick as {@code jvm.gc.duration} events.
 */
final class JvmSource implements ResourceSource {

  private static final Thread.State[] STATES = Thread.State.values();

  private final List<MemoryPoolMXBean> pools;
  private final String[][] poolAttrs;
  private final List<GarbageCollectorMXBean> collectors;
  private final String[][] gcAttrs;
  private final String[][] stateAttrs;
  private final ThreadMXBean threads;
  private final ClassLoadingMXBean classes;
  private final CompilationMXBean compiler;
  private final com.sun.management.OperatingSystemMXBean os;
  private final GcPauseListener listener;
  private final List<NotificationEmitter> emitters;
  private final int[] stateCounts = new int[STATES.length];
  private final CpuShare cpuShare = new CpuShare(Runtime.getRuntime().availableProcessors());

  /** {@code compiler} and {@code os} may be null (no JIT, not a HotSpot-like JVM). */
  JvmSource(
      List<MemoryPoolMXBean> pools,
      List<GarbageCollectorMXBean> collectors,
      ThreadMXBean threads,
      ClassLoadingMXBean classes,
      CompilationMXBean compiler,
      com.sun.management.OperatingSystemMXBean os,
      GcPauseListener listener,
      List<NotificationEmitter> emitters) {
    this.pools = pools;
    this.collectors = collectors;
    this.threads = threads;
    this.classes = classes;
    this.compiler = compiler != null && compiler.isCompilationTimeMonitoringSupported() ? compiler : null;
    this.os = os;
    this.listener = listener;
    this.emitters = emitters;
    this.poolAttrs = new String[pools.size()][];
    for (int i = 0; i < poolAttrs.length; i++) {
      MemoryPoolMXBean p = pools.get(i);
      poolAttrs[i] =
          new String[] {
            "jvm.memory.type", p.getType() == MemoryType.HEAP ? "heap" : "non_heap",
            "jvm.memory.pool.name", p.getName()
          };
    }
    this.gcAttrs = new String[collectors.size()][];
    for (int i = 0; i < gcAttrs.length; i++) {
      gcAttrs[i] = new String[] {"jvm.gc.name", collectors.get(i).getName()};
    }
    this.stateAttrs = new String[STATES.length][];
    for (Thread.State s : STATES) {
      // semantic conventions: lowercase state names (timed_waiting)
      stateAttrs[s.ordinal()] = new String[] {"jvm.thread.state", s.name().toLowerCase(java.util.Locale.ROOT)};
    }
  }

  @Override
  public String name() {
    return "jvm";
  }

  @Override
  public void sample(ResourceWriter out) {
    sampleMemory(out);
    sampleThreads(out);
    out.gauge("jvm.class.count", "{class}", classes.getLoadedClassCount());
    if (os != null) {
      sampleCpu(out);
    }
    if (compiler != null) {
      out.counter("perf.jvm.jit.time", "s", compiler.getTotalCompilationTime() / 1000.0);
    }
    long collections = 0;
    for (int i = 0; i < gcAttrs.length; i++) {
      GarbageCollectorMXBean gc = collectors.get(i);
      long count = gc.getCollectionCount();
      collections += Math.max(0, count);
      long millis = gc.getCollectionTime();
      if (count >= 0) {
        out.counter("perf.jvm.gc.count", "{collection}", count, gcAttrs[i]);
      }
      if (millis >= 0) {
        out.counter("perf.jvm.gc.time", "s", millis / 1000.0, gcAttrs[i]);
      }
    }
    if (listener != null) {
      awaitNotifications(collections);
      // bounded by the queue's capacity: at most what arrived since the last tick
      for (GcPause p = listener.poll(); p != null; p = listener.poll()) {
        out.event(
            "jvm.gc.duration",
            "s",
            p.endEpochNanos(),
            p.durationSeconds(),
            "jvm.gc.name",
            p.gcName(),
            "jvm.gc.action",
            p.gcAction());
      }
      out.counter("perf.sampler.dropped_events", "{event}", listener.dropped());
    }
  }

  /**
   * The JDK delivers a collection's notification on its own thread, some time after the
   * collectors' counts show it: a collection just before this tick (a {@code System.gc()}
   * right before exit, on a busy machine) would miss it, and the run would show no pause.
   * When the counts are ahead of the notifications, waits for them, at most 50 ms.
   */
  private void awaitNotifications(long collections) {
    long deadline = System.nanoTime() + 50_000_000L;
    // a collector that never notifies keeps a constant gap: only a gap that grew is waited for
    while (collections - listener.notified() > notifyGap && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(2_000_000L);
    }
    notifyGap = Math.max(0, collections - listener.notified());
  }

  /** Collections the notifications were behind after the last tick's wait. */
  private long notifyGap;

  @Override
  public void close() {
    for (NotificationEmitter e : emitters) {
      try {
        e.removeNotificationListener(listener);
      } catch (ListenerNotFoundException | RuntimeException ignored) {
        // already gone: nothing to release
      }
    }
  }

  /**
   * {@code jvm.cpu.recent_utilization} from process CPU time deltas over the tick, divided by
   * the processors available to the JVM. Not {@code getProcessCpuLoad()}: on JDK 17 in a
   * container it re-reads cgroup files and cost about 290 µs per call, {@code
   * getProcessCpuTime()} about 2 µs; the meaning (CPU share since the last reading) is the same.
   * Nothing on the first tick or when the JVM reports no CPU time.
   */
  private void sampleCpu(ResourceWriter out) {
    double share = cpuShare.next(os.getProcessCpuTime(), System.nanoTime());
    if (!Double.isNaN(share)) {
      out.gauge("jvm.cpu.recent_utilization", "1", Math.min(1.0, share));
    }
  }

  private void sampleMemory(ResourceWriter out) {
    for (int i = 0; i < poolAttrs.length; i++) {
      MemoryPoolMXBean p = pools.get(i);
      if (!p.isValid()) {
        continue;
      }
      MemoryUsage u = p.getUsage();
      if (u == null) {
        continue;
      }
      out.gauge("jvm.memory.used", "By", u.getUsed(), poolAttrs[i]);
      out.gauge("jvm.memory.committed", "By", u.getCommitted(), poolAttrs[i]);
      if (u.getMax() >= 0) {
        out.gauge("jvm.memory.limit", "By", u.getMax(), poolAttrs[i]);
      }
    }
  }

  /**
   * Counts live threads by state. {@code getThreadInfo(ids, 0)} takes no stacks, so it does not
   * bring threads to a safepoint; its cost grows with the thread count (a few µs for tens of
   * threads).
   */
  private void sampleThreads(ResourceWriter out) {
    java.util.Arrays.fill(stateCounts, 0);
    ThreadInfo[] infos = threads.getThreadInfo(threads.getAllThreadIds(), 0);
    for (ThreadInfo t : infos) {
      if (t != null) {
        stateCounts[t.getThreadState().ordinal()]++;
      }
    }
    for (Thread.State s : STATES) {
      out.gauge("jvm.thread.count", "{thread}", stateCounts[s.ordinal()], stateAttrs[s.ordinal()]);
    }
  }
}
