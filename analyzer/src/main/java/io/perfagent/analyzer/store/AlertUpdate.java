package io.perfagent.analyzer.store;

/**
 * New evidence for an alert that still holds: only these columns change, so an
 * acknowledgement that came in meanwhile is kept unless {@code reopen} says the alert got
 * worse since.
 *
 * @param reopen true when the level rose: the alert is open again and its acknowledgement
 *     cleared
 */
public record AlertUpdate(long id, String level, double value, double threshold,
    long lastSeenMillis, String runId, String text, boolean reopen) {}
