package io.perfagent.analysis.contention;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One stage's lock and wait time over the runs analysed.
 *
 * @param threadsBlocked distinct threads of the stage that were blocked on a lock at least once
 * @param threadsWaited distinct threads of the stage that waited at least once
 * @param blockedOn blocked time by what was waited on, largest first
 * @param waitedOn wait time by what was waited on, largest first
 * @param heldBy blocked time by the stage that held the lock, largest first (only where known)
 * @param holderThreads distinct threads seen holding it
 * @param soleHolderThread the holder thread when there was exactly one, else {@code ""}
 */
public record StageContention(long blockedNanos, long waitNanos, int threadsBlocked,
    int threadsWaited, Map<String, Long> blockedOn, Map<String, Long> waitedOn,
    Map<String, Long> heldBy, int holderThreads, String soleHolderThread) {

  public StageContention {
    blockedOn = Collections.unmodifiableMap(new LinkedHashMap<>(blockedOn));
    waitedOn = Collections.unmodifiableMap(new LinkedHashMap<>(waitedOn));
    heldBy = Collections.unmodifiableMap(new LinkedHashMap<>(heldBy));
    soleHolderThread = soleHolderThread == null ? "" : soleHolderThread;
  }

  /** What the stage was blocked on longest, or {@code ""}. */
  public String topBlockedOn() {
    return first(blockedOn);
  }

  /** What the stage waited on longest, or {@code ""}. */
  public String topWaitedOn() {
    return first(waitedOn);
  }

  /** The stage that held the lock longest while this one was blocked, or {@code ""}. */
  public String topHolder() {
    return first(heldBy);
  }

  private static String first(Map<String, Long> m) {
    return m.isEmpty() ? "" : m.keySet().iterator().next();
  }
}
