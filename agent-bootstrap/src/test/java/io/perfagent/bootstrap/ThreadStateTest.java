package io.perfagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hot path called directly, as woven code calls it: spans, folding, context hand-off,
 * drops. Each test runs its stages on a fresh thread so thread-local state starts empty.
 */
class ThreadStateTest {

  private static final int SPAN = StageInfo.MODE_SPAN;
  private static final int AUTO = StageInfo.MODE_AUTO;
  private static final int AGGREGATE = StageInfo.MODE_AGGREGATE;

  @BeforeEach
  void enable() {
    AgentSettings.enabled = true;
    AgentSettings.foldThreshold = 64;
    AgentSettings.exemplars = 5;
    AgentSettings.ringCapacity = 1024;
    AgentSettings.foldSampleMask = 31;
  }

  @AfterEach
  void disable() {
    AgentSettings.enabled = false;
  }

  /** A drained record: its longs and its object slot. */
  record Rec(long[] fields, Object ref) {
    int kind() {
      return RecordRing.kind(fields[RecordRing.HEADER]);
    }

    int stage() {
      return RecordRing.stageId(fields[RecordRing.HEADER]);
    }

    int flags() {
      return RecordRing.flags(fields[RecordRing.HEADER]);
    }

    long get(int field) {
      return fields[field];
    }
  }

  private static int stage(String name, int mode) {
    return StageRegistry.register(name, "", mode, "test.ThreadStateTest." + name);
  }

  /** Runs {@code work} on a new thread and drains what that thread recorded. */
  private static List<Rec> onThread(Runnable work) throws Exception {
    AtomicReference<ThreadState> state = new AtomicReference<>();
    Thread t = new Thread(() -> {
      work.run();
      state.set(ThreadState.peek());
    });
    t.start();
    t.join();
    return drain(state.get());
  }

  private static List<Rec> drain(ThreadState ts) {
    List<Rec> out = new ArrayList<>();
    if (ts != null) {
      ts.drain((data, offset, ref) -> {
        long[] copy = new long[RecordRing.WIDTH];
        System.arraycopy(data, offset, copy, 0, RecordRing.WIDTH);
        boolean counts = RecordRing.kind(data[offset]) == RecordRing.KIND_FOLD
            && (RecordRing.flags(data[offset]) & RecordRing.F_COUNTS) != 0;
        // a fold of counts alone travels in the longs: read it as the drain thread does
        out.add(new Rec(copy, counts ? new FoldAccumulator().readCounts(data, offset) : ref));
      });
    }
    return out;
  }

  @Test
  void nestedStagesAreChildrenInOneTrace() throws Exception {
    int outer = stage("nest.outer", SPAN);
    int inner = stage("nest.inner", SPAN);
    List<Rec> recs = onThread(() -> {
      int a = Stages.enter(outer);
      int b = Stages.enter(inner);
      Stages.records(3);
      Stages.bytes(7);
      Stages.exit(b, null);
      Stages.exit(a, null);
    });
    assertThat(recs).hasSize(2);
    Rec in = recs.get(0);
    Rec out = recs.get(1);
    assertThat(in.stage()).isEqualTo(inner);
    assertThat(out.stage()).isEqualTo(outer);
    assertThat(in.get(RecordRing.PARENT_ID)).isEqualTo(out.get(RecordRing.SPAN_ID));
    assertThat(out.get(RecordRing.PARENT_ID)).isZero();
    assertThat(out.flags() & RecordRing.F_ROOT).isNotZero();
    assertThat(in.get(RecordRing.TRACE_HI)).isEqualTo(out.get(RecordRing.TRACE_HI));
    assertThat(in.get(RecordRing.TRACE_LO)).isEqualTo(out.get(RecordRing.TRACE_LO));
    assertThat(in.get(RecordRing.RECORDS)).isEqualTo(3);
    assertThat(in.get(RecordRing.BYTES)).isEqualTo(7);
    assertThat(out.get(RecordRing.RECORDS)).isZero();
    assertThat(in.get(RecordRing.END)).isGreaterThanOrEqualTo(in.get(RecordRing.START));
  }

