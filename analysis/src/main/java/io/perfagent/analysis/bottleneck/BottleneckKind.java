package io.perfagent.analysis.bottleneck;

import java.util.Locale;

/** Why a stage holds the run back; {@code UNKNOWN} when nothing measured tells. */
public enum BottleneckKind {
  CPU, WAIT, LOCK, ALLOC, GC, GPU, IO, SKEW, UNKNOWN;

  /** The name in the report: lower case. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
