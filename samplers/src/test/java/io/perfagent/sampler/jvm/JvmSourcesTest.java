package io.perfagent.sampler.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.sampler.SamplerSettings;
import io.perfagent.sampler.testing.RecordingWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JvmSourcesTest {

  private static ResourceSource create(List<String> info) {
    List<ResourceSource> sources = JvmSources.create(new SamplerSettings(Map.of()), info::add);
    assertThat(sources).hasSize(1);
    return sources.get(0);
  }

  @Test
  void gcPauseEventAfterSystemGc() throws Exception {
    List<String> info = new ArrayList<>();
    ResourceSource jvm = create(info);
    try {
      assertThat(info).isEmpty();
      System.gc();
      RecordingWriter out = new RecordingWriter();
      // notifications arrive on the JDK's own thread, shortly after the collection
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (out.named("jvm.gc.duration").isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
        jvm.sample(out);
      }
      RecordingWriter.Point pause = out.first("jvm.gc.duration").orElseThrow();
      assertThat(pause.kind()).isEqualTo("event");
      assertThat(pause.unit()).isEqualTo("s");
      assertThat(pause.value()).isNotNegative();
      assertThat(pause.attr("jvm.gc.name")).isNotBlank();
      assertThat(pause.attr("jvm.gc.action")).isNotEqualTo("end of GC cycle");
      long nowNanos = System.currentTimeMillis() * 1_000_000L;
      assertThat(Math.abs(nowNanos - pause.endEpochNanos())).isLessThan(TimeUnit.MINUTES.toNanos(1));
      assertThat(out.first("perf.sampler.dropped_events").orElseThrow().value()).isZero();
      System.out.println("gc pauses: " + out.named("jvm.gc.duration"));
    } finally {
      jvm.close();
    }
  }

  @Test
  void poolGaugesThreadsClassesAndCounters() throws Exception {
    ResourceSource jvm = create(new ArrayList<>());
    try {
      RecordingWriter out = new RecordingWriter();
      jvm.sample(out);
      assertThat(out.named("jvm.memory.used"))
          .isNotEmpty()
          .allSatisfy(p -> assertThat(p.attr("jvm.memory.type")).isIn("heap", "non_heap"))
          .allSatisfy(p -> assertThat(p.attr("jvm.memory.pool.name")).isNotBlank())
          .allSatisfy(p -> assertThat(p.unit()).isEqualTo("By"));
      assertThat(out.named("jvm.memory.used"))
          .extracting(p -> p.attr("jvm.memory.type"))
          .contains("heap", "non_heap");
      assertThat(out.named("jvm.memory.committed")).hasSameSizeAs(out.named("jvm.memory.used"));
      assertThat(out.named("jvm.memory.limit")).allSatisfy(p -> assertThat(p.value()).isNotNegative());
      assertThat(out.named("jvm.thread.count"))
          .extracting(p -> p.attr("jvm.thread.state"))
          .containsExactly("new", "runnable", "blocked", "waiting", "timed_waiting", "terminated");
      assertThat(out.named("jvm.thread.count").stream().mapToDouble(RecordingWriter.Point::value).sum())
          .isPositive();
      assertThat(out.first("jvm.class.count").orElseThrow().value()).isPositive();
      assertThat(out.first("perf.jvm.jit.time").orElseThrow().kind()).isEqualTo("counter");
      assertThat(out.named("perf.jvm.gc.count"))
          .isNotEmpty()
          .allSatisfy(p -> assertThat(p.attr("jvm.gc.name")).isNotBlank());
      assertThat(out.named("perf.jvm.gc.time")).allSatisfy(p -> assertThat(p.unit()).isEqualTo("s"));
      assertThat(out.named("jvm.cpu.recent_utilization")).isEmpty(); // first tick: no rate
      long until = System.nanoTime() + 100_000_000L;
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      out.clear();
      jvm.sample(out);
      assertThat(out.first("jvm.cpu.recent_utilization").orElseThrow().value()).isBetween(0.0, 1.0);
    } finally {
      jvm.close();
    }
  }

  @Test
  void pauseClassification() {
    assertThat(GcKinds.isPause("G1 Young Generation", "end of minor GC")).isTrue();
    assertThat(GcKinds.isPause("G1 Old Generation", "end of major GC")).isTrue();
    assertThat(GcKinds.isPause("G1 Concurrent GC", "end of concurrent GC pause")).isTrue();
    assertThat(GcKinds.isPause("ZGC Pauses", "end of GC pause")).isTrue();
    assertThat(GcKinds.isPause("ZGC Cycles", "end of GC cycle")).isFalse();
    assertThat(GcKinds.isPause("ZGC Major Cycles", "end of GC cycle")).isFalse();
    assertThat(GcKinds.isPause("Shenandoah Cycles", "end of GC cycle")).isFalse();
    assertThat(GcKinds.isPause("Shenandoah Pauses", "Init Mark")).isTrue();
  }

  @Test
  void otherNotificationsAreIgnoredNotCounted() {
    GcPauseListener l = new GcPauseListener(0);
    javax.management.Notification wrongType = new javax.management.Notification("x", "y", 1);
    l.handleNotification(wrongType, null);
    assertThat(l.poll()).isNull();
    assertThat(l.dropped()).isZero();
  }

  @Test
  void overflowIsCountedNotBlocked() throws Exception {
    javax.management.Notification pause = onePauseNotification();
    GcPauseListener l = new GcPauseListener(0);
    for (int i = 0; i < GcPauseListener.CAPACITY + 5; i++) {
      l.handleNotification(pause, null); // the notification thread: must never block here
    }
    assertThat(l.dropped()).isEqualTo(5);
    int queued = 0;
    while (l.poll() != null) {
      queued++;
    }
    assertThat(queued).isEqualTo(GcPauseListener.CAPACITY);
  }

  /** A real stop-the-world GC notification of this JVM, caught after a System.gc(). */
  private static javax.management.Notification onePauseNotification() throws Exception {
    java.util.concurrent.BlockingQueue<javax.management.Notification> caught =
        new java.util.concurrent.LinkedBlockingQueue<>();
    javax.management.NotificationListener capture =
        (n, handback) -> {
          if (com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                  .equals(n.getType())
              && n.getUserData() instanceof javax.management.openmbean.CompositeData data) {
            var gc = com.sun.management.GarbageCollectionNotificationInfo.from(data);
            if (GcKinds.isPause(gc.getGcName(), gc.getGcAction())) {
              caught.offer(n);
            }
          }
        };
    List<javax.management.NotificationEmitter> emitters = new ArrayList<>();
    for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof javax.management.NotificationEmitter e) {
        e.addNotificationListener(capture, null, null);
        emitters.add(e);
      }
    }
    try {
      System.gc();
      javax.management.Notification n = caught.poll(10, TimeUnit.SECONDS);
      assertThat(n).as("a GC pause notification within 10 s").isNotNull();
      return n;
    } finally {
      for (javax.management.NotificationEmitter e : emitters) {
        e.removeNotificationListener(capture);
      }
    }
  }
}
