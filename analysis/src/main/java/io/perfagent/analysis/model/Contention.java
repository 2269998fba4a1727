package io.perfagent.analysis.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one stage call waited for, beside its {@link StageSpan}: given to the analysis by span
 * id (see {@code AnalysisOptions.Builder#contention}), so the many places that build spans
 * need not know about it. Times are those of the call's own thread while the call was its
 * innermost stage.
 *
 * @param blockedNanos time blocked on a lock: entering a contended monitor, or parked on a
 *     {@code java.util.concurrent} lock; the same figure as {@link StageSpan#blockedNanos}
 * @param waitNanos time parked waiting for something else to happen: a queue, a future, a
 *     latch, a condition, {@code Object.wait}
 * @param blockedOn blocked time by what was waited on, e.g. {@code "monitor io.acme.Ledger"}
 *     or {@code "parked on java.util.concurrent.locks.ReentrantLock$NonfairSync"}
 * @param waitedOn wait time by what was waited on, in the same form
 * @param heldBy blocked time by the stage that held the monitor, where the JVM said which
 *     thread held it and that thread was inside a stage
 * @param holderThreads names of the threads that held it
 */
public record Contention(long blockedNanos, long waitNanos, Map<String, Long> blockedOn,
    Map<String, Long> waitedOn, Map<String, Long> heldBy, Set<String> holderThreads) {

  public Contention {
    blockedOn = copy(blockedOn);
    waitedOn = copy(waitedOn);
    heldBy = copy(heldBy);
    holderThreads = holderThreads == null ? Set.of()
        : Collections.unmodifiableSet(new LinkedHashSet<>(holderThreads));
  }

  private static Map<String, Long> copy(Map<String, Long> m) {
    return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }
}
