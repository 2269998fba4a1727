package io.perfagent.analyzer.internal;

import java.time.Duration;

/**
 * A daemon thread that repeats one step until it is stopped, then finishes: the assembler's
 * and the analysis' threads. {@link #stop} asks it to stop once a step found nothing to do
 * (so what is queued is drained first), and waits for it within a bound.
 */
public final class Worker {

  /** One pass of the loop. */
  @FunctionalInterface
  public interface Step {
    /** Returns false when there was nothing to do (the step waited for work, briefly). */
    boolean run() throws InterruptedException;
  }

  /** What runs once the loop has stopped. */
  @FunctionalInterface
  public interface Finish {
    void run() throws InterruptedException;
  }

  private final String name;
  private final Step step;
  private final Finish finish;
  private volatile boolean stopping;
  private Thread thread;

  public Worker(String name, Step step, Finish finish) {
    this.name = name;
    this.step = step;
    this.finish = finish;
  }

  public synchronized void start() {
    thread = new Thread(this::loop, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Drains, finishes and stops; returns once it did, or after {@code wait}. */
  public void stop(Duration wait) {
    stopping = true;
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      try {
        t.join(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void loop() {
    try {
      while (true) {
        boolean worked;
        try {
          worked = step.run();
        } catch (RuntimeException e) {
          // a bug on one input must not stop the service's only thread for this step
          System.err.println("perf-analyzer: " + name + ": " + e);
          worked = true;
        }
        if (!worked && stopping) {
          break;
        }
      }
      finish.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
