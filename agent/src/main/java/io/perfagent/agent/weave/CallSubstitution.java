package io.perfagent.agent.weave;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Replaces every call of one instance method inside a method's code with a call of a static
 * hook taking the receiver and the same arguments, so the stack is the same before and after.
 */
final class CallSubstitution implements MethodRewrite {

  private final String owner;
  private final String name;
  private final String descriptor;
  private final Hook hook;

  CallSubstitution(String owner, String name, String descriptor, Hook hook) {
    this.owner = owner;
    this.name = name;
    this.descriptor = descriptor;
    this.hook = hook;
  }

  @Override
  public int localsUsed(MethodInfo method) {
    return 0;
  }

  @Override
  public MethodVisitor apply(MethodVisitor next, TypeInfo type, MethodInfo method,
      int firstFree) {
    return new MethodVisitor(Opcodes.ASM9, next) {
      @Override
      public void visitMethodInsn(int opcode, String calledOwner, String calledName,
          String calledDescriptor, boolean itf) {
        if (opcode != Opcodes.INVOKESTATIC && calledOwner.equals(owner)
            && calledName.equals(name) && calledDescriptor.equals(descriptor)) {
          super.visitMethodInsn(Opcodes.INVOKESTATIC, hook.owner, hook.name, hook.descriptor,
              false);
        } else {
          super.visitMethodInsn(opcode, calledOwner, calledName, calledDescriptor, itf);
        }
      }
    };
  }
}
