package io.perfagent.analysis.slo;

import java.util.Locale;

/** How bad a breach is. */
public enum AlertLevel {
  WARNING, CRITICAL;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
