package io.perfagent.agent.weave;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds an advice parameter to the woven method's mode ({@code StageInfo.MODE_*}), a constant
 * fixed at weave time, so the hot path needs no registry lookup to choose span or folded.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@interface StageMode {}