  /**
   * Two folded stages called in turn under one parent are each timed on their own share of
   * calls: with one counter for the thread, one of them was never timed.
   */
  @Test
  void foldedStagesCalledInTurnAreEachTimed() throws Exception {
    int parent = stage("turn.parent", SPAN);
    int parse = stage("turn.parse", AGGREGATE);
    int enrich = stage("turn.enrich", AGGREGATE);
    int calls = 64_000;
    List<Rec> recs = onThread(() -> {
      ThreadState p = Stages.enterStage(parent, SPAN);
      for (int i = 0; i < calls; i++) {
        Stages.exitStage(Stages.enterStage(parse, AGGREGATE), parse, null);
        Stages.exitStage(Stages.enterStage(enrich, AGGREGATE), enrich, null);
      }
      Stages.exitStage(p, parent, null);
    });
    for (int stage : new int[] {parse, enrich}) {
      FoldAccumulator acc = recs.stream().filter(r -> r.kind() == RecordRing.KIND_FOLD)
          .map(r -> (FoldAccumulator) r.ref()).filter(a -> a.stageId == stage).findFirst()
          .orElseThrow();
      assertThat(acc.calls).isEqualTo(calls);
      // one in 32 at random gaps: 2000 expected, about 20 either way
      assertThat(acc.timedCalls).as("stage %d", stage).isBetween(1800L, 2200L);
    }
  }

  /**
   * A folded stage called within another folded stage is kept apart from the same parent's
   * direct folds and names the stage it ran within, so that stage's self time can exclude it.
   */
  @Test
  void aFoldedStageWithinAnotherNamesIt() throws Exception {
    int parent = stage("within.parent", SPAN);
    int outer = stage("within.outer", AGGREGATE);
    int inner = stage("within.inner", AGGREGATE);
    List<Rec> recs = onThread(() -> {
      ThreadState p = Stages.enterStage(parent, SPAN);
      for (int i = 0; i < 1000; i++) {
        ThreadState o = Stages.enterStage(outer, AGGREGATE);
        Stages.exitStage(Stages.enterStage(inner, AGGREGATE), inner, null);
        Stages.exitStage(Stages.enterStage(inner, AGGREGATE), inner, null);
        Stages.exitStage(o, outer, null);
      }
      Stages.exitStage(Stages.enterStage(inner, AGGREGATE), inner, null); // directly, once
      Stages.exitStage(p, parent, null);
    });
    List<FoldAccumulator> folds = recs.stream().filter(r -> r.kind() == RecordRing.KIND_FOLD)
        .map(r -> (FoldAccumulator) r.ref()).toList();
    assertThat(folds).hasSize(3);
    assertThat(folds).anySatisfy(a -> {
      assertThat(a.stageId).isEqualTo(outer);
      assertThat(a.withinStageId).isEqualTo(-1);
      assertThat(a.calls).isEqualTo(1000);
    });
    assertThat(folds).anySatisfy(a -> {
      assertThat(a.stageId).isEqualTo(inner);
      assertThat(a.withinStageId).isEqualTo(outer);
      assertThat(a.calls).isEqualTo(2000);
    });
    assertThat(folds).anySatisfy(a -> {
      assertThat(a.stageId).isEqualTo(inner);
      assertThat(a.withinStageId).isEqualTo(-1);
      assertThat(a.calls).isEqualTo(1);
    });
  }

  /**
   * The timer calibration measures empty timed calls through the real hooks, leaves the thread
   * as it was, and records nothing; the figure is taken out of later timed calls.
   */
  @Test
  void theTimerCalibrationLeavesNothingBehindAndIsTakenOut() throws Exception {
    int empty = stage("calibration.empty", AGGREGATE);
    int parent = stage("calibration.parent", SPAN);
    int child = stage("calibration.child", AGGREGATE);
    long[] measured = new long[1];
    AgentSettings.foldSampleMask = 0; // every call timed
    try {
      List<Rec> recs = onThread(() -> {
        measured[0] = Stages.calibrateTimer(empty, 20_000, true);
        assertThat(ThreadState.peek().depth()).isZero();
        AgentSettings.timerOverheadNanos = 1_000_000_000L; // more than any call here
        ThreadState p = Stages.enterStage(parent, SPAN);
        for (int i = 0; i < 100; i++) {
          Stages.exitStage(Stages.enterStage(child, AGGREGATE), child, null);
        }
        Stages.exitStage(p, parent, null);
      });
      assertThat(measured[0]).isPositive();
      assertThat(recs).noneMatch(r -> r.stage() == empty);
      FoldAccumulator acc = recs.stream().filter(r -> r.kind() == RecordRing.KIND_FOLD)
          .map(r -> (FoldAccumulator) r.ref()).findFirst().orElseThrow();
      assertThat(acc.timedCalls).isEqualTo(100);
      assertThat(acc.timedWallNanos).as("the overhead was taken out of every call").isZero();
    } finally {
      AgentSettings.timerOverheadNanos = 0;
    }
  }

