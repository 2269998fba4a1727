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

  /**
   * Opens a stage named {@code name} as the child of the stage in another process whose
   * {@link #traceparent()} this process received with the work (a message header, an HTTP
   * header, a field of a queued task), so the stages of both processes are one trace and one
   * pipeline run; closed by {@link Stage#close()}. A null {@code traceparent} opens it as
   * {@link #stage(String)} does; a malformed one too, counted in the agent's exit line.
   *
   * <pre>{@code
   * try (Perf.Stage s = Perf.stage("worker.handle", message.header("traceparent"))) {
   *   handle(message);
   * }
   * }</pre>
   */
  public static Stage stage(String name, String traceparent) {
    return Stage.INSTANCE;
  }

  /**
   * The W3C Trace Context {@code traceparent} of the innermost stage running on the calling
   * thread ({@code 00-<trace id>-<span id>-01}), to send with work handed to another process;
   * null without the agent or outside any stage.
   */
  public static String traceparent() {
    return null; // answered by the agent
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
