package io.perfagent;

/**
 * The static side of perf-agent: credit records and bytes to the innermost active stage,
 * or open a stage around a block that is not its own method.
 *
 * <p>Every method is an empty no-op until {@code -javaagent:perf.jar} is attached; the
 * agent then weaves the measurement into these methods. Calls never throw and never block.
 *
 * <pre>{@code
 * try (Perf.Stage s = Perf.stage("parse")) {
 *   for (Row row : rows) { ... }
 *   Perf.records(rows.size());
 * }
 * }</pre>
 */
public final class Perf {

  private Perf() {}

  /** Credits {@code n} records to the innermost active stage of the calling thread. */
  public static void records(long n) {
    // woven by the agent
  }

  /** Credits {@code n} bytes to the innermost active stage of the calling thread. */
  public static void bytes(long n) {
    // woven by the agent
  }

  /**
   * Opens a stage named {@code name} on the calling thread, closed by {@link Stage#close()}.
   * Use it with try-with-resources; it returns a shared object, so it allocates nothing.
   */
  public static Stage stage(String name) {
    return Stage.INSTANCE;
  }

  /** Closes the stage opened by {@link Perf#stage(String)} on the same thread. */
  public static final class Stage implements AutoCloseable {

    static final Stage INSTANCE = new Stage();

    private Stage() {}

    @Override
    public void close() {
      // woven by the agent
    }
  }
}