  @Test
  void anExceptionMarksTheSpanAndTravelsWithIt() throws Exception {
    int failing = stage("fails", SPAN);
    IllegalStateException boom = new IllegalStateException("boom");
    List<Rec> recs = onThread(() -> Stages.exit(Stages.enter(failing), boom));
    assertThat(recs).singleElement().satisfies(r -> {
      assertThat(r.flags() & RecordRing.F_ERROR).isNotZero();
      assertThat(r.ref()).isSameAs(boom);
    });
  }

  @Test
  void autoStageFoldsPastTheThresholdWithExactCounts() throws Exception {
    int parent = stage("auto.parent", SPAN);
    int child = stage("auto.child", AUTO);
    int calls = 100_000;
    List<Rec> recs = onThread(() -> {
      int p = Stages.enter(parent);
      for (int i = 0; i < calls; i++) {
        int c = Stages.enter(child);
        Stages.records(1);
        Stages.exit(c, i % 1000 == 0 ? new RuntimeException() : null);
      }
      Stages.exit(p, null);
    });
    long childSpans = recs.stream()
        .filter(r -> r.kind() == RecordRing.KIND_SPAN && r.stage() == child).count();
    assertThat(childSpans).isEqualTo(AgentSettings.foldThreshold);
    Rec fold = recs.stream().filter(r -> r.kind() == RecordRing.KIND_FOLD).findFirst()
        .orElseThrow();
    Rec parentSpan = recs.get(recs.size() - 1);
    assertThat(parentSpan.stage()).isEqualTo(parent);
    assertThat(fold.get(RecordRing.PARENT_ID)).isEqualTo(parentSpan.get(RecordRing.SPAN_ID));
    FoldAccumulator acc = (FoldAccumulator) fold.ref();
    assertThat(acc.stageId).isEqualTo(child);
    assertThat(acc.calls + childSpans).isEqualTo(calls);
    assertThat(acc.spanCalls).isEqualTo(childSpans);
    assertThat(acc.spanErrors).isEqualTo(1);
    assertThat(acc.spanRecords).isEqualTo(childSpans);
    assertThat(acc.records).isEqualTo(acc.calls);
    // one call in 32 is timed here (the default is 64), at random gaps; the rest are counted
    // only. 10 % either way is about ten standard deviations of the count
    assertThat(acc.wall.count()).isEqualTo(acc.timedCalls);
    assertThat(acc.timedCalls).isBetween(acc.calls * 9 / 320, acc.calls * 11 / 320);
    assertThat(acc.estimateWall()).isGreaterThan(acc.timedWallNanos);
    assertThat(acc.windowNanos).as("the parent's wall time bounds the estimate").isPositive();
    assertThat(acc.estimateWall()).isLessThanOrEqualTo(acc.windowNanos);
    assertThat(acc.wallErrorNanos()).isPositive();
    assertThat(acc.errors).isEqualTo(100 - 1); // call 0 was a span
    assertThat(acc.exemplarCount).isEqualTo(AgentSettings.exemplars);
    assertThat(acc.maxNanos).isGreaterThanOrEqualTo(acc.wall.percentile(99));
  }

  @Test
  void timingEveryFoldedCallMakesTheTotalsExact() throws Exception {
    AgentSettings.foldSampleMask = 0;
    int parent = stage("exact.parent", SPAN);
    int child = stage("exact.child", AGGREGATE);
    List<Rec> recs = onThread(() -> {
      int p = Stages.enter(parent);
      for (int i = 0; i < 1000; i++) {
        Stages.exit(Stages.enter(child), null);
      }
      Stages.exit(p, null);
    });
    FoldAccumulator acc = (FoldAccumulator) recs.get(0).ref();
    assertThat(acc.calls).isEqualTo(1000);
    assertThat(acc.timedCalls).isEqualTo(1000);
    assertThat(acc.wall.count()).isEqualTo(1000);
    assertThat(acc.estimateWall()).isEqualTo(acc.timedWallNanos);
    assertThat(acc.wallErrorNanos()).isZero();
    assertThat(acc.exemplarCount).as("AGGREGATE keeps no exemplars").isZero();
  }

