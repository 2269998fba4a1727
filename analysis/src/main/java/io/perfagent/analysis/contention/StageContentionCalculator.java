package io.perfagent.analysis.contention;

import io.perfagent.analysis.model.Contention;
import io.perfagent.analysis.model.StageSpan;
import io.perfagent.analysis.path.AnalyzedRun;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Sums per-call {@link Contention} into one {@link StageContention} per stage. */
public final class StageContentionCalculator {

  private StageContentionCalculator() {}

  /** By stage name; only stages with some lock or wait time. */
  public static Map<String, StageContention> compute(List<AnalyzedRun> runs,
      Map<String, Contention> bySpanId) {
    Map<String, Acc> accs = new LinkedHashMap<>();
    if (bySpanId.isEmpty()) {
      return Map.of();
    }
    for (AnalyzedRun run : runs) {
      for (StageSpan s : run.trace().spans()) {
        Contention c = bySpanId.get(s.spanId());
        if (c != null && c.blockedNanos() + c.waitNanos() > 0) {
          accs.computeIfAbsent(s.stage(), k -> new Acc()).add(s.threadId(), c);
        }
      }
    }
    Map<String, StageContention> out = new LinkedHashMap<>();
    for (Map.Entry<String, Acc> e : accs.entrySet()) {
      out.put(e.getKey(), e.getValue().toStage());
    }
    return out;
  }

  private static final class Acc {
    long blocked;
    long wait;
    final Set<Long> blockedThreads = new HashSet<>();
    final Set<Long> waitThreads = new HashSet<>();
    final Map<String, Long> blockedOn = new HashMap<>();
    final Map<String, Long> waitedOn = new HashMap<>();
    final Map<String, Long> heldBy = new HashMap<>();
    final Set<String> holders = new HashSet<>();

    void add(long threadId, Contention c) {
      blocked += c.blockedNanos();
      wait += c.waitNanos();
      if (c.blockedNanos() > 0) {
        blockedThreads.add(threadId);
      }
      if (c.waitNanos() > 0) {
        waitThreads.add(threadId);
      }
      c.blockedOn().forEach((k, v) -> blockedOn.merge(k, v, Long::sum));
      c.waitedOn().forEach((k, v) -> waitedOn.merge(k, v, Long::sum));
      c.heldBy().forEach((k, v) -> heldBy.merge(k, v, Long::sum));
      holders.addAll(c.holderThreads());
    }

    StageContention toStage() {
      return new StageContention(blocked, wait, blockedThreads.size(), waitThreads.size(),
          largestFirst(blockedOn), largestFirst(waitedOn), largestFirst(heldBy), holders.size(),
          holders.size() == 1 ? holders.iterator().next() : "");
    }
  }

  static Map<String, Long> largestFirst(Map<String, Long> m) {
    List<Map.Entry<String, Long>> l = new ArrayList<>(m.entrySet());
    // ties by name, so the report does not depend on hash order
    l.sort(Map.Entry.<String, Long>comparingByValue().reversed()
        .thenComparing(Map.Entry.comparingByKey()));
    Map<String, Long> out = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e : l) {
      out.put(e.getKey(), e.getValue());
    }
    return out;
  }
}
