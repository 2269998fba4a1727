package io.perfagent.analyzer.assemble;

import io.perfagent.analysis.model.ResourceSample;
import io.perfagent.analysis.model.StageSpan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The spans of one trace gathered so far; owned by the assembler's thread. */
final class OpenTrace {

  /** Service names and instances kept per trace: a run over more JVMs lists the first ones. */
  private static final int MAX_SOURCES = 64;
  /** Resource samples carried per trace: 64 processes' timelines at their full 720 steps. */
  static final int MAX_CARRIED = 64 * 720 * 10;

  final String traceId;
  final int priorVersion;
  private final Map<String, StageSpan> spans = new LinkedHashMap<>();
  private final Set<String> services = new LinkedHashSet<>();
  private final Set<String> instances = new LinkedHashSet<>();
  private final List<ResourceSample> carried = new ArrayList<>();
  private final Set<String> carriedBy = new HashSet<>();
  long lastArrivalNanos;
  private boolean hasRoot;
  private boolean changed;

  OpenTrace(String traceId, PriorRuns.Prior prior, long now) {
    this.traceId = traceId;
    this.lastArrivalNanos = now;
    if (prior == null) {
      this.priorVersion = 0;
    } else {
      this.priorVersion = prior.version();
      for (StageSpan s : prior.spans()) {
        spans.put(s.spanId(), s);
        hasRoot |= s.isRoot();
      }
      services.addAll(prior.services());
      instances.addAll(prior.instances());
      carried.addAll(prior.samples());
    }
  }

  /** What adding a span did. */
  enum Added { NEW, DUPLICATE, OVER_BOUND }

  Added add(StageSpan s, String service, String instance, int maxSpans) {
    if (spans.containsKey(s.spanId())) {
      return Added.DUPLICATE;
    }
    // roots are kept past the bound: without its root a run never closes
    if (spans.size() >= maxSpans && !s.isRoot()) {
      return Added.OVER_BOUND;
    }
    spans.put(s.spanId(), s);
    hasRoot |= s.isRoot();
    changed = true;
    if (!service.isEmpty() && services.size() < MAX_SOURCES) {
      services.add(service);
    }
    if (!instance.isEmpty() && instances.size() < MAX_SOURCES) {
      instances.add(instance);
    }
    return Added.NEW;
  }

  /**
   * Keeps the resource timeline a new span of {@code instance} carried; returns how many
   * samples the bound left out.
   */
  int carry(List<ResourceSample> timeline, String instance) {
    if (timeline.isEmpty()) {
      return 0;
    }
    if (carried.size() + timeline.size() > MAX_CARRIED) {
      return timeline.size();
    }
    carried.addAll(timeline);
    carriedBy.add(instance);
    return 0;
  }

  boolean hasRoot() {
    return hasRoot;
  }

  /** True when spans came since the trace was opened (a re-opened run with only duplicates is not). */
  boolean changed() {
    return changed;
  }

  int size() {
    return spans.size();
  }

  ClosedRun close(boolean early) {
    return new ClosedRun(traceId, priorVersion + 1, new ArrayList<>(spans.values()),
        new ArrayList<>(services), new ArrayList<>(instances), early, carried, carriedBy);
  }
}
