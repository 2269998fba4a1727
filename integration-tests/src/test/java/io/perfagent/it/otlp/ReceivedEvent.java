package io.perfagent.it.otlp;

import java.util.Map;

/** One span event as received: its name, time and attributes. */
public record ReceivedEvent(String name, long epochNanos, Map<String, Object> attributes) {}
