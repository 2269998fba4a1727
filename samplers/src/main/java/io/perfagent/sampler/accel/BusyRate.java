package io.perfagent.sampler.accel;

/**
 * Turns a cumulative busy-time counter into the fraction of wall time it grew by since the
 * last reading. A counter that went back (device reset, wrap) yields no value for that
 * interval and becomes the new base, so the next interval is right again.
 */
final class BusyRate {

  private long lastBusyNanos = -1;
  private long lastWallNanos;

  /** Returns busy/wall over the interval ending now, or NaN for the first or a broken one. */
  double update(long busyNanos, long wallNanos) {
    long prevBusy = lastBusyNanos;
    long prevWall = lastWallNanos;
    lastBusyNanos = busyNanos;
    lastWallNanos = wallNanos;
    if (prevBusy < 0 || busyNanos < prevBusy || wallNanos <= prevWall) {
      return Double.NaN;
    }
    return (double) (busyNanos - prevBusy) / (wallNanos - prevWall);
  }
}