  /**
   * Woven methods take the frameless folded path (no frame for an untimed call): the totals
   * must be those of the frame path, exactly.
   */
  @Test
  void wovenFoldedCallsCountExactlyWithoutFrames() throws Exception {
    int parent = stage("woven.parent", SPAN);
    int child = stage("woven.child", AUTO);
    int calls = 100_000;
    java.util.concurrent.atomic.AtomicInteger frameless =
        new java.util.concurrent.atomic.AtomicInteger();
    List<Rec> recs = onThread(() -> {
      ThreadState p = Stages.enterStage(parent, SPAN);
      for (int i = 0; i < calls; i++) {
        ThreadState c = Stages.enterStage(child, AUTO);
        Stages.records(2);
        Stages.bytes(10);
        if (ThreadState.peek().depth() == 1) {
          frameless.incrementAndGet();
        }
        Stages.exitStage(c, child, i % 1000 == 0 ? new RuntimeException() : null);
      }
      Stages.exitStage(p, parent, null);
    });
    // the first 64 calls are spans and about one in 64 of the rest is timed (with a frame)
    assertThat(frameless.get()).as("untimed folded calls push no frame")
        .isBetween(calls - 64 - 3 * calls / 64, calls - 64 - calls / 256);
    FoldAccumulator acc = recs.stream().filter(r -> r.kind() == RecordRing.KIND_FOLD)
        .map(r -> (FoldAccumulator) r.ref()).findFirst().orElseThrow();
    long spans = recs.stream()
        .filter(r -> r.kind() == RecordRing.KIND_SPAN && r.stage() == child).count();
    assertThat(spans).isEqualTo(AgentSettings.foldThreshold);
    assertThat(acc.calls + spans).isEqualTo(calls);
    assertThat(acc.records).isEqualTo(2 * acc.calls);
    assertThat(acc.bytes).isEqualTo(10 * acc.calls);
    assertThat(acc.errors).isEqualTo(100 - 1); // call 0 was a span
    assertThat(acc.timedCalls).isBetween(acc.calls * 9 / 320, acc.calls * 11 / 320);
    assertThat(acc.exemplarCount).isEqualTo(AgentSettings.exemplars);
  }

