package io.perfagent.it.apps;

import io.perfagent.Monitored;

/**
 * A stage that calls itself {@value #DEPTH} deep, past the agent's stack of 128 frames: the
 * calls past it cannot be measured, and must be counted, per stage, and said.
 */
public final class DeepRecursionApp {

  public static final int DEPTH = 300;

  private DeepRecursionApp() {}

  public static void main(String[] args) {
    System.out.println("depth " + recurse(DEPTH));
    System.out.println("DONE");
  }

  @Monitored(value = "recurse", pipeline = "deep")
  static int recurse(int n) {
    return n == 0 ? 0 : 1 + recurse(n - 1);
  }
}
