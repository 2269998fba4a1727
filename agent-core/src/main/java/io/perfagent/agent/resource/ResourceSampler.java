package io.perfagent.agent.resource;

import io.perfagent.agent.collect.EpochClock;
import io.perfagent.agent.config.AgentConfig;
import io.perfagent.agent.log.AgentLog;
import io.perfagent.bootstrap.resource.ResourceSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The sampler thread. It loads the sources on its first tick (so OSHI and JNA cost nothing at
 * start-up), then ticks at a fixed rate: each due source writes its readings, costed in this
 * thread's CPU time; a source that throws or keeps going over its budget is backed off (see
 * {@link SourceHealth}) and said once. Each tick publishes its own CPU time as the event
 * {@code perf.sampler.duration}.
 */
public final class ResourceSampler {

  /** A source may spend 1 % of a core, and never less than this, before it is backed off. */
  static final long MIN_BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  private final Map<String, String> settings;
  private final long intervalNanos;
  private final EpochClock clock;
  private final Readings readings;
  private final ResourceTimeline timeline;
  private final TickWriter writer;
  private final List<Runnable> afterTick = new ArrayList<>();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Thread thread;
  private volatile boolean stopping;
  private volatile long ticks;
  private volatile long tickCpuNanos;
  private volatile long firstTickCpuNanos;
  private volatile int sourceCount = -1;
  private List<ResourceSource> sources;
  private List<SourceHealth> health;

  public ResourceSampler(Map<String, String> settings, long intervalNanos, EpochClock clock,
      Readings readings, ResourceTimeline timeline) {
    this.settings = Map.copyOf(settings);
    this.intervalNanos = intervalNanos;
    this.clock = clock;
    this.readings = readings;
    this.timeline = timeline;
    this.writer = new TickWriter(readings, timeline);
    this.thread = new Thread(this::run, "perf-agent-resources");
    this.thread.setDaemon(true);
  }

  /** The sampler the {@code sample.*} keys describe (not started). */
  public static ResourceSampler of(AgentConfig config, EpochClock clock) {
    long interval = config.get(AgentConfig.SAMPLE_INTERVAL).toNanos();
    Map<String, String> settings = new HashMap<>();
    settings.put("sample.gpu", config.get(AgentConfig.SAMPLE_GPU) ? "auto" : "off");
    settings.put("sample.nvml.library", config.get(AgentConfig.SAMPLE_NVML_LIBRARY));
    settings.put("sample.sysfs.root", config.get(AgentConfig.SAMPLE_SYSFS_ROOT));
    settings.put("sample.procfs.root", config.get(AgentConfig.SAMPLE_PROCFS_ROOT));
    settings.put("sample.cgroup.root", config.get(AgentConfig.SAMPLE_CGROUP_ROOT));
    return new ResourceSampler(settings, interval, clock, new Readings(),
        new ResourceTimeline(interval));
  }

  /** Runs on the sampler thread after every tick (the OpenTelemetry histograms). */
  public void afterTick(Runnable r) {
    afterTick.add(r);
  }

  public void start() {
    thread.start();
  }

  /** Stops ticking and closes the sources, waiting at most until the deadline. */
  public void stop(long deadlineNanos) {
    stopping = true;
    LockSupport.unpark(thread);
    try {
      thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      long loadCpu = threads.getCurrentThreadCpuTime();
      long loadWall = System.nanoTime();
      useSources(SamplerLoader.load(settings, AgentLog::info));
      AgentLog.debug("resource sources loaded in " + (System.nanoTime() - loadWall) / 1_000_000
          + " ms (" + (threads.getCurrentThreadCpuTime() - loadCpu) / 1_000_000 + " ms CPU): "
          + names());
      long next = System.nanoTime();
      while (!stopping) {
        tick();
        next += intervalNanos;
        long now = System.nanoTime();
        if (next < now) {
          next = now + intervalNanos; // fell behind (a long pause): don't tick in a burst
        }
        while (!stopping && (now = System.nanoTime()) < next) {
          LockSupport.parkNanos(next - now);
        }
      }
      tick(); // the last readings (a GC at the very end, say) go into the exit report too
    } catch (Throwable t) {
      AgentLog.failure("sampler", "resource sampling stopped", t);
    } finally {
      closeSources();
    }
  }

