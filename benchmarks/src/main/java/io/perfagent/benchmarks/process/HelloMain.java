package io.perfagent.benchmarks.process;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.perfagent.Monitored;

/**
 * A hello-world with one stage, for the start-up and memory figures of {@code run.sh}: prints
 * {@code main-entry-ms=<epoch ms>} on stderr first (see {@link MainTimer}), then calls one
 * stage that is both {@code @Monitored} (for {@code perf.jar}) and {@code @WithSpan} (for the
 * upstream agent; woven because opentelemetry-api is on the class path), and exits.
 */
public final class HelloMain {

  private HelloMain() {}

  public static void main(String[] args) {
    System.err.println("main-entry-ms=" + System.currentTimeMillis());
    System.out.println(greet(args.length > 0 ? args[0] : "world"));
  }

  @Monitored(value = "hello.greet", pipeline = "hello", mode = Monitored.Mode.SPAN)
  @WithSpan("hello.greet")
  static String greet(String who) {
    return "hello, " + who;
  }
}
