package io.perfagent.agent.weave;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.objectweb.asm.Type;

/**
 * A call that woven code makes: a static method on the bootstrap class path, and what to pass
 * it. Woven code puts no handler around the call; every hook catches its own failures.
 */
final class Hook {

  /** Where one argument of the call comes from. */
  static final class Arg {
    enum Kind { THIS, PARAMETER, INT, ENTERED, THROWN, RETURNED }

    final Kind kind;
    final int value;

    private Arg(Kind kind, int value) {
      this.kind = kind;
      this.value = value;
    }

    /** The woven method's receiver. */
    static Arg self() {
      return new Arg(Kind.THIS, 0);
    }

    /** The woven method's parameter {@code index}, as it was on entry. */
    static Arg parameter(int index) {
      return new Arg(Kind.PARAMETER, index);
    }

    /** A constant fixed when the method is woven. */
    static Arg constant(int value) {
      return new Arg(Kind.INT, value);
    }

    /** What the enter hook returned (exit hooks only). */
    static Arg entered() {
      return new Arg(Kind.ENTERED, 0);
    }

    /** What the method threw, or null when it returned (exit hooks only). */
    static Arg thrown() {
      return new Arg(Kind.THROWN, 0);
    }

    /** What the method returned, or null when it threw (exit hooks only). */
    static Arg returned() {
      return new Arg(Kind.RETURNED, 0);
    }
  }

  final String owner;
  final String name;
  final String descriptor;
  final Type returnType;
  final Arg[] args;

  private Hook(Method method, Arg[] args) {
    this.owner = Type.getInternalName(method.getDeclaringClass());
    this.name = method.getName();
    this.descriptor = Type.getMethodDescriptor(method);
    this.returnType = Type.getReturnType(method);
    this.args = args;
  }

  /** The public static method {@code name} of {@code owner}, which must be its only overload. */
  static Hook to(Class<?> owner, String name, Arg... args) {
    Method found = null;
    for (Method m : owner.getMethods()) {
      if (m.getName().equals(name) && Modifier.isStatic(m.getModifiers())) {
        if (found != null) {
          throw new IllegalArgumentException(owner.getName() + "." + name + " is overloaded");
        }
        found = m;
      }
    }
    if (found == null || found.getParameterCount() != args.length) {
      throw new IllegalArgumentException("no hook " + owner.getName() + "." + name + " taking "
          + args.length + " arguments");
    }
    return new Hook(found, args);
  }

  boolean uses(Arg.Kind kind) {
    for (Arg a : args) {
      if (a.kind == kind) {
        return true;
      }
    }
    return false;
  }
}
