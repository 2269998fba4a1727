package io.perfagent.it.apps;

import io.perfagent.Monitored;
import io.perfagent.Monitored.Mode;

/**
 * Pipeline {@code dash} whose stage names are markup a page must show as text: each run (root
 * {@link #ROOT}) spins on CPU in {@link #SCRIPT_STAGE} for the given milliseconds, then sleeps
 * 30 ms in {@code dash.wait}. Each payload, if it ever ran as markup in a browser, would set
 * {@code window.__pwned}. Args: busy milliseconds per run, one run each, pause milliseconds
 * between runs. Prints {@code DONE}.
 */
public final class HostileNamesApp {

  /** The pipeline's root stage: an attribute-breaking payload. */
  public static final String ROOT = "dash.batch\"><img src=x onerror=window.__pwned=1>";
  /** A stage named as a script element. */
  public static final String SCRIPT_STAGE = "<script>window.__pwned=2</script>";

  private static volatile long sink;

  private HostileNamesApp() {}

  public static void main(String[] args) throws Exception {
    long pause = Long.parseLong(args[args.length - 1]);
    for (int i = 0; i < args.length - 1; i++) {
      batch(Long.parseLong(args[i]));
      Thread.sleep(pause);
    }
    System.out.println("DONE");
  }

  @Monitored(value = ROOT, pipeline = "dash", mode = Mode.SPAN)
  static void batch(long busyMillis) throws InterruptedException {
    crunch(busyMillis);
    pause();
  }

  @Monitored(value = SCRIPT_STAGE, mode = Mode.SPAN)
  static void crunch(long busyMillis) {
    long end = System.nanoTime() + busyMillis * 1_000_000L;
    long s = 0;
    while (System.nanoTime() < end) {
      s += (s * 31) ^ 7;
    }
    sink = s;
  }

  @Monitored(value = "dash.wait", mode = Mode.SPAN)
  static void pause() throws InterruptedException {
    Thread.sleep(30);
  }
}
