package io.perfagent.bootstrap;

/**
 * The entry points woven code calls. Each is a few field reads and writes on the calling
 * thread's {@link ThreadState}; none throws (woven code puts no handler around the call),
 * blocks, or allocates in steady state.
 */
public final class Stages {

  private Stages() {}

  /**
   * Method advice: enters a stage and returns the thread's state for {@link #exitStage}, or
   * null when not tracked. Handing the state through the advice saves the exit a second
   * thread-local lookup.
   */
  public static ThreadState enterStage(int stageId, int mode) {
    if (!AgentSettings.enabled) {
      return null;
    }
    try {
      ThreadState ts = ThreadState.current();
      return ts.enterMethod(stageId, mode) != 0 ? ts : null;
    } catch (Throwable t) {
      Faults.record(t);
      return null;
    }
  }

  /**
   * {@link #enterStage} on the calling thread's state that the caller already holds (a host's
   * advice that looked at it first: see {@link HostSpans#inStage}), saving a lookup. Not an
   * overload: perf.jar's weaver names the hooks it calls by name alone.
   */
  public static ThreadState enterStageOn(ThreadState ts, int stageId, int mode) {
    if (!AgentSettings.enabled) {
      return null;
    }
    try {
      return ts.enterMethod(stageId, mode) != 0 ? ts : null;
    } catch (Throwable t) {
      Faults.record(t);
      return null;
    }
  }

  /** Method advice: leaves the stage {@link #enterStage} entered. */
  public static void exitStage(ThreadState ts, int stageId, Throwable error) {
    if (ts == null) {
      return;
    }
    try {
      ts.popStage(stageId, error);
    } catch (Throwable t) {
      Faults.record(t);
    }
  }

  /**
   * Enters a stage whose mode is looked up in the registry; the token goes to {@link #exit}.
   * 0 means "not tracked". Woven methods use {@link #enterStage} instead.
   */
  static int enter(int stageId) {
    if (!AgentSettings.enabled) {
      return 0;
    }
    try {
      return ThreadState.current().push(stageId);
    } catch (Throwable t) {
      Faults.record(t);
      return 0;
    }
  }

  /** Leaves the stage entered with {@code token}; {@code error} is what the call threw. */
  public static void exit(int token, Throwable error) {
    if (token == 0) {
      return;
    }
    try {
      ThreadState ts = ThreadState.peek();
      if (ts != null) {
        ts.pop(token, error);
      }
    } catch (Throwable t) {
      Faults.record(t);
    }
  }

  /** {@code Perf.stage(name)}: opens a block stage closed by {@link #exitBlock()}. */
  public static void enterBlock(String name) {
    if (!AgentSettings.enabled || name == null) {
      return;
    }
    try {
      ThreadState.current().push(StageRegistry.block(name));
    } catch (Throwable t) {
      Faults.record(t);
    }
  }

  /**
   * {@code Perf.stage(name, traceparent)}: opens a block stage as the child of the stage in
   * another process that the header names (a task frame in that stage's context, under the
   * block, closed with it); a header that is not one opens a plain block stage.
   */
  public static void enterRemoteBlock(String name, String traceparent) {
    if (!AgentSettings.enabled || name == null) {
      return;
    }
    try {
      int block = StageRegistry.block(name);
      long[] ids = Traceparent.parse(traceparent);
      ThreadState ts = ThreadState.current();
      if (ids == null) {
        if (traceparent != null) {
          Faults.badTraceparent(traceparent);
        }
        ts.push(block);
        return;
      }
      StageInfo info = StageRegistry.stage(block);
      ts.pushRemote(new StageContext(ids[0], ids[1], ids[2], info.rootPipelineId));
      ts.markRemoteChild(ts.push(block, StageInfo.MODE_SPAN));
    } catch (Throwable t) {
      Faults.record(t);
    }
  }

  /**
   * {@code Perf.traceparent()}: the header of the innermost stage on this thread (a span, or
   * the one whose context a task brought), or {@code original} (the API's null) outside any.
   */
  public static String traceparent(String original) {
    try {
      ThreadState ts = ThreadState.peek();
      if (ts == null || ts.depth == 0) {
        return original;
      }
      int p = ts.spanAncestor(ts.depth - 1);
      return p < 0 ? original : Traceparent.format(ts.traceHi[p], ts.traceLo[p], ts.spanId[p]);
    } catch (Throwable t) {
      Faults.record(t);
      return original;
    }
  }

