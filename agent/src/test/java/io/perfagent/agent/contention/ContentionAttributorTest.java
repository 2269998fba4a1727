package io.perfagent.agent.contention;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.analysis.model.Contention;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContentionAttributorTest {

  private static final long MS = 1_000_000L;
  private static final String LEDGER = "monitor io.acme.Ledger";
  private static final String QUEUE =
      "parked on java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject";

  private static ContentionEvent blocked(long thread, long fromMs, long toMs, long owner) {
    return new ContentionEvent(thread, fromMs * MS, (toMs - fromMs) * MS, BlockerKind.LOCK,
        LEDGER, owner, owner < 0 ? "" : "pool-1-thread-" + owner);
  }

  private static SpanInterval span(long id, long thread, long fromMs, long toMs, String stage) {
    return new SpanInterval(id, thread, fromMs * MS, toMs * MS, stage);
  }

  /** Two threads take turns on one monitor; the second's wait goes to its call, held by the first's. */
  @Test
  void aBlockGoesToTheCallItHappenedInAndNamesTheHoldersStage() {
    List<SpanInterval> spans = List.of(span(1, 10, 0, 2, "post"), span(2, 11, 0, 4, "post"));
    Map<Long, Contention> c = ContentionAttributor.attribute(List.of(blocked(11, 0, 2, 10)), spans);
    assertThat(c).containsOnlyKeys(2L);
    Contention post = c.get(2L);
    assertThat(post.blockedNanos()).isEqualTo(2 * MS);
    assertThat(post.waitNanos()).isZero();
    assertThat(post.blockedOn()).containsExactly(Map.entry(LEDGER, 2 * MS));
    assertThat(post.heldBy()).containsExactly(Map.entry("post", 2 * MS));
    assertThat(post.holderThreads()).containsExactly("pool-1-thread-10");
  }

  /** Nested calls on one thread: the innermost covering the event gets it, not its parent. */
  @Test
  void theInnermostCallGetsTheEventAndItsParentKeepsItsOwn() {
    List<SpanInterval> spans = List.of(span(1, 10, 0, 100, "batch"),
        span(2, 10, 10, 20, "post"), span(3, 10, 30, 40, "post"));
    List<ContentionEvent> events = List.of(blocked(10, 12, 18, -1), blocked(10, 31, 33, -1),
        new ContentionEvent(10, 50 * MS, 30 * MS, BlockerKind.WAIT, QUEUE, -1, ""),
        blocked(10, 150, 160, -1), // after every call: nobody's
        blocked(99, 12, 18, -1)); // a thread without calls
    Map<Long, Contention> c = ContentionAttributor.attribute(events, spans);
    assertThat(c.get(2L).blockedNanos()).isEqualTo(6 * MS);
    assertThat(c.get(3L).blockedNanos()).isEqualTo(2 * MS);
    assertThat(c.get(1L).blockedNanos()).isZero();
    assertThat(c.get(1L).waitNanos()).isEqualTo(30 * MS);
    assertThat(c.get(1L).waitedOn()).containsExactly(Map.entry(QUEUE, 30 * MS));
    assertThat(c).hasSize(3);
  }

  /** JFR's clock may sit a little off the agent's: the midpoint still finds the call. */
  @Test
  void aSmallClockOffsetDoesNotMoveTheEventOrPassTheWall() {
    List<SpanInterval> spans = List.of(span(1, 10, 0, 100, "batch"), span(2, 10, 10, 14, "post"));
    ContentionEvent late = new ContentionEvent(10, 10 * MS + MS / 2, 4 * MS, BlockerKind.LOCK,
        LEDGER, -1, "");
    Contention post = ContentionAttributor.attribute(List.of(late), spans).get(2L);
    assertThat(post.blockedNanos()).isEqualTo(4 * MS);
  }

  /** The holder is looked up just before the waiter got the monitor, not at the wait's start. */
  @Test
  void theHolderIsWhoeverHeldItLast() {
    List<SpanInterval> spans = List.of(span(1, 10, 0, 10, "load"), span(2, 10, 10, 20, "post"),
        span(3, 11, 0, 20, "post"));
    Contention c = ContentionAttributor.attribute(List.of(blocked(11, 2, 18, 10)), spans).get(3L);
    assertThat(c.heldBy()).containsOnlyKeys("post");
  }

  @Test
  void noEventsNoContention() {
    assertThat(ContentionAttributor.attribute(List.of(), List.of(span(1, 10, 0, 1, "a"))))
        .isEmpty();
  }
}
