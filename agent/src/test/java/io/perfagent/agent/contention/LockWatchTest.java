package io.perfagent.agent.contention;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/** Real threads in the states the sampler sees; polls for the state, asserts no timing. */
class LockWatchTest {

  private static void awaitState(Thread t, Thread.State s) throws InterruptedException {
    while (t.getState() != s) {
      Thread.sleep(1);
    }
  }

  @Test
  void aThreadEnteringAHeldMonitorIsBlockedOnALock() throws Exception {
    Object monitor = new Object();
    Thread t = new Thread(() -> {
      synchronized (monitor) {
        monitor.hashCode();
      }
    });
    synchronized (monitor) {
      t.start();
      awaitState(t, Thread.State.BLOCKED);
      assertThat(LockWatch.blockedOnLock(t)).isTrue();
    }
    t.join();
  }

  @Test
  void parkedOnAReentrantLockIsALockButParkedOnALatchIsNot() throws Exception {
    ReentrantLock lock = new ReentrantLock();
    CountDownLatch latch = new CountDownLatch(1);
    Thread locker = new Thread(() -> {
      lock.lock();
      lock.unlock();
    });
    Thread waiter = new Thread(() -> {
      try {
        latch.await(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    lock.lock();
    try {
      locker.start();
      waiter.start();
      awaitState(locker, Thread.State.WAITING);
      awaitState(waiter, Thread.State.TIMED_WAITING);
      assertThat(LockWatch.blockedOnLock(locker)).isTrue();
      assertThat(LockWatch.blockedOnLock(waiter)).isFalse();
      assertThat(LockWatch.blockedOnLock(Thread.currentThread())).isFalse();
    } finally {
      lock.unlock();
      latch.countDown();
    }
    locker.join();
    waiter.join();
  }

  @Test
  void firesOnceAfterEnoughSightings() throws Exception {
    Object monitor = new Object();
    Thread t = new Thread(() -> {
      synchronized (monitor) {
        monitor.hashCode();
      }
    });
    AtomicInteger fired = new AtomicInteger();
    LockWatch watch = new LockWatch(fired::incrementAndGet);
    synchronized (monitor) {
      t.start();
      awaitState(t, Thread.State.BLOCKED);
      for (int i = 0; i < LockWatch.SIGHTINGS - 1; i++) {
        watch.inside(t);
      }
      assertThat(fired).hasValue(0);
      watch.inside(t);
      watch.inside(t);
      assertThat(fired).hasValue(1);
    }
    t.join();
  }
}
