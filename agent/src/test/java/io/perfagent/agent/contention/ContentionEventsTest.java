package io.perfagent.agent.contention;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentionEventsTest {

  @Test
  void keepsUpToItsCapacityAndCountsTheRest() {
    ContentionEvents events = new ContentionEvents(1000);
    for (int i = 0; i < 1500; i++) {
      events.add(7, i, 10, BlockerKind.LOCK, "monitor io.acme.Ledger", 8, "pool-1-thread-2");
    }
    assertThat(events.size()).isEqualTo(1000);
    assertThat(events.dropped()).isEqualTo(500);
    ContentionEvent last = events.snapshot().get(999);
    assertThat(last).isEqualTo(new ContentionEvent(7, 999, 10, BlockerKind.LOCK,
        "monitor io.acme.Ledger", 8, "pool-1-thread-2"));
  }
}
