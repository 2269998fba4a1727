package io.perfagent.agent.log;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's only voice: one line on stderr per message, prefixed {@code [perf-agent]}, and a
 * repeated problem said once (keyed), never a stack trace unless {@code debug=true}. Only the
 * agent's own threads and start-up call it, never an instrumented thread's hot path.
 */
public final class AgentLog {

  public static final String PREFIX = "[perf-agent] ";
  private static final Set<String> SAID = ConcurrentHashMap.newKeySet();
  private static volatile boolean debug;

  private AgentLog() {}

  public static void setDebug(boolean on) {
    debug = on;
  }

  public static boolean debug() {
    return debug;
  }

  public static void info(String message) {
    System.err.println(PREFIX + message);
  }

  /** Says {@code message} only the first time {@code key} is seen. */
  public static void once(String key, String message) {
    if (SAID.add(key)) {
      info(message);
    }
  }

  /** Says what failed in one line; the stack trace only with {@code debug=true}. */
  public static void failure(String key, String what, Throwable t) {
    if (SAID.add(key)) {
      info(what + ": " + describe(t));
      if (debug && t != null) {
        t.printStackTrace();
      }
    }
  }

  public static void debug(String message) {
    if (debug) {
      info(message);
    }
  }

  public static String describe(Throwable t) {
    if (t == null) {
      return "unknown error";
    }
    String message = t.getMessage();
    return t.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
  }
}
