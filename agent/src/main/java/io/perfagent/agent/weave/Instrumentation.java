package io.perfagent.agent.weave;

/** One woven type (or family of types): which of its methods change, and how. */
interface Instrumentation {

  /**
   * The change to {@code method} of {@code type}, or null to leave it as it is.
   * {@code loader} is the type's class loader, null for the JDK's own classes.
   */
  MethodRewrite rewrite(TypeInfo type, MethodInfo method, ClassLoader loader);
}
