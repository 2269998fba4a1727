package io.perfagent.agent.weave;

import org.objectweb.asm.MethodVisitor;

/** A change to one method's code, applied as its bytecode streams through. */
interface MethodRewrite {

  /**
   * Wraps {@code next}, the writer of {@code method}'s new code. Locals the change adds start at
   * slot {@code firstFree}; it takes at most {@link #localsUsed} of them.
   */
  MethodVisitor apply(MethodVisitor next, TypeInfo type, MethodInfo method, int firstFree);

  /** How many local variable slots the change adds to {@code method}. */
  int localsUsed(MethodInfo method);
}
