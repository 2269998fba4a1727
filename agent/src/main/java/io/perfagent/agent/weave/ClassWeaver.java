package io.perfagent.agent.weave;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Weaves one class file: scans it, asks each instrumentation what to change in each method,
 * and rewrites only those methods. Instrumentations are asked in order, and where several
 * change one method the first one's hooks run outermost. The class's shape (fields, methods, signatures) never
 * changes, so the result is also valid for retransforming a loaded class.
 */
final class ClassWeaver {

  private final List<Instrumentation> instrumentations;

  ClassWeaver(List<Instrumentation> instrumentations) {
    this.instrumentations = List.copyOf(instrumentations);
  }

  /** The woven class file, or null when nothing in it is woven. */
  byte[] weave(byte[] bytes, ClassLoader loader) {
    ClassReader reader = new ClassReader(bytes);
    TypeInfo type = TypeScanner.scan(reader, bytes);
    Map<String, List<MethodRewrite>> plan = new HashMap<>();
    for (MethodInfo method : type.methods) {
      if (!method.hasOwnCode()) {
        continue;
      }
      for (Instrumentation each : instrumentations) {
        MethodRewrite rewrite = each.rewrite(type, method, loader);
        if (rewrite != null) {
          String key = method.name + method.descriptor;
          List<MethodRewrite> rewrites = plan.get(key);
          if (rewrites == null) {
            rewrites = new ArrayList<>(1);
            plan.put(key, rewrites);
          }
          rewrites.add(rewrite);
        }
      }
    }
    if (plan.isEmpty()) {
      return null;
    }
    // COMPUTE_MAXS, not COMPUTE_FRAMES: the advice writes its own frames, so the writer never
    // has to load classes to find common super types while a class is being defined
    ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor,
          String signature, String[] exceptions) {
        MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
        List<MethodRewrite> rewrites = plan.get(name + descriptor);
        return rewrites == null ? next
            : chain(next, rewrites, type, type.method(name, descriptor));
      }
    }, ClassReader.EXPAND_FRAMES);
    return writer.toByteArray();
  }

  /**
   * Applies several changes to one method: the first in the list wraps all the others (its
   * hooks run outermost). The code streams from the last to the first, so the last one's
   * locals come first, right after the method's own, and each earlier one's after them.
   */
  private static MethodVisitor chain(MethodVisitor writer, List<MethodRewrite> rewrites,
      TypeInfo type, MethodInfo method) {
    int[] firstFree = new int[rewrites.size()];
    int slot = method.maxLocals;
    for (int i = rewrites.size() - 1; i >= 0; i--) {
      firstFree[i] = slot;
      slot += rewrites.get(i).localsUsed(method);
    }
    MethodVisitor visitor = writer;
    for (int i = 0; i < rewrites.size(); i++) {
      visitor = rewrites.get(i).apply(visitor, type, method, firstFree[i]);
    }
    return visitor;
  }
}
