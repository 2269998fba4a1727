package io.perfagent.analysis.stats;

import io.perfagent.analysis.model.FoldedAggregate;
import io.perfagent.analysis.model.StageSpan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The folded children of one span as a tree: a per-record stage that calls another holds that
 * stage's calls within its own wall time ({@link FoldedAggregate#within()}). A fold's self
 * time excludes the folds within it, and time credited to a fold (on the critical path, or
 * replayed faster) splits between it and them by wall time.
 */
public final class FoldTree {

  /** Nesting deeper than this is credited to the last level (recursion through folds). */
  private static final int MAX_DEPTH = 32;

  /** The tree of a span without folds, as most are: one shared, read-only. */
  private static final FoldTree NONE = new FoldTree(List.of(), Map.of());

  private final List<FoldedAggregate> direct;
  private final Map<String, List<FoldedAggregate>> within;

  private FoldTree(List<FoldedAggregate> direct, Map<String, List<FoldedAggregate>> within) {
    this.direct = direct;
    this.within = within;
  }

  public static FoldTree of(StageSpan parent) {
    if (parent.folded().isEmpty()) {
      return NONE;
    }
    List<FoldedAggregate> direct = new ArrayList<>();
    Map<String, List<FoldedAggregate>> within = new HashMap<>();
    for (FoldedAggregate f : parent.folded()) {
      if (f.direct()) {
        direct.add(f);
      } else {
        within.computeIfAbsent(f.within(), k -> new ArrayList<>()).add(f);
      }
    }
    return new FoldTree(direct, within);
  }

  /** The folds that ran directly under the parent span. */
  public List<FoldedAggregate> direct() {
    return direct;
  }

  /**
   * Receives a fold's part of some time: its own (self) part and its inclusive part; returns
   * whether to go on into the folds within it.
   */
  public interface Visitor {
    boolean part(FoldedAggregate fold, double ownNanos, double inclusiveNanos);
  }

  /** Wall time of {@code f} spent in none of the folds within it. */
  public long selfNanos(FoldedAggregate f) {
    double kids = kidsWall(f);
    return Math.max(0, f.wallNanos() - Math.round(kids));
  }

  /**
   * Splits {@code nanos} credited to fold {@code f} (its inclusive part) between it and the
   * folds within it, by wall time, visiting each.
   */
  public void split(FoldedAggregate f, double nanos, Visitor v) {
    split(f, nanos, v, 0);
  }

  private void split(FoldedAggregate f, double nanos, Visitor v, int depth) {
    List<FoldedAggregate> kids = depth < MAX_DEPTH ? kids(f) : List.of();
    double kidsWall = 0;
    for (FoldedAggregate k : kids) {
      kidsWall += Math.max(0, k.wallNanos());
    }
    // estimates may make the folds within exceed their host: then they take all of it
    double denom = Math.max(f.wallNanos(), kidsWall);
    if (kids.isEmpty() || denom <= 0) {
      v.part(f, nanos, nanos);
      return;
    }
    if (!v.part(f, nanos * Math.max(0, f.wallNanos() - kidsWall) / denom, nanos)) {
      return;
    }
    for (FoldedAggregate k : kids) {
      split(k, nanos * Math.max(0, k.wallNanos()) / denom, v, depth + 1);
    }
  }

  /** The folds within {@code f}: named after its stage, on its thread. */
  private List<FoldedAggregate> kids(FoldedAggregate f) {
    List<FoldedAggregate> all = new ArrayList<>();
    for (FoldedAggregate k : within.getOrDefault(f.stage(), List.of())) {
      if (k.threadId() == f.threadId()) {
        all.add(k);
      }
    }
    if (!all.contains(f)) {
      return all;
    }
    List<FoldedAggregate> others = new ArrayList<>(all); // a stage folded within itself
    others.remove(f);
    return others;
  }

  private double kidsWall(FoldedAggregate f) {
    double w = 0;
    for (FoldedAggregate k : kids(f)) {
      w += Math.max(0, k.wallNanos());
    }
    return w;
  }
}
