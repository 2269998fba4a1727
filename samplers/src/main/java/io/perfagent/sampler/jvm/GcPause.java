package io.perfagent.sampler.jvm;

/** One stop-the-world collection, as the notification thread saw it. */
record GcPause(String gcName, String gcAction, long endEpochNanos, double durationSeconds) {}
