package io.perfagent.agent.collect;

import io.perfagent.agent.log.AgentLog;
import io.perfagent.bootstrap.AgentSettings;
import io.perfagent.bootstrap.FoldAccumulator;
import io.perfagent.bootstrap.FoldPool;
import io.perfagent.bootstrap.RecordRing;
import io.perfagent.bootstrap.SpanIds;
import io.perfagent.bootstrap.StageInfo;
import io.perfagent.bootstrap.StageRegistry;
import io.perfagent.bootstrap.Stages;
import io.perfagent.bootstrap.ThreadState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The drain thread. Every interval it empties each thread's ring, turns span records into
 * {@link FinishedStage}s and fold records into statistics and per-parent summaries, and hands
 * finished stages to the sinks.
 *
 * <p>A finished stage is held for one extra pass before it is handed on: folds of its
 * children that other threads published before it ended may sit in a ring this pass read
 * earlier, and are certain to be read by the next pass.
 */
public final class Collector {

  /**
   * Folds whose parent has not shown up after this many drain intervals keep only their
   * statistics (intervals, not passes: passes come faster while a thread's buffer is busy).
   */
  private static final int ORPHAN_INTERVALS = 3;
  /**
   * Folds made in tasks on other threads wait for their parent however long it runs (a root
   * that fans out to threads and joins them ends seconds after their folds came), up to this
   * many in all; past it they age like the others.
   */
  private static final int MAX_WAITING_TASK_FOLDS = 200_000;

  private final StatsTable stats;
  private final List<StageSink> sinks;
  private final long intervalNanos;
  private final EpochClock clock;
  private final Thread thread;
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean stopping;
  private volatile long deadlineNanos;

  private List<FinishedStage> held = new ArrayList<>();
  private List<FinishedStage> fresh = new ArrayList<>();
  private final Map<Long, FinishedStage> bySpanId = new HashMap<>();
  private final Map<Long, Orphans> orphans = new HashMap<>();
  private final Reader reader = new Reader();
  private final PerCallWall perCall = new PerCallWall();
  private final ExemplarBudget exemplars = new ExemplarBudget();
  /** Threads forgotten in the last pass (ended and drained), and how many make it short. */
  private int endedInPass;
  private static final int ENDED_FOR_SHORT_PARK = 256;
  private final WindowCandidates windows = new WindowCandidates();
  /** Fold summaries from tasks waiting for their parent span. */
  private long waitingTaskFolds;

  // counters of what could not be reported, for the exit summary
  private long lateFolds;
  private long droppedFromDeadThreads;
  private long droppedFoldCallsFromDeadThreads;
  private long unbalancedFromDeadThreads;

