package io.perfagent.agent.weave;

import java.util.ArrayList;
import java.util.List;

/** Hooks for weaving tests: they write down what woven code passed them. */
public final class Calls {

  static final List<String> LOG = new ArrayList<>();
  private static int next;

  private Calls() {}

  public static int enter(int id) {
    LOG.add("enter " + id);
    return 1000 + next++;
  }

  public static void exit(int token, int id, Throwable thrown) {
    LOG.add("exit " + id + " token " + token + (thrown == null ? "" : " threw " + thrown));
  }

  public static void enterSeeing(Object self, long first, Object second) {
    LOG.add("enter " + self.getClass().getSimpleName() + " " + first + " " + second);
  }

  public static void exitSeeing(long first, Object second, Throwable thrown) {
    LOG.add("exit saw " + first + " " + second + (thrown == null ? "" : " threw"));
  }

  public static void returned(Object value) {
    LOG.add("returned " + value);
  }

  public static void run(Runnable task) {
    LOG.add("run substituted");
    task.run();
  }

  /** For the verifier test: any method. */
  public static int any(int id) {
    return id;
  }

  public static void anyExit(int entered, int id, Throwable thrown) {}

  static void reset() {
    LOG.clear();
    next = 0;
  }
}
