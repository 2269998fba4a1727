package io.perfagent.analyzer.assemble;

import io.perfagent.analyzer.translate.IncomingSpan;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded hand-off from the receivers to the assembler, bounded in spans. A receiver
 * offers a request's spans once: all fit, or none are taken and the receiver tells its client
 * to retry later. It never blocks a receiver thread.
 */
public final class IngestQueue {

  private final LinkedBlockingQueue<List<IncomingSpan>> batches = new LinkedBlockingQueue<>();
  private final AtomicLong spans = new AtomicLong();
  private final long maxSpans;

  public IngestQueue(long maxSpans) {
    this.maxSpans = maxSpans;
  }

  /** Takes the whole batch, or nothing when it does not fit (false). */
  public boolean offer(List<IncomingSpan> batch) {
    if (batch.isEmpty()) {
      return true;
    }
    long n = batch.size();
    while (true) {
      long cur = spans.get();
      if (cur + n > maxSpans) {
        return false;
      }
      if (spans.compareAndSet(cur, cur + n)) {
        break;
      }
    }
    batches.add(batch);
    return true;
  }

  /** The next batch, or null when none came within the timeout. */
  List<IncomingSpan> poll(long timeout, TimeUnit unit) throws InterruptedException {
    List<IncomingSpan> b = batches.poll(timeout, unit);
    if (b != null) {
      spans.addAndGet(-b.size());
    }
    return b;
  }

  /** Spans waiting. */
  public long depth() {
    return spans.get();
  }
}