  public Collector(StatsTable stats, List<StageSink> sinks, long intervalNanos,
      EpochClock clock) {
    this.stats = stats;
    this.sinks = sinks;
    this.intervalNanos = intervalNanos;
    this.clock = clock;
    this.thread = new Thread(this::loop, "perf-agent-collector");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  private void loop() {
    long park = intervalNanos;
    TimerCalibrator calibrator = new TimerCalibrator(System.nanoTime());
    while (!stopping) {
      LockSupport.parkNanos(park);
      if (!stopping) {
        calibrate(calibrator);
        park = nextPark(safePass(), AgentSettings.ringCapacity, intervalNanos);
        if (endedInPass > ENDED_FOR_SHORT_PARK) {
          // threads ending by the thousand (a thread per task): their states go back to the
          // pool sooner, so new threads reuse them instead of allocating their own
          park = nextPark(Integer.MAX_VALUE, 0, intervalNanos);
        }
      }
    }
    try {
      // woven code still running finishes its calls; nothing new starts
      AgentSettings.enabled = false;
      Stages.flushCurrentThread();
      safePass();
      closeWindowsAtExit();
      safePass();
      safePass();
      fresh.addAll(windows.releaseAll()); // candidates whose window never came: runs
      release(held);
      release(fresh);
      held.clear();
      fresh.clear();
      for (Map.Entry<Long, Orphans> e : orphans.entrySet()) {
        Orphans o = e.getValue();
        lateFolds += o.folds.added(); // their parent never came: in the statistics only
      }
      orphans.clear();
      for (FinishedStage e : exemplars.takeAll()) {
        hand(e);
      }
      for (StageSink sink : sinks) {
        try {
          sink.finish(deadlineNanos);
        } catch (Throwable t) {
          AgentLog.failure("sink-finish", "could not finish exporting", t);
        }
      }
    } finally {
      finished.countDown();
    }
  }

  /** Drains for the last time and finishes the sinks, waiting at most until the deadline. */
  public void shutdown(long deadlineNanos) {
    this.deadlineNanos = deadlineNanos;
    stopping = true;
    LockSupport.unpark(thread);
    try {
      long wait = deadlineNanos - System.nanoTime();
      if (!finished.await(Math.max(wait, 0), TimeUnit.NANOSECONDS)) {
        AgentLog.info("the final flush did not finish in time; some spans or metrics may not "
            + "have been exported");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * How long to wait before the next pass: the interval, or a tenth of it (at least 5 ms) while
   * some thread fills more than half of its buffer between passes, so that a thread with many
   * short stages is drained before it has to drop. The instrumented threads never wake this
   * thread: that would be a system call on their path.
   */
  static long nextPark(int busiest, int bufferBound, long intervalNanos) {
    return busiest > bufferBound / 2
        ? Math.max(intervalNanos / 10, Math.min(intervalNanos, 5_000_000L))
        : intervalNanos;
  }

  private static void calibrate(TimerCalibrator calibrator) {
    try {
      calibrator.maybeRun(System.nanoTime());
    } catch (Throwable t) {
      AgentLog.failure("calibration", "could not calibrate the timer of folded calls", t);
    }
  }

  /** Runs one pass; returns the most records one thread had buffered. */
  private int safePass() {
    try {
      return pass();
    } catch (Throwable t) {
      AgentLog.failure("collector", "the collector failed one pass and goes on", t);
      return 0;
    }
  }

  private int pass() {
    int busiest = 0;
    endedInPass = 0;
    // The threads listed when the pass began, then those listed since while the pass is young:
    // ended threads are handed back as they come (a flood of virtual threads otherwise waits a
    // pass, ~3 KB each), and a pass still ends under a stream that never stops.
    Iterator<ThreadState> it = ThreadState.all().iterator();
    long youngUntil = System.nanoTime() + intervalNanos;
    for (int left = ThreadState.listed();
        it.hasNext() && (left-- > 0 || System.nanoTime() < youngUntil); ) {
      if ((left & 255) == 0) {
        ThreadState.adopt(); // the walk reaches them while the pass is young
      }
      ThreadState ts = it.next();
      long life = ts.life(); // before the thread: a state handed on meanwhile has moved on
      boolean alive = ThreadState.pooled(life) || ts.thread.isAlive();
      reader.thread = ts;
      busiest = Math.max(busiest, ts.drain(reader));
      if (!alive && ts.claimEnded(life)) {
        ts.closeWindowOfEnded(reader); // what it folded outside any stage, not lost with it
        droppedFromDeadThreads += ts.droppedRecords();
        droppedFoldCallsFromDeadThreads += ts.droppedFoldCalls();
        unbalancedFromDeadThreads += ts.unbalanced();
        it.remove();
        ThreadState.forget(ts);
        endedInPass++;
      }
    }
    ThreadState.stock(); // made here, on the agent's thread, for the threads that come next
    FoldPool.stock();
    release(held);
    for (StageSink sink : sinks) {
      try {
        sink.endOfPass();
      } catch (Throwable t) {
        AgentLog.failure("sink-pass", "a stage sink failed and goes on", t);
      }
    }
    List<FinishedStage> next = held;
    next.clear();
    held = fresh;
    fresh = next;
    ageOrphans();
    // candidates whose window has not come in two windows: their calls never folded
    fresh.addAll(windows.releaseOlderThan(System.nanoTime()
        - 2 * AgentSettings.foldWindowNanos - ORPHAN_INTERVALS * intervalNanos));
    return busiest;
  }

  private void release(List<FinishedStage> stages) {
    for (FinishedStage s : stages) {
      bySpanId.remove(s.spanId);
      for (FinishedStage e : exemplars.take(s.spanId)) {
        hand(e);
      }
      hand(s);
    }
  }

  private void hand(FinishedStage s) {
    for (StageSink sink : sinks) {
      try {
        sink.accept(s);
      } catch (Throwable t) {
        AgentLog.failure("sink:" + sink.getClass().getSimpleName(),
            "a stage sink failed and goes on", t);
      }
    }
  }

  private void ageOrphans() {
    long now = System.nanoTime();
    boolean patient = waitingTaskFolds <= MAX_WAITING_TASK_FOLDS;
    for (Iterator<Map.Entry<Long, Orphans>> it = orphans.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Long, Orphans> o = it.next();
      if ((!patient || !o.getValue().fromTask)
          && now - o.getValue().since >= ORPHAN_INTERVALS * intervalNanos) {
        lateFolds += o.getValue().folds.added();
        forgetOrphans(o.getValue());
        it.remove();
        for (FinishedStage e : exemplars.take(o.getKey())) {
          hand(e); // their parent will not come: they go as they are
        }
      }
    }
  }

  /** The streaming windows of threads still running but outside any stage, handed on now. */
  private void closeWindowsAtExit() {
    try {
      Thread self = Thread.currentThread();
      for (ThreadState ts : ThreadState.all()) {
        if (ts.thread != self && ts.thread.isAlive()) {
          reader.thread = ts;
          ts.closeWindowAtExit(reader);
        }
      }
    } catch (Throwable t) {
      AgentLog.failure("collector", "could not hand on the open streaming windows at exit", t);
    }
  }

  private void forgetOrphans(Orphans o) {
    if (o.fromTask) {
      waitingTaskFolds -= o.folds.held();
    }
  }

  private void onSpan(ThreadState ts, long[] a, int o, Throwable error) {
    long header = a[o + RecordRing.HEADER];
    int flags = RecordRing.flags(header);
    boolean candidate = (flags & RecordRing.F_WINDOWED) != 0; // its parent field: the window
    FinishedStage s = new FinishedStage(RecordRing.stageId(header), a[o + RecordRing.SPAN_ID],
        candidate ? 0 : a[o + RecordRing.PARENT_ID], a[o + RecordRing.TRACE_HI],
        a[o + RecordRing.TRACE_LO],
        clock.toEpochNanos(a[o + RecordRing.START]), clock.toEpochNanos(a[o + RecordRing.END]),
        a[o + RecordRing.CPU], (flags & RecordRing.F_CPU_EXACT) != 0, a[o + RecordRing.ALLOC],
        a[o + RecordRing.RECORDS], a[o + RecordRing.BYTES], (int) a[o + RecordRing.PIPELINE],
        (flags & RecordRing.F_ROOT) != 0, false, error, ts.drainedThread().getId(),
        ts.drainedThread().getName());
    if ((flags & RecordRing.F_REMOTE_PARENT) != 0) {
      s.markRemoteParent();
    }
    if ((flags & RecordRing.F_WINDOW_EMPTY) != 0) {
      fresh.addAll(windows.release(s.spanId)); // no window: its candidates are runs
      return;
    }
    stats.add(s);
    bySpanId.put(s.spanId, s);
    Orphans waiting = orphans.remove(s.spanId);
    if (waiting != null) {
      forgetOrphans(waiting);
      s.addFolds(waiting.folds);
    }
    if (candidate) {
      windows.hold(a[o + RecordRing.PARENT_ID], s, System.nanoTime());
      return;
    }
    fresh.add(s);
    if ((flags & RecordRing.F_WINDOW) != 0) {
      for (FinishedStage c : windows.release(s.spanId)) {
        FinishedStage child = c.under(s);
        bySpanId.put(child.spanId, child);
        fresh.add(child);
      }
    }
  }

  private void onFold(ThreadState ts, long[] a, int o, FoldAccumulator acc) {
    int pipelineId = (int) a[o + RecordRing.PIPELINE];
    long parent = a[o + RecordRing.PARENT_ID];
    perCall.add(acc);
    Thread owner = ts.drainedThread();
    FoldSummary summary = FoldSummary.of(acc, perCall.meanNanos(acc.stageId), owner.getId(),
        clock);
    stats.add(pipelineId, acc, summary.wallNanos - acc.spanWallNanos);
    StageInfo info = StageRegistry.stage(acc.stageId);
    if (info.mode != StageInfo.MODE_AGGREGATE) {
      for (int i = 0; i < acc.exemplarCount; i++) {
        if (parent != 0 && !exemplars.admits(parent, acc.stageId, acc.exEnd[i] - acc.exStart[i],
            acc.exError[i] != null, AgentSettings.exemplars)) {
          continue;
        }
        exemplar(new FinishedStage(acc.stageId, SpanIds.next(), parent,
            a[o + RecordRing.TRACE_HI], a[o + RecordRing.TRACE_LO],
            clock.toEpochNanos(acc.exStart[i]), clock.toEpochNanos(acc.exEnd[i]), acc.exCpu[i],
            false, acc.exAlloc[i], acc.exRecords[i], acc.exBytes[i], pipelineId, false, true,
            acc.exError[i], owner.getId(), owner.getName()));
      }
    }
    if (acc != reader.counts) {
      FoldPool.recycle(ts, acc);
    }
    if (parent == 0) {
      return; // folded calls outside any span: statistics only
    }
    FinishedStage p = bySpanId.get(parent);
    if (p != null) {
      p.addFold(summary);
    } else {
      Orphans waiting = orphans.computeIfAbsent(parent, k -> new Orphans(System.nanoTime()));
      if ((RecordRing.flags(a[o + RecordRing.HEADER]) & RecordRing.F_TASK) != 0) {
        if (!waiting.fromTask) {
          waiting.fromTask = true;
          waitingTaskFolds += waiting.folds.held();
        }
      }
      int held = waiting.folds.held();
      waiting.folds.add(summary, -1);
      if (waiting.fromTask) {
        waitingTaskFolds += waiting.folds.held() - held;
      }
    }
  }

  /** An exemplar goes with its parent, within the parent's budget; without one, as it is. */
  private void exemplar(FinishedStage e) {
    if (e.parentSpanId == 0) {
      fresh.add(e);
    } else {
      exemplars.offer(e, AgentSettings.exemplars);
    }
  }

  /** Exemplar spans left out because their parent had enough of their stage. */
  public long exemplarsLeftOut() {
    return exemplars.leftOut();
  }

  /** Stage calls still open on some thread (not ended, so never reported). */
  public static long openStages() {
    long open = 0;
    for (ThreadState ts : ThreadState.all()) {
      // a running thread's unflushed folds too; a task frame is no stage call
      open += ts.openStageCalls() + ts.pendingRootFoldCalls();
    }
    return open;
  }

  /** Records dropped because a thread's buffer was full. */
  public long droppedRecords() {
    long dropped = droppedFromDeadThreads;
    for (ThreadState ts : ThreadState.all()) {
      dropped += ts.droppedRecords();
    }
    return dropped;
  }

  /** Folded calls lost because a fold table or ring was full. */
  public long droppedFoldCalls() {
    long dropped = droppedFoldCallsFromDeadThreads;
    for (ThreadState ts : ThreadState.all()) {
      dropped += ts.droppedFoldCalls();
    }
    return dropped;
  }

  public long lateFolds() {
    return lateFolds;
  }

  /**
   * Stage calls not measured because a thread nested deeper than the stack allows (exact,
   * whatever became of the thread), plus frames discarded because their exit never came.
   */
  public long untrackedStages() {
    long n = unbalancedFromDeadThreads;
    for (ThreadState ts : ThreadState.all()) {
      n += ts.unbalanced(); // racy reads of live threads' counters
    }
    for (long calls : untrackedByStage().values()) {
      n += calls;
    }
    return n;
  }

  /** Stage calls not measured because their thread nested past the depth limit, by stage. */
  public static Map<String, Long> untrackedByStage() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (int id = 0, n = StageRegistry.count(); id < n; id++) {
      StageInfo info = StageRegistry.stage(id);
      if (info.untrackedCalls() > 0) {
        out.merge(info.name, info.untrackedCalls(), Long::sum);
      }
    }
    return out;
  }

  private static final class Orphans {
    /** Summed past 32 threads per child stage, as on the parent: a fan-out to 100,000 virtual
     * threads waits as a few dozen summaries, not 100,000. */
    final FoldSet folds = new FoldSet();
    final long since;
    /** Some fold came from a task on another thread: wait for the parent. */
    boolean fromTask;

    Orphans(long since) {
      this.since = since;
    }
  }

  private final class Reader implements RecordRing.Reader {
    ThreadState thread;
    /** A counts-only fold's accumulator, filled from its record: the thread kept its own. */
    final FoldAccumulator counts = new FoldAccumulator();

    @Override
    public void read(long[] data, int offset, Object ref) {
      int kind = RecordRing.kind(data[offset + RecordRing.HEADER]);
      if (kind == RecordRing.KIND_SPAN) {
        onSpan(thread, data, offset, (Throwable) ref);
      } else if (kind == RecordRing.KIND_FOLD) {
        if ((RecordRing.flags(data[offset + RecordRing.HEADER]) & RecordRing.F_COUNTS) != 0) {
          onFold(thread, data, offset, counts.readCounts(data, offset));
        } else {
          onFold(thread, data, offset, (FoldAccumulator) ref);
        }
      }
    }
  }
}
