package io.perfagent.otel;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On an advice parameter: the woven method's stage id, a constant in its code (see
 * {@link StageMapping}), as perf.jar's weaver writes it. A lookup per call would cost the
 * per-record path more than the rest of the advice.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface StageId {}
