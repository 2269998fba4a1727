package io.perfagent.agent.weave;

import org.objectweb.asm.MethodVisitor;

/**
 * Hooks around one method: an enter hook called first thing, whose result the exit hook can
 * take, and an exit hook called before every return and, when {@code onThrow}, also when the
 * method throws (then the exception is rethrown unchanged).
 */
final class Advice implements MethodRewrite {

  final Hook enter;
  final Hook exit;
  final boolean onThrow;

  private Advice(Hook enter, Hook exit, boolean onThrow) {
    this.enter = enter;
    this.exit = exit;
    this.onThrow = onThrow;
  }

  static Advice onEnter(Hook enter) {
    return new Advice(enter, null, false);
  }

  /** Exit on return and on throw. */
  static Advice around(Hook enter, Hook exit) {
    return new Advice(enter, exit, true);
  }

  /** Exit on return only. */
  static Advice onReturn(Hook exit) {
    return new Advice(null, exit, false);
  }

  @Override
  public MethodVisitor apply(MethodVisitor next, TypeInfo type, MethodInfo method,
      int firstFree) {
    return new AdviceMethodVisitor(next, type, method, this, firstFree);
  }

  @Override
  public int localsUsed(MethodInfo method) {
    return AdviceMethodVisitor.localsUsed(this, method);
  }
}
