package io.perfagent.analyzer.analyse;

import io.perfagent.analysis.model.ResourceSample;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each process's machine did, from the resource metrics it sent over OTLP, kept by
 * {@code service.instance.id} so that a run is analysed with the samples of the JVMs that ran
 * it ("what the machine did while each stage ran"). Bounded: the newest
 * {@link #MAX_SAMPLES_PER_INSTANCE} samples of the {@link #MAX_INSTANCES} instances heard from
 * last. Thread-safe: receivers add, the analysis reads.
 */
public final class ResourceTimelines {

  static final int MAX_INSTANCES = 1024;
  static final int MAX_SAMPLES_PER_INSTANCE = 16_384;
  /** Samples this long before a run's start and after its end go with it. */
  static final long MARGIN_NANOS = 5_000_000_000L;

  private final LinkedHashMap<String, ArrayDeque<ResourceSample>> byInstance =
      new LinkedHashMap<>(64, 0.75f, true);

  public synchronized void add(Map<String, List<ResourceSample>> samples) {
    for (Map.Entry<String, List<ResourceSample>> e : samples.entrySet()) {
      ArrayDeque<ResourceSample> q = byInstance.computeIfAbsent(e.getKey(),
          k -> new ArrayDeque<>());
      for (ResourceSample s : e.getValue()) {
        if (q.size() == MAX_SAMPLES_PER_INSTANCE) {
          q.pollFirst();
        }
        q.addLast(s);
      }
    }
    Iterator<String> oldest = byInstance.keySet().iterator();
    while (byInstance.size() > MAX_INSTANCES && oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
  }

  /**
   * Every instance's samples from {@code fromNanos} on, by time: the alerts' view of the
   * received series. Every kept sample is looked at (one request holds each metric's points
   * in turn, so an instance's samples are not in time order).
   */
  public synchronized List<ResourceSample> recent(long fromNanos) {
    List<ResourceSample> out = new ArrayList<>();
    for (ArrayDeque<ResourceSample> q : byInstance.values()) {
      for (ResourceSample s : q) {
        if (s.timeNanos() >= fromNanos) {
          out.add(s);
        }
      }
    }
    out.sort(Comparator.comparingLong(ResourceSample::timeNanos));
    return out;
  }

  /** The samples of {@code instances} from {@code fromNanos} to {@code toNanos}, by time. */
  public synchronized List<ResourceSample> between(Collection<String> instances, long fromNanos,
      long toNanos) {
    List<ResourceSample> out = new ArrayList<>();
    for (String i : instances) {
      ArrayDeque<ResourceSample> q = byInstance.get(i);
      if (q == null) {
        continue;
      }
      for (ResourceSample s : q) {
        if (s.timeNanos() >= fromNanos - MARGIN_NANOS && s.timeNanos() <= toNanos + MARGIN_NANOS) {
          out.add(s);
        }
      }
    }
    out.sort(Comparator.comparingLong(ResourceSample::timeNanos));
    return out;
  }
}
