package io.perfagent.agent.weave;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/** One method of a scanned class. */
final class MethodInfo {

  final int access;
  final String name;
  final String descriptor;
  /** The {@code @Monitored} on the method, or null. */
  final MonitoredAnnotation monitored;
  /**
   * The local variable slots the method's own code uses, woven locals go after them; -1 when
   * the method has no code (or its count could not be read: then it is not woven).
   */
  final int maxLocals;

  MethodInfo(int access, String name, String descriptor, MonitoredAnnotation monitored,
      int maxLocals) {
    this.access = access;
    this.name = name;
    this.descriptor = descriptor;
    this.monitored = monitored;
    this.maxLocals = maxLocals;
  }

  boolean isStatic() {
    return (access & Opcodes.ACC_STATIC) != 0;
  }

  boolean isPublic() {
    return (access & Opcodes.ACC_PUBLIC) != 0;
  }

  /** A method with code of its own: not a constructor, initializer, bridge or synthetic. */
  boolean hasOwnCode() {
    return maxLocals >= 0 && (access & (Opcodes.ACC_BRIDGE | Opcodes.ACC_SYNTHETIC)) == 0
        && name.charAt(0) != '<';
  }

  int parameterCount() {
    return Type.getArgumentTypes(descriptor).length;
  }

  /** Named so, taking exactly these parameter types (internal names or primitive descriptors). */
  boolean takes(String name, String... parameters) {
    if (!this.name.equals(name)) {
      return false;
    }
    Type[] types = Type.getArgumentTypes(descriptor);
    if (types.length != parameters.length) {
      return false;
    }
    for (int i = 0; i < types.length; i++) {
      Type t = types[i];
      String given = t.getSort() == Type.OBJECT ? t.getInternalName() : t.getDescriptor();
      if (!given.equals(parameters[i])) {
        return false;
      }
    }
    return true;
  }
}
