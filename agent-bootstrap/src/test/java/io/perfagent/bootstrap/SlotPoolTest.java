package io.perfagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The pool one thread fills and any thread takes from. */
class SlotPoolTest {

  @Test
  void aTakeFindsWhatWasPutHoweverFewAndSparse() {
    SlotPool<Object> pool = new SlotPool<>(4096);
    for (int round = 0; round < 1000; round++) {
      Object a = new Object();
      Object b = new Object();
      assertThat(pool.put(a)).isTrue();
      assertThat(pool.put(b)).isTrue();
      assertThat(pool.take()).isSameAs(b); // the last put, first
      assertThat(pool.take()).isSameAs(a);
      assertThat(pool.take()).isNull();
    }
  }

  @Test
  void missedTakesAskForTwiceAsManyMadeAhead() {
    SlotPool<Object> pool = new SlotPool<>(64);
    assertThat(pool.toStock(100)).as("never missed: nothing to make").isZero();
    pool.take();
    pool.take();
    assertThat(pool.toStock(100)).isEqualTo(4);
    assertThat(pool.toStock(100)).as("asked once per miss").isZero();
    for (int i = 0; i < 10; i++) {
      pool.take();
    }
    assertThat(pool.toStock(3)).isEqualTo(3);
    pool.put(new Object());
    assertThat(pool.take()).isNotNull();
    assertThat(pool.toStock(100)).as("a take that found one is no miss").isZero();
  }

  @Test
  void aFullPoolRefusesAndEveryItemPutIsTakenOnce() {
    SlotPool<Object> pool = new SlotPool<>(64);
    int put = 0;
    while (pool.put(new Object())) {
      put++;
    }
    assertThat(put).isEqualTo(64);
    Map<Object, Boolean> taken = new IdentityHashMap<>();
    for (Object o; (o = pool.take()) != null; ) {
      assertThat(taken.put(o, true)).isNull();
    }
    assertThat(taken).hasSize(64);
  }

  @Test
  @Timeout(120)
  void takersRacingOneFillerNeverGetTheSameItemAndLoseNone() throws InterruptedException {
    SlotPool<Object> pool = new SlotPool<>(1024);
    List<Object> got = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean stop = new AtomicBoolean();
    Thread[] takers = new Thread[3];
    for (int i = 0; i < takers.length; i++) {
      takers[i] = new Thread(() -> {
        List<Object> mine = new ArrayList<>();
        while (!stop.get()) {
          Object o = pool.take();
          if (o != null) {
            mine.add(o);
          }
        }
        got.addAll(mine);
      });
      takers[i].start();
    }
    int put = 0;
    // items go in while takers race for them, until well past what the pool can hold
    for (int i = 0; i < 300_000 || (put < 20_000 && i < 50_000_000); i++) {
      put += pool.put(new Object()) ? 1 : 0;
    }
    stop.set(true);
    for (Thread t : takers) {
      t.join();
    }
    Map<Object, Boolean> seen = new IdentityHashMap<>();
    for (Object o : got) {
      assertThat(seen.put(o, true)).as("an item taken twice").isNull();
    }
    assertThat(got.size() + pool.held()).as("taken or still held: every item put").isEqualTo(put);
    assertThat(put).as("items taken while others went in").isGreaterThan(10 * 1024);
  }
}
