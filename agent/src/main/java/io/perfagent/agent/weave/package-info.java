/**
 * Weaving: one {@code XxxInstrumentation} per woven type, each a type matcher and a transform
 * with a nested static {@code Advice}. Advice stays a few lines and calls
 * {@link io.perfagent.bootstrap.Stages} or {@link io.perfagent.bootstrap.TaskContexts}, which
 * live on the bootstrap class path so any class, the JDK's included, can reach them. Not an API.
 */
package io.perfagent.agent.weave;
