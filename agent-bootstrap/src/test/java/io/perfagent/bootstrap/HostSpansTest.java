package io.perfagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A host tracer's view of the stage stack, called as the OpenTelemetry extension's helper calls
 * it: a span frame takes the host span's ids, and everything recorded after names them (the
 * call's record, its children's parent id, the context its tasks take, the traceparent); a
 * folded call makes no span frame. Each test runs on a fresh thread.
 */
class HostSpansTest {

  @BeforeEach
  void enable() {
    AgentSettings.enabled = true;
    AgentSettings.foldThreshold = 64;
    AgentSettings.ringCapacity = 1024;
    AgentSettings.foldSampleMask = 31;
  }

  @AfterEach
  void disable() {
    AgentSettings.enabled = false;
  }

  private static int stage(String name, int mode) {
    return StageRegistry.register(name, "host", mode, "test.HostSpansTest." + name);
  }

  @Test
  void aSpanFrameTakesTheHostSpansIdsAndItsChildrenFollow() throws Exception {
    int parent = stage("host.parent", StageInfo.MODE_SPAN);
    int child = stage("host.child", StageInfo.MODE_SPAN);
    Object span = new Object();
    AtomicReference<StageContext> context = new AtomicReference<>();
    AtomicReference<String> traceparent = new AtomicReference<>();
    List<long[]> records = onThread(() -> {
      ThreadState ts = Stages.enterStage(parent, StageInfo.MODE_SPAN);
      int f = HostSpans.spanFrame(ts, parent);
      assertThat(f).isZero();
      assertThat(HostSpans.spanName(ts, f)).as("a pipeline entry at the root").isEqualTo("host");
      HostSpans.adopt(ts, f, 0x1111L, 0x2222L, 0x3333L, span);
      context.set(HostSpans.context(ts, f));
      traceparent.set(Stages.traceparent(null));
      ThreadState same = Stages.enterStage(child, StageInfo.MODE_SPAN);
      assertThat(HostSpans.spanName(same, HostSpans.spanFrame(same, child)))
          .isEqualTo("host.child");
      Stages.exitStage(same, child, null);
      Stages.exitStage(ts, parent, null);
    });
    assertThat(traceparent.get())
        .isEqualTo("00-00000000000011110000000000002222-0000000000003333-01");
    assertThat(context.get().spanId).isEqualTo(0x3333L);
    assertThat(context.get().traceHi).isEqualTo(0x1111L);
    long[] childRec = records.get(0);
    long[] parentRec = records.get(1);
    assertThat(parentRec[RecordRing.SPAN_ID]).isEqualTo(0x3333L);
    assertThat(parentRec[RecordRing.TRACE_HI]).isEqualTo(0x1111L);
    assertThat(parentRec[RecordRing.TRACE_LO]).isEqualTo(0x2222L);
    assertThat(childRec[RecordRing.PARENT_ID]).isEqualTo(0x3333L);
    assertThat(childRec[RecordRing.TRACE_LO]).isEqualTo(0x2222L);
    assertThat(HostSpans.take(0x3333L)).isSameAs(span);
    assertThat(HostSpans.take(0x3333L)).as("taken once").isNull();
  }

  @Test
  void aFoldedCallMakesNoSpanFrame() throws Exception {
    int parent = stage("host.fold.parent", StageInfo.MODE_SPAN);
    int folded = stage("host.fold.child", StageInfo.MODE_AGGREGATE);
    List<Integer> frames = new ArrayList<>();
    onThread(() -> {
      ThreadState ts = Stages.enterStage(parent, StageInfo.MODE_SPAN);
      for (int i = 0; i < 100; i++) {
        ThreadState c = Stages.enterStage(folded, StageInfo.MODE_AGGREGATE);
        frames.add(HostSpans.spanFrame(c, folded));
        Stages.exitStage(c, folded, null);
      }
      Stages.exitStage(ts, parent, null);
    });
    assertThat(frames).hasSize(100).containsOnly(-1);
  }

  @Test
  void aBlocksScopeIsKeptWithItsFrameUntilReleased() throws Exception {
    Object scope = new Object();
    AtomicReference<Object> released = new AtomicReference<>();
    AtomicReference<Object> again = new AtomicReference<>();
    onThread(() -> {
      Stages.enterBlock("host.block");
      ThreadState ts = HostSpans.current();
      int f = HostSpans.spanFrame(ts, StageRegistry.block("host.block"));
      HostSpans.keep(ts, f, scope);
      released.set(HostSpans.release(ts));
      again.set(HostSpans.release(ts));
      Stages.exitBlock();
    });
    assertThat(released.get()).isSameAs(scope);
    assertThat(again.get()).isNull();
  }

  @Test
  void theSpansStartIsOnTheSharedEpochAnchor() throws Exception {
    int s = stage("host.clock", StageInfo.MODE_SPAN);
    AtomicReference<long[]> seen = new AtomicReference<>();
    onThread(() -> {
      long before = System.nanoTime();
      ThreadState ts = Stages.enterStage(s, StageInfo.MODE_SPAN);
      long start = HostSpans.startEpochNanos(ts, HostSpans.spanFrame(ts, s));
      long after = System.nanoTime();
      seen.set(new long[] {before, start, after});
      Stages.exitStage(ts, s, null);
    });
    long[] v = seen.get();
    assertThat(v[1]).isBetween(HostSpans.ANCHOR_EPOCH_NANOS + v[0] - HostSpans.ANCHOR_NANO_TIME,
        HostSpans.ANCHOR_EPOCH_NANOS + v[2] - HostSpans.ANCHOR_NANO_TIME);
  }

  /** Runs {@code work} on a new thread and drains the span records it made. */
  private static List<long[]> onThread(Runnable work) throws Exception {
    AtomicReference<ThreadState> state = new AtomicReference<>();
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        work.run();
      } catch (Throwable e) {
        failed.set(e);
      }
      state.set(ThreadState.peek());
    });
    t.start();
    t.join();
    if (failed.get() != null) {
      throw new AssertionError(failed.get());
    }
    List<long[]> out = new ArrayList<>();
    state.get().drain((data, offset, ref) -> {
      if (RecordRing.kind(data[offset]) == RecordRing.KIND_SPAN) {
        long[] copy = new long[RecordRing.WIDTH];
        System.arraycopy(data, offset, copy, 0, RecordRing.WIDTH);
        out.add(copy);
      }
    });
    return out;
  }
}
