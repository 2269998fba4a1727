package io.perfagent.analysis.path;

import io.perfagent.analysis.model.FoldedAggregate;
import io.perfagent.analysis.model.StageSpan;
import io.perfagent.analysis.model.Trace;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's spans as a tree whose children lie within their parent: the input of the critical
 * path and of the what-if replay. Built top-down, so a child is checked against its parent's
 * already-sanitized interval. Spans not reachable from the root are not in the tree.
 *
 * <p>Folded calls that ran on another thread than their parent span, in a known window (a
 * task the parent handed to a pool), are a branch beside the parent's own thread: each such
 * fold becomes a node of its own, a child of the parent over that window, so the critical
 * path can run through the work instead of through whatever waited for it.
 */
public final class SpanTree {

  /**
   * How far a branch's window may run past its parent's end and still be its work: 10 ms, or
   * a quarter of the parent's or the branch's own time. A pool thread that handed its result
   * over may wait a scheduler slice or two to leave the task on a busy machine; work that
   * really outlives its parent runs on for longer.
   */
  static final long MAX_BRANCH_OVERRUN_NANOS = 10_000_000L;
  static final double MAX_BRANCH_OVERRUN_SHARE = 0.25;

  private final Node root;
  private final Map<String, Node> nodes;
  private final List<LeftOutSpan> leftOut;

  private SpanTree(Node root, Map<String, Node> nodes, List<LeftOutSpan> leftOut) {
    this.root = root;
    this.nodes = nodes;
    this.leftOut = leftOut;
  }

  public static SpanTree of(Trace trace) {
    Map<String, List<StageSpan>> children = trace.childrenByParent();
    Map<String, Node> nodes = new LinkedHashMap<>();
    List<LeftOutSpan> leftOut = new ArrayList<>();
    StageSpan r = trace.root();
    Node root = new Node(r, r.startNanos(), r.endNanos());
    nodes.put(r.spanId(), root);
    ArrayDeque<Node> queue = new ArrayDeque<>();
    queue.add(root);
    while (!queue.isEmpty()) {
      Node parent = queue.poll();
      List<StageSpan> kids = children.get(parent.span.spanId());
      for (int i = 0; kids != null && i < kids.size(); i++) {
        StageSpan c = kids.get(i);
        if (nodes.containsKey(c.spanId())) {
          continue; // duplicate id or cycle: the first occurrence wins
        }
        if (c.startNanos() >= parent.end || c.endNanos() <= parent.start) {
          leftOut.add(new LeftOutSpan(c.spanId(), c.stage(), LeftOutSpan.Reason.OUTSIDE_PARENT));
          continue;
        }
        if (c.endNanos() > parent.end) {
          leftOut.add(new LeftOutSpan(c.spanId(), c.stage(), LeftOutSpan.Reason.OUTLIVED_PARENT));
          continue;
        }
        Node n = new Node(c, Math.max(c.startNanos(), parent.start), c.endNanos());
        parent.adopt(n);
        nodes.put(c.spanId(), n);
        queue.add(n);
      }
      List<FoldedAggregate> folded = parent.span.folded();
      for (int i = 0; i < folded.size(); i++) { // indexed: an empty list's iterator is an object
        FoldedAggregate f = folded.get(i);
        if (!f.direct() || !f.elsewhere(parent.span)) {
          continue;
        }
        StageSpan branch = branch(parent.span, f);
        if (nodes.containsKey(branch.spanId())) {
          continue;
        }
        // a task's window ends when the pool thread leaves it, after its result woke whatever
        // waited for it (on a busy machine, some milliseconds after): an overrun that short is
        // not fire-and-forget work
        long overrun = f.endNanos() - parent.end;
        if (f.startNanos() >= parent.end || f.endNanos() <= parent.start) {
          leftOut.add(new LeftOutSpan(branch.spanId(), f.stage(),
              LeftOutSpan.Reason.OUTSIDE_PARENT));
        } else if (overrun > Math.max(MAX_BRANCH_OVERRUN_NANOS, (long) (MAX_BRANCH_OVERRUN_SHARE
            * Math.max(parent.end - parent.start, f.endNanos() - f.startNanos())))) {
          leftOut.add(new LeftOutSpan(branch.spanId(), f.stage(),
              LeftOutSpan.Reason.OUTLIVED_PARENT));
        } else {
          Node n = new Node(branch, Math.max(f.startNanos(), parent.start),
              Math.min(f.endNanos(), parent.end), f);
          parent.adopt(n);
          nodes.put(branch.spanId(), n);
        }
      }
      parent.sortChildren();
    }
    return new SpanTree(root, Collections.unmodifiableMap(nodes), List.copyOf(leftOut));
  }

  /** The stand-in span of folded calls that ran on another thread, over their window. */
  static StageSpan branch(StageSpan parent, FoldedAggregate f) {
    return StageSpan.builder().traceId(parent.traceId())
        .spanId(parent.spanId() + "~" + f.stage() + "~" + f.threadId())
        .parentSpanId(parent.spanId()).stage(f.stage()).thread("", f.threadId())
        .interval(f.startNanos(), f.endNanos()).build();
  }

  public Node root() {
    return root;
  }

  /** The node of a span, or null when it is not in the tree. */
  public Node node(String spanId) {
    return nodes.get(spanId);
  }

  public Iterable<Node> nodes() {
    return nodes.values();
  }

  public List<LeftOutSpan> leftOut() {
    return leftOut;
  }

  /** A span with its sanitized interval and its kept children, sorted by start then end. */
  public static final class Node {
    static final Comparator<Node> BY_START = Comparator.<Node>comparingLong(n -> n.start)
        .thenComparingLong(n -> n.end);

    private final StageSpan span;
    private final long start;
    private final long end;
    private final FoldedAggregate fold;
    /** Made on the first child: most nodes are leaves. */
    private List<Node> children;
    /** One read-only view, not one per call: the analysis asks a million nodes many times. */
    private List<Node> view = List.of();

    Node(StageSpan span, long start, long end) {
      this(span, start, end, null);
    }

    Node(StageSpan span, long start, long end, FoldedAggregate fold) {
      this.span = span;
      this.start = start;
      this.end = end;
      this.fold = fold;
    }

    /** The span; for a branch of folded calls, a stand-in carrying their stage and window. */
    public StageSpan span() {
      return span;
    }

    /**
     * The folded calls this node stands for when they ran on another thread than their parent
     * (see the class doc), or null for a span.
     */
    public FoldedAggregate fold() {
      return fold;
    }

    public long start() {
      return start;
    }

    public long end() {
      return end;
    }

    public List<Node> children() {
      return view;
    }

    void adopt(Node child) {
      if (children == null) {
        children = new ArrayList<>(4);
        view = Collections.unmodifiableList(children);
      }
      children.add(child);
    }

    void sortChildren() {
      if (children != null) {
        children.sort(BY_START);
      }
    }
  }
}
