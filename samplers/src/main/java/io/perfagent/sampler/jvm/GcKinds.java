package io.perfagent.sampler.jvm;

/**
 * Which GC notifications are stop-the-world pauses. Our analysis reads {@code jvm.gc.duration}
 * as time the application was stopped, so concurrent cycles are left out even though the
 * semantic conventions would record them with their {@code jvm.gc.action}.
 *
 * <p>What HotSpot reports (JDK 17 to 25): G1 {@code "G1 Young Generation"}/"end of minor GC"
 * and {@code "G1 Old Generation"}/"end of major GC" are pauses; from JDK 20
 * {@code "G1 Concurrent GC"}/"end of concurrent GC pause" reports G1's Remark and Cleanup,
 * which despite the bean's name are stop-the-world pauses, so they are kept. Parallel and
 * Serial ({@code PS Scavenge}, {@code PS MarkSweep}, {@code Copy}, {@code MarkSweepCompact})
 * report minor/major GC: pauses. ZGC and Shenandoah have two beans each: {@code "... Pauses"}
 * ("end of GC pause", or a Shenandoah phase name) are the pauses, {@code "... Cycles"}
 * ("end of GC cycle") are the concurrent cycles, which overlap the application and are left out.
 */
final class GcKinds {

  private static final String CYCLE_ACTION = "end of GC cycle";

  private GcKinds() {}

  static boolean isPause(String gcName, String gcAction) {
    if (CYCLE_ACTION.equals(gcAction)) {
      return false;
    }
    return gcName == null || !gcName.endsWith("Cycles");
  }
}
