package io.perfagent.benchmarks.process;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * {@code MainTimer CLASS [ARGS...]}: prints {@code main-entry-ms=<epoch ms>} on stderr as the
 * first thing {@code main} does, then runs {@code CLASS.main(ARGS)}. {@code run.sh} subtracts
 * the epoch millisecond at which it launched the JVM: the difference is JVM start plus agent
 * premain, the time to {@code main} that users see. Nothing else is loaded before the
 * timestamp (no JMX), so the figure does not inflate the baseline.
 */
public final class MainTimer {

  private MainTimer() {}

  public static void main(String[] args) throws Throwable {
    System.err.println("main-entry-ms=" + System.currentTimeMillis());
    if (args.length == 0) {
      return;
    }
    Method main = Class.forName(args[0]).getMethod("main", String[].class);
    main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
  }
}