  /**
   * {@code Perf.Stage.close()}: closes the innermost block stage, if it is on top, and the
   * remote parent's frame it was opened under.
   */
  public static void exitBlock() {
    try {
      ThreadState ts = ThreadState.peek();
      if (ts == null || ts.depth == 0) {
        return;
      }
      int top = ts.depth - 1;
      if (ts.kind[top] != ThreadState.TASK && StageRegistry.stage(ts.stage[top]).block) {
        ts.pop(top + 1, null);
        if (top > 0 && ts.depth == top && ts.isRemote(top - 1)) {
          ts.pop(top, null);
        }
      }
    } catch (Throwable t) {
      Faults.record(t);
    }
  }

  /** {@code Perf.records(n)}: credits records to the innermost stage. */
  public static void records(long n) {
    credit(n, false);
  }

  /** {@code Perf.bytes(n)}: credits bytes to the innermost stage. */
  public static void bytes(long n) {
    credit(n, true);
  }

  private static void credit(long n, boolean bytes) {
    try {
      ThreadState ts = ThreadState.peek();
      if (ts == null) {
        return;
      }
      int d = ts.depth;
      if (ts.foldBase == d) { // a frameless folded call is the innermost stage
        if (bytes) {
          ts.foldAcc.bytes += n;
        } else {
          ts.foldAcc.records += n;
        }
      } else if (d > 0) {
        (bytes ? ts.bytes : ts.records)[d - 1] += n;
      }
    } catch (Throwable t) {
      Faults.record(t);
    }
  }

  /**
   * The context a task submitted now should run in: the innermost stage that is a span (or the
   * context the current task brought), or null outside stages. At most one allocation per
   * frame, however many tasks it submits.
   */
  public static StageContext capture() {
    ThreadState ts = ThreadState.peek();
    if (ts == null || ts.depth == 0 || ts.submitDepth > 0) {
      return null; // inside an executor's own machinery (a worker starting, a continuation)
    }
    int p = ts.spanAncestor(ts.depth - 1);
    if (p < 0) {
      return null;
    }
    StageContext c = ts.ctx[p];
    if (c == null) {
      c = ts.newContext(p);
      ts.ctx[p] = c;
    }
    return c;
  }

  /** Runs the following code in {@code context} until {@link #exitTask}; 0 when null. */
  public static int enterTask(StageContext context) {
    return enterTask(context, false);
  }

  /**
   * {@link #enterTask} for a thread's own {@code run()}: when that frame ends the thread is
   * ending, and its state goes to the next thread at once.
   */
  static int enterThreadRun(StageContext context) {
    return enterTask(context, true);
  }

  private static int enterTask(StageContext context, boolean threadRun) {
    if (context == null || !AgentSettings.enabled) {
      return 0;
    }
    try {
      ThreadState ts = ThreadState.current();
      return threadRun ? ts.pushThreadRun(context) : ts.pushTask(context);
    } catch (Throwable t) {
      Faults.record(t);
      return 0;
    }
  }

  public static void exitTask(int token) {
    exit(token, null);
  }

  /** Marks the calling thread as inside an executor's submit; see {@link TaskContexts}. */
  public static boolean beginSubmit() {
    ThreadState ts = ThreadState.peek();
    if (ts == null || ts.depth == 0) {
      return false;
    }
    ts.submitDepth++;
    return true;
  }

  public static void endSubmit() {
    ThreadState ts = ThreadState.peek();
    if (ts != null && ts.submitDepth > 0) {
      ts.submitDepth--;
    }
  }

  static boolean insideSubmit() {
    ThreadState ts = ThreadState.peek();
    return ts != null && ts.submitDepth > 0;
  }

  /**
   * Measures the timer's own cost on the calling thread (an agent thread, outside any stage):
   * the median wall time of timed empty folded calls of {@code stageId}, or -1; with
   * {@code warmUp}, after as many unmeasured calls. See
   * {@link ThreadState#calibrateTimer}.
   */
  public static long calibrateTimer(int stageId, int calls, boolean warmUp) {
    if (!AgentSettings.enabled) {
      return -1;
    }
    try {
      return ThreadState.current().calibrateTimer(stageId, calls, warmUp);
    } catch (Throwable t) {
      Faults.record(t);
      return -1;
    }
  }

  /** Flushes the calling thread's pending root-level folds (agent shutdown, own thread). */
  public static void flushCurrentThread() {
    ThreadState ts = ThreadState.peek();
    if (ts != null) {
      ts.flushRootFolds();
    }
  }
}
