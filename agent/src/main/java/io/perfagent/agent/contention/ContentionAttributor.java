package io.perfagent.agent.contention;

import io.perfagent.analysis.model.Contention;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives each lock or wait event to the stage call it happened in: the innermost call on the
 * event's thread that covers the event's midpoint (a blocked thread cannot enter or leave a
 * stage, so the whole event belongs to that call; the midpoint keeps a small offset between
 * JFR's clock and the agent's from moving it to the parent). For a monitor, the thread that
 * held it last is looked up the same way just before the waiter got it, which names the
 * stage holding the lock. Events on no stage call are left out.
 *
 * <p>Runs once, at exit, on the report's thread: per thread, calls sorted by start and events
 * by time are swept together with a stack of open calls, O((calls + events) log n).
 */
public final class ContentionAttributor {

  /** How far before the waiter got the monitor the holder's stage is looked up, at most. */
  static final long HOLDER_LOOKBACK_NANOS = 200_000;

  private ContentionAttributor() {}

  /** Contention by span id, for the calls that have some. */
  public static Map<Long, Contention> attribute(List<ContentionEvent> events,
      List<SpanInterval> spans) {
    Map<Long, List<SpanInterval>> byThread = new HashMap<>();
    for (SpanInterval s : spans) {
      byThread.computeIfAbsent(s.threadId(), k -> new ArrayList<>()).add(s);
    }
    Comparator<SpanInterval> order = Comparator.comparingLong(SpanInterval::startEpochNanos)
        .thenComparing(Comparator.comparingLong(SpanInterval::endEpochNanos).reversed());
    for (List<SpanInterval> l : byThread.values()) {
      l.sort(order);
    }
    SpanInterval[] in = innermost(byThread, events, false);
    SpanInterval[] holder = innermost(byThread, events, true);
    Map<Long, Acc> accs = new LinkedHashMap<>();
    for (int i = 0; i < events.size(); i++) {
      if (in[i] != null) {
        accs.computeIfAbsent(in[i].spanId(), k -> new Acc()).add(events.get(i), in[i],
            holder[i]);
      }
    }
    Map<Long, Contention> out = new LinkedHashMap<>();
    for (Map.Entry<Long, Acc> e : accs.entrySet()) {
      out.put(e.getKey(), e.getValue().toContention());
    }
    return out;
  }

  /** For each event, the innermost call covering it on its thread (or its holder's), or null. */
  private static SpanInterval[] innermost(Map<Long, List<SpanInterval>> byThread,
      List<ContentionEvent> events, boolean holders) {
    SpanInterval[] out = new SpanInterval[events.size()];
    Map<Long, List<Integer>> queries = new HashMap<>();
    long[] at = new long[events.size()];
    for (int i = 0; i < events.size(); i++) {
      ContentionEvent e = events.get(i);
      long thread = holders ? e.ownerThreadId() : e.threadId();
      if (holders && thread < 0) {
        continue;
      }
      at[i] = holders
          ? e.endEpochNanos() - Math.min(HOLDER_LOOKBACK_NANOS, e.durationNanos() / 2)
          : e.startEpochNanos() + e.durationNanos() / 2;
      queries.computeIfAbsent(thread, k -> new ArrayList<>()).add(i);
    }
    for (Map.Entry<Long, List<Integer>> q : queries.entrySet()) {
      List<SpanInterval> calls = byThread.get(q.getKey());
      if (calls == null) {
        continue;
      }
      List<Integer> idx = q.getValue();
      idx.sort(Comparator.comparingLong(i -> at[i]));
      List<SpanInterval> open = new ArrayList<>();
      int next = 0;
      for (int i : idx) {
        long t = at[i];
        while (next < calls.size() && calls.get(next).startEpochNanos() <= t) {
          SpanInterval c = calls.get(next++);
          popEnded(open, c.startEpochNanos());
          open.add(c);
        }
        popEnded(open, t);
        // calls of one thread nest; where clock steps break that, the innermost that covers t
        for (int k = open.size() - 1; k >= 0; k--) {
          if (open.get(k).covers(t)) {
            out[i] = open.get(k);
            break;
          }
        }
      }
    }
    return out;
  }

  private static void popEnded(List<SpanInterval> open, long t) {
    while (!open.isEmpty() && open.get(open.size() - 1).endEpochNanos() < t) {
      open.remove(open.size() - 1);
    }
  }

  private static final class Acc {
    long blocked;
    long wait;
    long wall;
    final Map<String, Long> blockedOn = new LinkedHashMap<>();
    final Map<String, Long> waitedOn = new LinkedHashMap<>();
    final Map<String, Long> heldBy = new LinkedHashMap<>();
    final Set<String> holderThreads = new LinkedHashSet<>();

    void add(ContentionEvent e, SpanInterval in, SpanInterval holder) {
      wall = in.endEpochNanos() - in.startEpochNanos();
      long d = e.durationNanos();
      if (e.kind() == BlockerKind.LOCK) {
        blocked += d;
        blockedOn.merge(e.what(), d, Long::sum);
        if (holder != null) {
          heldBy.merge(holder.stage(), d, Long::sum);
        }
        if (!e.ownerThreadName().isEmpty()) {
          holderThreads.add(e.ownerThreadName());
        }
      } else {
        wait += d;
        waitedOn.merge(e.what(), d, Long::sum);
      }
    }

    Contention toContention() {
      // events overlap nothing on their own thread, so only clock offsets could pass the wall
      long b = Math.min(blocked, wall);
      return new Contention(b, Math.min(wait, Math.max(0, wall - b)), blockedOn, waitedOn,
          heldBy, holderThreads);
    }
  }
}
