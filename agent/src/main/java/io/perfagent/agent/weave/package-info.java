/**
 * Weaving, with ASM directly: one {@link io.perfagent.agent.weave.WeavingTransformer} that lets
 * through only the classes that can need it, a {@link io.perfagent.agent.weave.ClassWeaver}
 * that rewrites just the matched methods, and one {@code XxxInstrumentation} per woven type
 * saying which methods get which {@link io.perfagent.agent.weave.Advice}. Advice calls static
 * hooks in {@code io.perfagent.bootstrap} ({@code Stages}, {@code Hooks}), which live on the
 * bootstrap class path so any class, the JDK's included, can reach them. Not an API.
 */
package io.perfagent.agent.weave;
