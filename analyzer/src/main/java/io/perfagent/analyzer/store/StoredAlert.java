package io.perfagent.analyzer.store;

/**
 * An SLO alert as stored: one per condition (pipeline, subject, metric) while it holds.
 *
 * @param id 0 until stored
 * @param pipeline {@code ""} for a resource alert over the received series, not a run
 * @param subject {@code stage:NAME}, {@code pipeline:NAME} or {@code resource:cpu|memory|gpu}
 * @param rule the SLO rule as written
 * @param level {@code warning} or {@code critical}: the highest while it held
 * @param state {@link #OPEN}, {@link #ACKNOWLEDGED} or {@link #RESOLVED}
 * @param value the latest breaching value, in {@code unit}
 * @param threshold the limit that value reached
 * @param unit {@code ns} or {@code ratio}
 * @param resolvedMillis null while it holds
 * @param ackedBy null until acknowledged
 * @param ackedMillis null until acknowledged
 * @param runId the latest run that breached it, {@code ""} for a series alert
 */
public record StoredAlert(long id, String pipeline, String subject, String metric, String rule,
    String level, String state, double value, double threshold, String unit,
    long firstSeenMillis, long lastSeenMillis, Long resolvedMillis, String ackedBy,
    Long ackedMillis, String runId, String text) {

  public static final String OPEN = "open";
  public static final String ACKNOWLEDGED = "acknowledged";
  public static final String RESOLVED = "resolved";
  /** A state filter: open or acknowledged. */
  public static final String ACTIVE = "active";

  public boolean active() {
    return !RESOLVED.equals(state);
  }

  StoredAlert withId(long newId) {
    return new StoredAlert(newId, pipeline, subject, metric, rule, level, state, value,
        threshold, unit, firstSeenMillis, lastSeenMillis, resolvedMillis, ackedBy, ackedMillis,
        runId, text);
  }
}
