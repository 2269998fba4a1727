package io.perfagent.analysis.path;

/** A span the critical path does not consider, and why. Its subtree is left out with it. */
public record LeftOutSpan(String spanId, String stage, Reason reason) {

  /** Why a span was left out. */
  public enum Reason {
    /** Still running when its parent ended: fire-and-forget work that held nothing back. */
    OUTLIVED_PARENT,
    /** Wholly outside its parent's interval (clock skew or a mis-parented span). */
    OUTSIDE_PARENT
  }
}