  /** One tick; package-private so tests and the benchmark can drive it. */
  void tick() {
    long start = System.nanoTime();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long budget = Math.max(MIN_BUDGET_NANOS, intervalNanos / 100);
    for (int i = 0; i < sources.size(); i++) {
      SourceHealth h = health.get(i);
      if (!h.due()) {
        continue;
      }
      ResourceSource s = sources.get(i);
      long c0 = threads.getCurrentThreadCpuTime();
      try {
        s.sample(writer);
        if (h.succeeded(threads.getCurrentThreadCpuTime() - c0, budget)) {
          AgentLog.info("resource source '" + s.name() + "' went over its budget of "
              + budget / 1000 + " µs CPU per tick " + SourceHealth.OVER_BUDGET_TICKS
              + " times in a row; reading it less often");
        }
      } catch (Throwable t) {
        if (h.failed()) {
          AgentLog.info("resource source '" + s.name() + "' failed (" + AgentLog.describe(t)
              + "); reading it less often from now on");
        }
      }
      writer.counter("perf.sampler.errors", "{error}", h.failures(), "perf.sampler.source",
          s.name());
    }
    long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
    long epoch = clock.toEpochNanos(start);
    writer.event("perf.sampler.duration", "s", epoch, cpu / 1e9);
    writer.counter("perf.sampler.dropped", "{reading}", readings.dropped());
    writer.commit(epoch);
    if (ticks++ == 0) {
      firstTickCpuNanos = cpu; // class loading and interpretation: not what a tick costs
    } else {
      tickCpuNanos += cpu;
    }
    for (Runnable r : afterTick) {
      try {
        r.run();
      } catch (Throwable t) {
        AgentLog.failure("sampler-export", "could not publish resource metrics", t);
      }
    }
  }

  /** Sets the sources to tick; the thread does it first, tests and the benchmark directly. */
  void useSources(List<ResourceSource> loaded) {
    sources = loaded;
    health = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      health.add(new SourceHealth());
    }
    sourceCount = sources.size();
  }

  private void closeSources() {
    if (sources == null) {
      return;
    }
    for (ResourceSource s : sources) {
      try {
        s.close();
      } catch (Throwable t) {
        AgentLog.debug("closing resource source " + s.name() + ": " + t);
      }
    }
  }

  /** Source names, in tick order. */
  public String names() {
    List<ResourceSource> s = sources;
    if (s == null) {
      return "(not loaded)";
    }
    List<String> out = new ArrayList<>();
    List<SourceHealth> h = health;
    for (int i = 0; i < s.size(); i++) {
      long mean = h == null || i >= h.size() ? -1 : h.get(i).meanCpuNanos();
      out.add(mean < 0 ? s.get(i).name()
          : String.format(java.util.Locale.ROOT, "%s %.0f µs", s.get(i).name(), mean / 1000.0));
    }
    return out.isEmpty() ? "no sources" : String.join(", ", out);
  }

  /**
   * One line for the exit footer: what sampling cost, the first tick (which loads and
   * interprets the readers' code) apart from the mean of the rest.
   */
  public String describe() {
    long n = ticks;
    if (n == 0) {
      return "resource sampler: no tick" + (sourceCount == 0 ? " (no sources)" : "");
    }
    String first = String.format(java.util.Locale.ROOT, "first %.1f ms", firstTickCpuNanos / 1e6);
    if (n == 1) {
      return "resource sampler: 1 tick over " + names() + ", " + first + " CPU" + drops();
    }
    double perTick = tickCpuNanos / (double) (n - 1);
    return String.format(java.util.Locale.ROOT,
        "resource sampler: %d ticks over %s, %.0f µs CPU per tick after the first (%s), "
            + "%.3f%% of a core", n, names(), perTick / 1000, first, 100 * perTick / intervalNanos)
        + drops();
  }

  /** What was not kept, said where it happened (nothing when nothing was dropped). */
  private String drops() {
    long readingsDropped = readings.dropped();
    long gcDropped = timeline.droppedGcPauses();
    return readingsDropped + gcDropped == 0 ? "" : "; dropped " + readingsDropped
        + " readings (series or event bound) and " + gcDropped + " GC pauses (timeline bound)";
  }

  public ResourceTimeline timeline() {
    return timeline;
  }

  public Readings readings() {
    return readings;
  }
}
