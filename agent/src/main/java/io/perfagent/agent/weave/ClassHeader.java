package io.perfagent.agent.weave;

import org.objectweb.asm.Opcodes;

/** A class file's name and direct super types, read by {@link ClassBytes#header}. */
final class ClassHeader {

  final int access;
  final String name;
  /** Null for {@code java/lang/Object} and {@code module-info}. */
  final String superName;
  final String[] interfaces;

  ClassHeader(int access, String name, String superName, String[] interfaces) {
    this.access = access;
    this.name = name;
    this.superName = superName;
    this.interfaces = interfaces;
  }

  boolean isFinal() {
    return (access & Opcodes.ACC_FINAL) != 0;
  }
}
