package io.perfagent.agent.weave;

import io.perfagent.agent.weave.Hook.Arg;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Weaves an {@link Advice} into one method as its code streams through: the enter hook before
 * the first instruction, the exit hook before each return, and, for exit on throw, a handler
 * for {@code Throwable} around the method's own code that calls the exit hook and rethrows.
 *
 * <p>The woven locals (the enter hook's result, parameters the exit hook reads) go after the
 * method's own slots, so the method's code and its debug tables stay as they are; each stack
 * map frame of the method gets them appended. The return sites' exit calls lie outside the
 * handler's ranges, so an exit hook never runs twice for one call.
 */
final class AdviceMethodVisitor extends MethodVisitor {

  private static final String THROWABLE = "java/lang/Throwable";

  private final Advice advice;
  private final TypeInfo type;
  private final MethodInfo method;
  private final Type[] parameters;
  private final Type returnType;
  private final boolean frames;
  /** The first slot after the method's own (and inner advice's); woven locals start here. */
  private final int firstFree;
  /** Stack map types of the woven locals, in slot order. */
  private final List<Object> wovenTypes = new ArrayList<>();
  private int nextSlot;
  private int enteredSlot = -1;
  private int[] parameterCopies;
  private int thisCopy = -1;
  /** Holds the thrown exception, or the returned value, while the exit hook runs. */
  private int scratch;
  private final List<Label[]> ranges = new ArrayList<>();
  private Label rangeStart;
  private boolean rangeHasCode;

  AdviceMethodVisitor(MethodVisitor next, TypeInfo type, MethodInfo method, Advice advice,
      int firstFree) {
    super(Opcodes.ASM9, next);
    this.advice = advice;
    this.type = type;
    this.method = method;
    this.parameters = Type.getArgumentTypes(method.descriptor);
    this.returnType = Type.getReturnType(method.descriptor);
    this.frames = (type.version & 0xFFFF) >= Opcodes.V1_6;
    this.firstFree = firstFree;
    this.nextSlot = firstFree;
  }

  /**
   * At most the slots {@code advice} adds to {@code method}: the enter hook's result, a copy
   * per receiver or parameter the exit hook reads (counted per use: reserving a slot too many
   * costs nothing), and two for {@link #scratch} (which holds a long or double at most).
   */
  static int localsUsed(Advice advice, MethodInfo method) {
    int slots = advice.enter == null ? 0 : advice.enter.returnType.getSize();
    if (advice.exit != null) {
      Type[] parameters = Type.getArgumentTypes(method.descriptor);
      for (Arg a : advice.exit.args) {
        slots += a.kind == Arg.Kind.THIS ? 1
            : a.kind == Arg.Kind.PARAMETER ? parameters[a.value].getSize() : 0;
      }
      slots += 2;
    }
    return slots;
  }

  @Override
  public void visitCode() {
    super.visitCode();
    if (advice.enter != null) {
      push(advice.enter, Site.ENTRY);
      invoke(advice.enter);
      if (advice.enter.returnType.getSort() != Type.VOID) {
        enteredSlot = newLocal(advice.enter.returnType);
        super.visitVarInsn(advice.enter.returnType.getOpcode(Opcodes.ISTORE), enteredSlot);
      }
    }
    if (advice.exit != null) {
      copyParametersForExit();
    }
    scratch = nextSlot;
    if (advice.exit != null && advice.onThrow) {
      openRange();
    }
  }

  /** The exit hook sees the receiver and parameters as they were on entry. */
  private void copyParametersForExit() {
    parameterCopies = new int[parameters.length];
    for (Arg a : advice.exit.args) {
      if (a.kind == Arg.Kind.THIS && thisCopy < 0) {
        thisCopy = newLocal(Type.getObjectType(type.internalName));
        super.visitVarInsn(Opcodes.ALOAD, 0);
        super.visitVarInsn(Opcodes.ASTORE, thisCopy);
      } else if (a.kind == Arg.Kind.PARAMETER && parameterCopies[a.value] == 0) {
        Type t = parameters[a.value];
        int copy = newLocal(t);
        super.visitVarInsn(t.getOpcode(Opcodes.ILOAD), parameterSlot(a.value));
        super.visitVarInsn(t.getOpcode(Opcodes.ISTORE), copy);
        parameterCopies[a.value] = copy;
      }
    }
  }

  private int newLocal(Type t) {
    int slot = nextSlot;
    nextSlot += t.getSize();
    wovenTypes.add(frameType(t));
    return slot;
  }

  private int parameterSlot(int index) {
    int slot = method.isStatic() ? 0 : 1;
    for (int i = 0; i < index; i++) {
      slot += parameters[i].getSize();
    }
    return slot;
  }

  @Override
  public void visitInsn(int opcode) {
    if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN && advice.exit != null) {
      closeRange();
      exitOnReturn();
      super.visitInsn(opcode);
      if (advice.onThrow) {
        openRange();
      }
      return;
    }
    rangeHasCode = true;
    super.visitInsn(opcode);
  }

  private void exitOnReturn() {
    boolean keep = advice.exit.uses(Arg.Kind.RETURNED) && returnType.getSort() != Type.VOID;
    if (keep) {
      super.visitVarInsn(returnType.getOpcode(Opcodes.ISTORE), scratch);
    }
    push(advice.exit, keep ? Site.RETURN_KEPT : Site.RETURN);
    invoke(advice.exit);
    if (keep && !advice.replacesReturn) {
      super.visitVarInsn(returnType.getOpcode(Opcodes.ILOAD), scratch);
    }
  }

  @Override
  public void visitFrame(int kind, int numLocal, Object[] local, int numStack, Object[] stack) {
    if (!frames || wovenTypes.isEmpty()) {
      super.visitFrame(kind, numLocal, local, numStack, stack);
      return;
    }
    Object[] locals = withWovenLocals(local, numLocal);
    super.visitFrame(Opcodes.F_NEW, locals.length, locals, numStack, stack);
  }

  /** A frame's locals (expanded) padded to the method's own slots, then the woven ones. */
  private Object[] withWovenLocals(Object[] own, int count) {
    List<Object> out = new ArrayList<>(count + wovenTypes.size() + 4);
    int slots = 0;
    for (int i = 0; i < count; i++) {
      out.add(own[i]);
      slots += own[i] == Opcodes.LONG || own[i] == Opcodes.DOUBLE ? 2 : 1;
    }
    for (; slots < firstFree; slots++) {
      out.add(Opcodes.TOP);
    }
    out.addAll(wovenTypes);
    return out.toArray();
  }

  @Override
  public void visitMaxs(int maxStack, int maxLocals) {
    closeRange();
    if (!ranges.isEmpty()) {
      Label handler = new Label();
      super.visitLabel(handler);
      if (frames) {
        Object[] locals = withWovenLocals(new Object[0], 0);
        super.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {THROWABLE});
      }
      super.visitVarInsn(Opcodes.ASTORE, scratch);
      push(advice.exit, Site.THROW);
      invoke(advice.exit);
      super.visitVarInsn(Opcodes.ALOAD, scratch);
      super.visitInsn(Opcodes.ATHROW);
      // after the method's own handlers in the table, so this one is the outermost
      for (Label[] range : ranges) {
        super.visitTryCatchBlock(range[0], range[1], handler, THROWABLE);
      }
    }
    super.visitMaxs(maxStack, maxLocals); // recomputed by the writer (COMPUTE_MAXS)
  }

  private void openRange() {
    rangeStart = new Label();
    super.visitLabel(rangeStart);
    rangeHasCode = false;
  }

  /** Ends the current range; an empty one is left out (the JVM rejects it). */
  private void closeRange() {
    if (rangeStart == null) {
      return;
    }
    if (rangeHasCode) {
      Label end = new Label();
      super.visitLabel(end);
      ranges.add(new Label[] {rangeStart, end});
    }
    rangeStart = null;
  }

  /** Where a hook is called: what {@link #scratch} holds there. */
  private enum Site { ENTRY, RETURN, RETURN_KEPT, THROW }

  private void push(Hook hook, Site site) {
    for (Arg a : hook.args) {
      switch (a.kind) {
        case THIS:
          super.visitVarInsn(Opcodes.ALOAD, site == Site.ENTRY ? 0 : thisCopy);
          break;
        case PARAMETER:
          Type t = parameters[a.value];
          super.visitVarInsn(t.getOpcode(Opcodes.ILOAD),
              site == Site.ENTRY ? parameterSlot(a.value) : parameterCopies[a.value]);
          break;
        case INT:
          pushInt(a.value);
          break;
        case ENTERED:
          super.visitVarInsn(advice.enter.returnType.getOpcode(Opcodes.ILOAD), enteredSlot);
          break;
        case THROWN:
          if (site == Site.THROW) {
            super.visitVarInsn(Opcodes.ALOAD, scratch);
          } else {
            super.visitInsn(Opcodes.ACONST_NULL);
          }
          break;
        case RETURNED:
          if (site == Site.RETURN_KEPT) {
            super.visitVarInsn(returnType.getOpcode(Opcodes.ILOAD), scratch);
          } else {
            super.visitInsn(Opcodes.ACONST_NULL);
          }
          break;
        default:
          throw new IllegalStateException(a.kind.name());
      }
    }
  }

  private void invoke(Hook hook) {
    super.visitMethodInsn(Opcodes.INVOKESTATIC, hook.owner, hook.name, hook.descriptor, false);
  }

  private void pushInt(int v) {
    if (v >= -1 && v <= 5) {
      super.visitInsn(Opcodes.ICONST_0 + v);
    } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
      super.visitIntInsn(Opcodes.BIPUSH, v);
    } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
      super.visitIntInsn(Opcodes.SIPUSH, v);
    } else {
      super.visitLdcInsn(v);
    }
  }

  private static Object frameType(Type t) {
    switch (t.getSort()) {
      case Type.BOOLEAN:
      case Type.BYTE:
      case Type.CHAR:
      case Type.SHORT:
      case Type.INT:
        return Opcodes.INTEGER;
      case Type.LONG:
        return Opcodes.LONG;
      case Type.FLOAT:
        return Opcodes.FLOAT;
      case Type.DOUBLE:
        return Opcodes.DOUBLE;
      case Type.ARRAY:
        return t.getDescriptor();
      default:
        return t.getInternalName();
    }
  }

  // Every instruction below is the method's own: it makes the current range non-empty.

  @Override
  public void visitIntInsn(int opcode, int operand) {
    rangeHasCode = true;
    super.visitIntInsn(opcode, operand);
  }

  @Override
  public void visitVarInsn(int opcode, int var) {
    rangeHasCode = true;
    super.visitVarInsn(opcode, var);
  }

  @Override
  public void visitTypeInsn(int opcode, String desc) {
    rangeHasCode = true;
    super.visitTypeInsn(opcode, desc);
  }

  @Override
  public void visitFieldInsn(int opcode, String owner, String name, String desc) {
    rangeHasCode = true;
    super.visitFieldInsn(opcode, owner, name, desc);
  }

  @Override
  public void visitMethodInsn(int opcode, String owner, String name, String desc,
      boolean itf) {
    rangeHasCode = true;
    super.visitMethodInsn(opcode, owner, name, desc, itf);
  }

  @Override
  public void visitInvokeDynamicInsn(String name, String desc, Handle bsm, Object... args) {
    rangeHasCode = true;
    super.visitInvokeDynamicInsn(name, desc, bsm, args);
  }

  @Override
  public void visitJumpInsn(int opcode, Label label) {
    rangeHasCode = true;
    super.visitJumpInsn(opcode, label);
  }

  @Override
  public void visitLdcInsn(Object value) {
    rangeHasCode = true;
    super.visitLdcInsn(value);
  }

  @Override
  public void visitIincInsn(int var, int increment) {
    rangeHasCode = true;
    super.visitIincInsn(var, increment);
  }

  @Override
  public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
    rangeHasCode = true;
    super.visitTableSwitchInsn(min, max, dflt, labels);
  }

  @Override
  public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
    rangeHasCode = true;
    super.visitLookupSwitchInsn(dflt, keys, labels);
  }

  @Override
  public void visitMultiANewArrayInsn(String desc, int dims) {
    rangeHasCode = true;
    super.visitMultiANewArrayInsn(desc, dims);
  }
}
