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
  /** The exit hook's result is what the method returns (see {@link #filterReturn}). */
  final boolean replacesReturn;

  private Advice(Hook enter, Hook exit, boolean onThrow, boolean replacesReturn) {
    this.enter = enter;
    this.exit = exit;
    this.onThrow = onThrow;
    this.replacesReturn = replacesReturn;
  }

  static Advice onEnter(Hook enter) {
    return new Advice(enter, null, false, false);
  }

  /** Exit on return and on throw. */
  static Advice around(Hook enter, Hook exit) {
    return new Advice(enter, exit, true, false);
  }

  /** Exit on return only. */
  static Advice onReturn(Hook exit) {
    return new Advice(null, exit, false, false);
  }

  /**
   * On return only, the method returns what {@code exit} returns (given what the method
   * would have): a no-op API method answers with the agent's value. The hook returns the
   * method's own return type.
   */
  static Advice filterReturn(Hook exit) {
    return new Advice(null, exit, false, true);
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
