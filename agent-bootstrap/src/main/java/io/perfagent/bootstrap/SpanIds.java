package io.perfagent.bootstrap;

import java.util.concurrent.ThreadLocalRandom;

/** Random, non-zero 64-bit span and trace id halves, as OpenTelemetry requires. */
public final class SpanIds {

  private SpanIds() {}

  public static long next() {
    long id;
    do {
      id = ThreadLocalRandom.current().nextLong();
    } while (id == 0);
    return id;
  }
}
