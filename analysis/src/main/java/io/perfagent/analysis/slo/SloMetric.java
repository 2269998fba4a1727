package io.perfagent.analysis.slo;

import java.util.Locale;

/** What an objective limits. */
public enum SloMetric {
  P50(true, false), P95(true, false), P99(true, false), MAX(true, false),
  ERROR_RATE(false, false),
  CPU(false, true), MEMORY(false, true), GPU(false, true);

  private final boolean latency;
  private final boolean resource;

  SloMetric(boolean latency, boolean resource) {
    this.latency = latency;
    this.resource = resource;
  }

  public boolean isLatency() {
    return latency;
  }

  public boolean isResource() {
    return resource;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  static SloMetric parse(String s) {
    for (SloMetric m : values()) {
      if (m.id().equals(s)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown metric '" + s
        + "' (p50, p95, p99, max, error_rate, cpu, memory, gpu)");
  }
}
