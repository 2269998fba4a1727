package io.perfagent.analyzer.alert;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many evaluations in a row each condition without an alert has breached, and since when:
 * an alert opens at the {@link #after()}-th, as Prometheus' {@code for:} holds a rule pending.
 * Kept in memory: a restart, or runs of one pipeline spread over several analyzers, starts a
 * condition's count again (the alert opens a little later, never wrongly). Bounded: past
 * {@link #MAX_CONDITIONS} the oldest streak is forgotten.
 */
final class BreachStreaks {

  static final int MAX_CONDITIONS = 10_000;

  private final int after;
  /** Condition key → {breaches in a row, first breach's epoch ms}. */
  private final Map<String, long[]> streaks = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
      return size() > MAX_CONDITIONS;
    }
  };

  BreachStreaks(int after) {
    if (after < 1) {
      throw new IllegalArgumentException("after must be 1 or more: " + after);
    }
    this.after = after;
  }

  int after() {
    return after;
  }

  /**
   * Counts a breach of the condition; the first breach's time once it has breached
   * {@link #after()} times in a row, else -1.
   */
  long breached(String key, long nowMillis) {
    long[] s = streaks.computeIfAbsent(key, k -> new long[] {0, nowMillis});
    s[0]++;
    return s[0] >= after ? s[1] : -1;
  }

  /** The condition was met: its streak ends. */
  void met(String key) {
    streaks.remove(key);
  }
}
