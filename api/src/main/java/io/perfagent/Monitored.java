package io.perfagent;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method (or, on a type, each of its public methods) as a pipeline stage.
 *
 * <p>Under {@code -javaagent:perf.jar} every call is measured: wall time, thread CPU time,
 * bytes allocated by the thread, records and bytes credited through {@link Perf}, and
 * exceptions. Without the agent the annotation does nothing.
 *
 * <p>The agent matches this annotation by its name, so the application needs nothing
 * from the agent on its class path.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Monitored {

  /** The stage name; empty means {@code SimpleClassName.method}. */
  String value() default "";

  /**
   * Non-empty marks a pipeline entry point: when no stage is active, a root span named
   * after the pipeline starts here. Inside another stage the call is an ordinary child.
   */
  String pipeline() default "";

  /** How calls become spans. */
  Mode mode() default Mode.AUTO;

  /** How the calls of a stage become spans. */
  enum Mode {
    /**
     * A span per call until the stage is called often under one parent; then its calls are
     * folded into per-parent statistics, keeping a few exemplar spans.
     */
    AUTO,
    /** Always a span per call. */
    SPAN,
    /** Never a span per call: calls are folded into per-parent statistics. */
    AGGREGATE
  }
}
