/**
 * What the agent says at JVM exit: the stage summary on stderr. The embedded analysis and
 * {@code perf-report/} plug in beside it as another
 * {@link io.perfagent.agent.collect.StageSink}. Not an API.
 */
package io.perfagent.agent.report;
