package io.perfagent.analysis.path;

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
 */
public final class SpanTree {

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
      for (StageSpan c : children.getOrDefault(parent.span.spanId(), List.of())) {
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
        parent.children.add(n);
        nodes.put(c.spanId(), n);
        queue.add(n);
      }
      parent.children.sort(Node.BY_START);
    }
    return new SpanTree(root, Collections.unmodifiableMap(nodes), List.copyOf(leftOut));
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
    private final List<Node> children = new ArrayList<>();

    Node(StageSpan span, long start, long end) {
      this.span = span;
      this.start = start;
      this.end = end;
    }

    public StageSpan span() {
      return span;
    }

    public long start() {
      return start;
    }

    public long end() {
      return end;
    }

    public List<Node> children() {
      return Collections.unmodifiableList(children);
    }
  }
}
