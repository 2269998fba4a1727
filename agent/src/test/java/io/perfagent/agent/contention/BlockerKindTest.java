package io.perfagent.agent.contention;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlockerKindTest {

  @ParameterizedTest
  @CsvSource({
      "java.util.concurrent.locks.ReentrantLock$NonfairSync, LOCK",
      "java.util.concurrent.locks.ReentrantLock$FairSync, LOCK",
      "java.util.concurrent.locks.ReentrantReadWriteLock$NonfairSync, LOCK",
      "java.util.concurrent.locks.StampedLock, LOCK",
      "java.util.concurrent.Semaphore$NonfairSync, LOCK",
      "io.acme.SpinLock, LOCK",
      "io.acme.LedgerLock$Sync, LOCK",
      // a queue's take, a condition's await: waits, even on a lock's own condition
      "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject, WAIT",
      "java.util.concurrent.CompletableFuture$Signaller, WAIT",
      "java.util.concurrent.FutureTask, WAIT",
      "java.util.concurrent.CountDownLatch$Sync, WAIT",
      "java.util.concurrent.SynchronousQueue$TransferStack, WAIT",
      "java.util.concurrent.Phaser, WAIT",
      "io.acme.Clocks, WAIT",
  })
  void parkedClassNamesTheKind(String parkedClass, BlockerKind kind) {
    assertThat(BlockerKind.ofParked(parkedClass)).isEqualTo(kind);
  }

  @ParameterizedTest
  @CsvSource(value = {"''", "NULL"}, nullValues = "NULL")
  void aParkWithoutABlockerIsAWait(String parkedClass) {
    assertThat(BlockerKind.ofParked(parkedClass)).isEqualTo(BlockerKind.WAIT);
  }
}
