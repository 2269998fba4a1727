package io.perfagent.analysis.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of a pipeline: a root span and the spans of its trace. Spans whose parent is not in
 * the trace (their parent was dropped) stay in {@link #spans()} for the statistics but are not
 * reachable from the root.
 */
public final class Trace {

  private final String traceId;
  private final StageSpan root;
  private final List<StageSpan> spans;
  /** Built on first use: the statistics, the critical path and the what-ifs all walk it. */
  private Map<String, List<StageSpan>> children;

  public Trace(String traceId, StageSpan root, List<StageSpan> spans) {
    this.traceId = traceId;
    this.root = root;
    this.spans = List.copyOf(spans);
  }

  public String traceId() {
    return traceId;
  }

  public StageSpan root() {
    return root;
  }

  public List<StageSpan> spans() {
    return spans;
  }

  /** The pipeline this run belongs to: the root's pipeline, else the root's stage name. */
  public String pipeline() {
    return root.pipeline().isEmpty() ? root.stage() : root.pipeline();
  }

  public long wallNanos() {
    return root.durationNanos();
  }

  /** Direct children by parent span id, in input order; read-only, built once. */
  public Map<String, List<StageSpan>> childrenByParent() {
    Map<String, List<StageSpan>> m = children;
    if (m == null) {
      m = new HashMap<>();
      for (StageSpan s : spans) {
        if (!s.isRoot()) {
          m.computeIfAbsent(s.parentSpanId(), k -> new ArrayList<>()).add(s);
        }
      }
      m = Collections.unmodifiableMap(m);
      children = m; // the wrapper's final field publishes it whole to another thread
    }
    return m;
  }

  /**
   * Groups spans into runs: by trace id, one run per root span ({@code parentSpanId} empty).
   * A trace with several roots gives several runs, each with the spans reachable from its
   * root (unreachable spans go with the first). A trace without a root is not a run.
   */
  public static List<Trace> assemble(List<StageSpan> spans) {
    Map<String, List<StageSpan>> byTrace = new java.util.LinkedHashMap<>();
    for (StageSpan s : spans) {
      byTrace.computeIfAbsent(s.traceId(), k -> new ArrayList<>()).add(s);
    }
    List<Trace> out = new ArrayList<>();
    for (Map.Entry<String, List<StageSpan>> e : byTrace.entrySet()) {
      List<StageSpan> roots = new ArrayList<>();
      for (StageSpan s : e.getValue()) {
        if (s.isRoot()) {
          roots.add(s);
        }
      }
      if (roots.isEmpty()) {
        continue;
      }
      if (roots.size() == 1) {
        out.add(new Trace(e.getKey(), roots.get(0), e.getValue()));
        continue;
      }
      roots.sort((a, b) -> Long.compare(a.startNanos(), b.startNanos()));
      out.addAll(splitByRoot(e.getKey(), roots, e.getValue()));
    }
    Collections.sort(out, (a, b) -> Long.compare(a.root().startNanos(), b.root().startNanos()));
    return out;
  }

  private static List<Trace> splitByRoot(String traceId, List<StageSpan> roots,
      List<StageSpan> all) {
    Map<String, StageSpan> byId = new HashMap<>();
    for (StageSpan s : all) {
      byId.put(s.spanId(), s);
    }
    Map<String, List<StageSpan>> perRoot = new java.util.LinkedHashMap<>();
    for (StageSpan r : roots) {
      perRoot.put(r.spanId(), new ArrayList<>());
    }
    String first = roots.get(0).spanId();
    for (StageSpan s : all) {
      StageSpan cur = s;
      int guard = 0;
      // climb to the root; the guard stops a parent cycle in corrupt input
      while (!cur.isRoot() && byId.containsKey(cur.parentSpanId()) && guard++ < 10_000) {
        cur = byId.get(cur.parentSpanId());
      }
      String key = cur.isRoot() ? cur.spanId() : first;
      perRoot.get(key).add(s);
    }
    List<Trace> out = new ArrayList<>();
    for (StageSpan r : roots) {
      out.add(new Trace(traceId, r, perRoot.get(r.spanId())));
    }
    return out;
  }
}