  /** What runs inside a frameless folded call folds under the same parent, as before. */
  @Test
  void stagesInsideAFramelessFoldedCallFoldUnderItsParent() throws Exception {
    int parent = stage("frameless.parent", SPAN);
    int child = stage("frameless.child", AGGREGATE);
    int grandchild = stage("frameless.grandchild", SPAN);
    List<Rec> recs = onThread(() -> {
      ThreadState p = Stages.enterStage(parent, SPAN);
      for (int i = 0; i < 1000; i++) {
        ThreadState c = Stages.enterStage(child, AGGREGATE);
        ThreadState g = Stages.enterStage(grandchild, SPAN);
        Stages.records(1); // the grandchild's, not the child's
        Stages.exitStage(g, grandchild, null);
        Stages.exitStage(c, child, null);
      }
      Stages.exitStage(p, parent, null);
    });
    assertThat(recs.stream().filter(r -> r.kind() == RecordRing.KIND_SPAN))
        .singleElement().satisfies(r -> assertThat(r.stage()).isEqualTo(parent));
    assertThat(recs.stream().filter(r -> r.kind() == RecordRing.KIND_FOLD)
        .map(r -> (FoldAccumulator) r.ref()))
        .extracting(a -> a.stageId, a -> a.calls, a -> a.records)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(child, 1000L, 0L),
            org.assertj.core.groups.Tuple.tuple(grandchild, 1000L, 1000L));
  }

  /** A frameless call whose parent left without it is forgotten, not kept open forever. */
  @Test
  void aFramelessCallLeftOpenIsForgottenWhenItsParentIsGone() throws Exception {
    int parent = stage("open.parent", SPAN);
    int child = stage("open.child", AGGREGATE);
    AtomicReference<Integer> depthAfter = new AtomicReference<>();
    List<Rec> recs = onThread(() -> {
      ThreadState p = Stages.enterStage(parent, SPAN);
      Stages.exitStage(Stages.enterStage(child, AGGREGATE), child, null); // makes the accumulator
      Stages.enterStage(child, AGGREGATE); // frameless, and its exit never comes
      Stages.exitStage(p, parent, null);
      ThreadState q = Stages.enterStage(parent, SPAN); // a new parent at the same depth
      ThreadState c = Stages.enterStage(child, AGGREGATE);
      Stages.exitStage(c, child, null);
      Stages.exitStage(q, parent, null);
      depthAfter.set(ThreadState.peek().depth());
    });
    assertThat(depthAfter.get()).isZero();
    assertThat(recs.stream().filter(r -> r.kind() == RecordRing.KIND_SPAN)).hasSize(2);
  }

  @Test
  void methodExitsPopTheirOwnStageEvenAfterAMissedExit() throws Exception {
    int outer = stage("pop.outer", SPAN);
    int inner = stage("pop.inner", SPAN);
    AtomicReference<Integer> depthAfter = new AtomicReference<>();
    List<Rec> recs = onThread(() -> {
      ThreadState a = Stages.enterStage(outer, SPAN);
      Stages.enterStage(inner, SPAN); // its exit never comes
      Stages.exitStage(a, outer, null);
      depthAfter.set(ThreadState.peek().depth());
    });
    assertThat(depthAfter.get()).isZero();
    assertThat(recs).singleElement().satisfies(r -> assertThat(r.stage()).isEqualTo(outer));
  }

  @Test
  void aggregateStageNeverMakesASpanAndItsChildrenFoldToo() throws Exception {
    int parent = stage("agg.parent", SPAN);
    int child = stage("agg.child", AGGREGATE);
    int grandchild = stage("agg.grandchild", SPAN);
    List<Rec> recs = onThread(() -> {
      int p = Stages.enter(parent);
      for (int i = 0; i < 10; i++) {
        int c = Stages.enter(child);
        Stages.exit(Stages.enter(grandchild), null);
        Stages.exit(c, null);
      }
      Stages.exit(p, null);
    });
    assertThat(recs.stream().filter(r -> r.kind() == RecordRing.KIND_SPAN))
        .singleElement().satisfies(r -> assertThat(r.stage()).isEqualTo(parent));
    assertThat(recs.stream().filter(r -> r.kind() == RecordRing.KIND_FOLD)
        .map(r -> (FoldAccumulator) r.ref()))
        .extracting(a -> a.stageId, a -> a.calls)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(child, 10L),
            org.assertj.core.groups.Tuple.tuple(grandchild, 10L));
  }

  @Test
  void aTaskRunsAsAChildOfTheStageThatSubmittedIt() throws Exception {
    int submitter = stage("ctx.submitter", SPAN);
    int task = stage("ctx.task", SPAN);
    AtomicReference<StageContext> captured = new AtomicReference<>();
    List<Rec> parentRecs = onThread(() -> {
      int s = Stages.enter(submitter);
      captured.set(Stages.capture());
      assertThat(Stages.capture()).isSameAs(captured.get()); // one context per frame
      Stages.exit(s, null);
    });
    List<Rec> childRecs = onThread(() -> {
      int t = Stages.enterTask(captured.get());
      Stages.exit(Stages.enter(task), null);
      Stages.exitTask(t);
    });
    Rec parentSpan = parentRecs.get(0);
    Rec childSpan = childRecs.get(0);
    assertThat(childSpan.get(RecordRing.PARENT_ID)).isEqualTo(parentSpan.get(RecordRing.SPAN_ID));
    assertThat(childSpan.get(RecordRing.TRACE_LO)).isEqualTo(parentSpan.get(RecordRing.TRACE_LO));
    assertThat(childSpan.flags() & RecordRing.F_ROOT).isZero();
  }

  @Test
  void noContextOutsideStages() throws Exception {
    onThread(() -> assertThat(Stages.capture()).isNull());
    assertThat(Stages.enterTask(null)).isZero();
  }

  @Test
  void aFullRingDropsAndCountsInsteadOfWaiting() throws Exception {
    AgentSettings.ringCapacity = ThreadState.INITIAL_RING; // one ring: no chain to grow
    int s = stage("ring.span", SPAN);
    AtomicReference<ThreadState> state = new AtomicReference<>();
    Thread t = new Thread(() -> {
      for (int i = 0; i < 100; i++) {
        Stages.exit(Stages.enter(s), null);
      }
      state.set(ThreadState.peek());
    });
    t.start();
    t.join();
    assertThat(state.get().droppedRecords()).isEqualTo(100 - ThreadState.INITIAL_RING);
    assertThat(drain(state.get())).hasSize(ThreadState.INITIAL_RING);
  }

  @Test
  void aFullRingGrowsUpToTheBoundBeforeItDrops() throws Exception {
    AgentSettings.ringCapacity = 512;
    int s = stage("ring.grow", SPAN);
    AtomicReference<ThreadState> state = new AtomicReference<>();
    List<Rec> early = new ArrayList<>();
    Thread t = new Thread(() -> {
      ThreadState ts = null;
      for (int i = 0; i < 1000; i++) {
        Stages.exit(Stages.enter(s), null);
        if (i == 40) { // a drain while the first ring is in use
          ts = ThreadState.peek();
          early.addAll(drain(ts));
        }
      }
      state.set(ThreadState.peek());
    });
    t.start();
    t.join();
    List<Rec> rest = drain(state.get());
    // 41 drained early; the 64-ring then takes 64 more, and rings of 128, 256 and 512 the rest
    assertThat(early).hasSize(41);
    assertThat(rest).hasSize(1000 - 41);
    assertThat(state.get().droppedRecords()).isZero();
    // records come out in the order they were written, across the chain
    long previousEnd = Long.MIN_VALUE;
    for (Rec r : rest) {
      assertThat(r.get(RecordRing.END)).isGreaterThanOrEqualTo(previousEnd);
      previousEnd = r.get(RecordRing.END);
    }
  }

  @Test
  void aMissedExitIsRealignedOnTheParentsExit() throws Exception {
    int parent = stage("realign.parent", SPAN);
    int child = stage("realign.child", SPAN);
    AtomicReference<ThreadState> state = new AtomicReference<>();
    List<Rec> recs = onThread(() -> {
      int p = Stages.enter(parent);
      Stages.enter(child); // never exited
      Stages.exit(p, null);
      state.set(ThreadState.peek());
      assertThat(state.get().depth()).isZero();
    });
    assertThat(recs).singleElement().satisfies(r -> assertThat(r.stage()).isEqualTo(parent));
  }

  @Test
  void disabledAgentRecordsNothing() throws Exception {
    int s = stage("disabled", SPAN);
    AgentSettings.enabled = false;
    assertThat(onThread(() -> Stages.exit(Stages.enter(s), null))).isEmpty();
  }

  @Test
  void blockStagesCloseOnlyThemselves() throws Exception {
    int outer = stage("block.outer", SPAN);
    List<Rec> recs = onThread(() -> {
      int o = Stages.enter(outer);
      Stages.enterBlock("block.inner");
      Stages.exitBlock();
      Stages.exitBlock(); // no block on top: ignored
      Stages.exit(o, null);
    });
    assertThat(recs).hasSize(2);
    assertThat(recs.get(0).flags() & RecordRing.F_BLOCK).isNotZero();
    assertThat(StageRegistry.stage(recs.get(0).stage()).name).isEqualTo("block.inner");
    assertThat(recs.get(1).stage()).isEqualTo(outer);
  }

  @Test
  void taskContextsAreKeyedByIdentityNotEquality() throws Exception {
    int s = stage("identity", SPAN);
    record Task(int id) implements Runnable {
      public void run() {}
    }
    Task a = new Task(1);
    Task b = new Task(1); // equal, but another task
    onThread(() -> {
      int t = Stages.enter(s);
      TaskContexts.attach(a);
      Stages.exit(t, null);
    });
    assertThat(TaskContexts.detach(b)).isNull();
    assertThat(TaskContexts.detach(a)).isNotNull();
    assertThat(TaskContexts.detach(a)).isNull();
  }

  /** Short parents, folds read and given back: the next parent reuses the same accumulator. */
  @Test
  void aReadAccumulatorGoesBackToItsThreadAndStartsEmpty() throws Exception {
    AgentSettings.foldSampleMask = 0; // every call timed: each fold travels as its accumulator
    int parent = stage("spare.parent", SPAN);
    int child = stage("spare.child", AGGREGATE);
    List<FoldAccumulator> seen = new ArrayList<>();
    List<Long> calls = new ArrayList<>();
    onThread(() -> {
      ThreadState ts = ThreadState.current();
      for (int n = 1; n <= 3; n++) {
        ThreadState p = Stages.enterStage(parent, SPAN);
        for (int i = 0; i < 10 * n; i++) {
          Stages.exitStage(Stages.enterStage(child, AGGREGATE), child, null);
        }
        Stages.exitStage(p, parent, null);
        for (Rec r : drain(ts)) { // as the drain thread does: read, then recycle
          if (r.kind() == RecordRing.KIND_FOLD) {
            FoldAccumulator acc = (FoldAccumulator) r.ref();
            seen.add(acc);
            calls.add(acc.calls);
            FoldPool.recycle(ts, acc);
          }
        }
      }
    });
    assertThat(calls).containsExactly(10L, 20L, 30L);
    assertThat(seen.get(1)).isSameAs(seen.get(0));
    assertThat(seen.get(2)).isSameAs(seen.get(0));
  }

  /** A fold the full ring could not take is counted as dropped, and its accumulator reused. */
  @Test
  void aDroppedFoldIsCountedAndItsAccumulatorKept() throws Exception {
    AgentSettings.ringCapacity = ThreadState.INITIAL_RING; // one ring
    int parent = stage("dropfold.parent", SPAN);
    int child = stage("dropfold.child", AGGREGATE);
    AtomicReference<ThreadState> state = new AtomicReference<>();
    Thread t = new Thread(() -> {
      for (int n = 0; n < 100; n++) {
        ThreadState p = Stages.enterStage(parent, SPAN);
        for (int i = 0; i < 7; i++) {
          Stages.exitStage(Stages.enterStage(child, AGGREGATE), child, null);
        }
        Stages.exitStage(p, parent, null);
      }
      state.set(ThreadState.peek());
    });
    t.start();
    t.join();
    List<Rec> recs = drain(state.get());
    List<FoldAccumulator> folds = recs.stream().filter(r -> r.kind() == RecordRing.KIND_FOLD)
        .map(r -> (FoldAccumulator) r.ref()).toList();
    // each parent writes its fold, then its span: the slots take half of each
    int kept = ThreadState.INITIAL_RING / 2;
    assertThat(folds).hasSize(kept).allSatisfy(a -> assertThat(a.calls).isEqualTo(7));
    assertThat(state.get().droppedFoldCalls()).isEqualTo(7 * (100 - kept));
    assertThat(folds.stream().distinct()).as("delivered folds never share an accumulator")
        .hasSize(kept);
  }

  /**
   * Thread IDs that collide in the by-ID table: the second thread, whose slot the first holds
   * while alive, still gets its own state and records its own stages.
   */
  @Test
  void aThreadWhoseSlotIsTakenKeepsItsOwnState() throws Exception {
    int s = stage("slot.span", SPAN);
    java.util.concurrent.CountDownLatch firstIn = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    AtomicReference<ThreadState> firstState = new AtomicReference<>();
    Thread first = new Thread(() -> {
      int o = Stages.enter(s);
      firstState.set(ThreadState.peek());
      firstIn.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Stages.exit(o, null);
    });
    first.start();
    firstIn.await();
    AtomicReference<ThreadState> secondState = new AtomicReference<>();
    AtomicReference<ThreadState> peekedInside = new AtomicReference<>();
    Runnable work = () -> {
      int o = Stages.enter(s);
      peekedInside.set(ThreadState.peek());
      Stages.exit(o, null);
      Stages.exit(Stages.enter(s), null);
      secondState.set(ThreadState.peek());
    };
    Thread second = new Thread(work);
    while (((second.getId() - first.getId()) & 4095) != 0) {
      second = new Thread(work); // thread IDs are handed out in order: at most 4096 tries
    }
    second.start();
    second.join();
    release.countDown();
    first.join();
    assertThat(secondState.get()).isNotSameAs(firstState.get());
    assertThat(secondState.get().thread).isSameAs(second);
    assertThat(peekedInside.get()).isSameAs(secondState.get());
    assertThat(drain(secondState.get())).hasSize(2);
    assertThat(drain(firstState.get())).hasSize(1);
  }

  /**
   * What the agent allocates inside a stage (its children's fold table and accumulator, a
   * bigger buffer) is not the stage's allocation; what the stage allocates is.
   */
  @Test
  void theAgentsOwnAllocationIsNotChargedToTheStage() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Probes.allocationSupported());
    int parent = stage("own.parent", SPAN);
    int child = stage("own.child", AGGREGATE);
    List<Rec> recs = onThread(() -> {
      for (int n = 0; n < 2; n++) {
        ThreadState p = Stages.enterStage(parent, SPAN);
        if (n == 1) {
          sink = new byte[10_000]; // the stage's own
        }
        for (int i = 0; i < 100; i++) {
          Stages.exitStage(Stages.enterStage(child, AGGREGATE), child, null);
        }
        Stages.exitStage(p, parent, null);
      }
    });
    List<Long> alloc = recs.stream().filter(r -> r.kind() == RecordRing.KIND_SPAN)
        .map(r -> r.get(RecordRing.ALLOC)).toList();
    assertThat(alloc).hasSize(2);
    assertThat(alloc.get(0)).as("a fold table and an accumulator were made inside it")
        .isBetween(0L, 64L);
    assertThat(alloc.get(1)).isBetween(10_000L, 10_000L + 64);
  }

  static volatile Object sink;

  /**
   * A thread's run() that ends hands its state to the next thread at once: the state leaves
   * the thread's slot and waits in the pool, still listed, and what the first thread recorded
   * is read as that thread's, what the next one recorded as its own.
   */
  @Test
  void aThreadsEndHandsItsStateOnWithItsRecordsStillItsOwn() throws Exception {
    int parent = stage("handoff.parent", SPAN);
    int child = stage("handoff.child", SPAN);
    AtomicReference<StageContext> captured = new AtomicReference<>();
    onThread(() -> {
      int p = Stages.enter(parent);
      captured.set(Stages.capture());
      Stages.exit(p, null);
    });
    AtomicReference<ThreadState> during = new AtomicReference<>();
    AtomicReference<ThreadState> after = new AtomicReference<>();
    Runnable run = () -> {
      int t = Stages.enterThreadRun(captured.get());
      Stages.exit(Stages.enter(child), null);
      during.set(ThreadState.peek());
      Stages.exitTask(t);
      after.set(ThreadState.peek());
    };
    Thread warm = new Thread(run);
    warm.start();
    warm.join();
    assertThat(after.get()).as("no fresh ring ready: the state waits for the collector")
        .isSameAs(during.get());
    ThreadState.stock(); // the collector makes the ring that was missed
    Thread first = new Thread(run);
    first.start();
    first.join();
    ThreadState state = during.get();
    assertThat(after.get()).as("the slot, after the run").isNull();
    assertThat(ThreadState.pooled(state.life())).isTrue();
    assertThat(state.claimEnded(state.life())).as("a pooled state is never forgotten").isFalse();

    Thread second = new Thread(run);
    second.start();
    second.join();
    assertThat(during.get()).as("the next thread's state").isSameAs(state);

    List<Thread> owners = new ArrayList<>();
    List<Long> parents = new ArrayList<>();
    state.drain((data, offset, ref) -> {
      owners.add(state.drainedThread());
      parents.add(data[offset + RecordRing.PARENT_ID]);
    });
    assertThat(owners).containsExactly(first, second);
    assertThat(parents).containsOnly(captured.get().spanId);
  }

  /**
   * A stage opened with another process's traceparent is a child of that process's span, in
   * its trace; closing it closes the remote parent's frame too, and the thread's header is
   * then that of its own stage again.
   */
  @Test
  void aStageOpenedWithARemoteTraceparentIsItsChild() throws Exception {
    int local = stage("remote.local", SPAN);
    String header = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    java.util.List<String> seen = new ArrayList<>();
    List<Rec> recs = onThread(() -> {
      seen.add(String.valueOf(Stages.traceparent(null)));
      int l = Stages.enter(local);
      String own = Stages.traceparent(null);
      seen.add(own);
      Stages.enterRemoteBlock("remote.work", header);
      seen.add(Stages.traceparent(null));
      Stages.exitBlock();
      seen.add(Stages.traceparent(null));
      Stages.exit(l, null);
      Stages.enterRemoteBlock("remote.bad", "not-a-header");
      Stages.exitBlock();
    });
    Rec work = recs.stream().filter(r -> r.stage() == StageRegistry.block("remote.work"))
        .findFirst().orElseThrow();
    assertThat(work.get(RecordRing.TRACE_HI)).isEqualTo(0x0af7651916cd43ddL);
    assertThat(work.get(RecordRing.TRACE_LO)).isEqualTo(0x8448eb211c80319cL);
    assertThat(work.get(RecordRing.PARENT_ID)).isEqualTo(0xb7ad6b7169203331L);
    assertThat(work.flags() & RecordRing.F_ROOT).isZero();
    assertThat(work.flags() & RecordRing.F_REMOTE_PARENT).as("this process's top of the run")
        .isNotZero();
    assertThat(seen.get(0)).as("outside any stage").isEqualTo("null");
    assertThat(seen.get(2)).as("inside the remote child: its own span")
        .startsWith("00-0af7651916cd43dd8448eb211c80319c-")
        .isEqualTo(Traceparent.format(0x0af7651916cd43ddL, 0x8448eb211c80319cL,
            work.get(RecordRing.SPAN_ID)));
    assertThat(seen.get(3)).as("after it closed, with the remote frame").isEqualTo(seen.get(1));
    Rec localSpan = recs.stream().filter(r -> r.stage() == local).findFirst().orElseThrow();
    assertThat(localSpan.flags() & RecordRing.F_REMOTE_PARENT).isZero();
    assertThat(seen.get(1)).isEqualTo(Traceparent.format(localSpan.get(RecordRing.TRACE_HI),
        localSpan.get(RecordRing.TRACE_LO), localSpan.get(RecordRing.SPAN_ID)));
    Rec bad = recs.stream().filter(r -> r.stage() == StageRegistry.block("remote.bad"))
        .findFirst().orElseThrow();
    assertThat(bad.flags() & RecordRing.F_ROOT).as("a malformed header: a root").isNotZero();
    assertThat(Faults.badTraceparents()).isPositive();
  }
}
