package io.perfagent.agent.weave;

import io.perfagent.agent.log.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Marks the stage stack's slow paths {@code @jdk.internal.vm.annotation.DontInline} as the
 * class loads. HotSpot reads that annotation on classes of the boot class path, which the
 * agent's bootstrap classes are (javac would not compile the annotation into them with
 * {@code --release}, so it is added here, by name, which is all the JVM looks at).
 *
 * <p>Why: the slow paths run on every timed folded call, one in {@code fold.sample}. C2
 * counts such a call site as hot and inlines them (about 320 bytes, under its 325-byte limit
 * for hot callees), which took a woven method's compiled code past the 2.5 KB above which C2
 * no longer inlines a compiled method into its caller ("already compiled into a big method"):
 * a per-record loop then called the woven method instead of inlining it, and a trap in the
 * slow path threw the loop's code away. Measured with {@code ShapesMain plainloop}: about
 * +22 ns per call before, +16 after (benchmarks/RESULTS.md, issue 16, item 7).
 */
final class InlineHints {

  static final String OWNER = "io/perfagent/bootstrap/ThreadState";
  private static final Set<String> NOT_INLINED = Set.of("enterMethodSlow", "popFoldedSlow");
  private static final String DONT_INLINE = "Ljdk/internal/vm/annotation/DontInline;";

  private InlineHints() {}

  /**
   * Marks {@link #OWNER} as it first loads; installed before anything loads it (a
   * redefinition, as retransforming would be, does not make the JVM read the annotation).
   */
  static ClassFileTransformer transformer() {
    return new ClassFileTransformer() {
      @Override
      public byte[] transform(ClassLoader loader, String name, Class<?> redefined,
          ProtectionDomain domain, byte[] bytes) {
        if (loader != null || !OWNER.equals(name)) {
          return null;
        }
        try {
          return apply(bytes);
        } catch (Throwable t) {
          AgentLog.failure("inline-hints", "could not mark the stage stack's slow paths "
              + "(per-record stages may cost a few ns more per call)", t);
          return null;
        }
      }
    };
  }

  /** {@code bytes} of {@link #OWNER} with its slow paths marked. */
  static byte[] apply(byte[] bytes) {
    ClassReader reader = new ClassReader(bytes);
    ClassWriter writer = new ClassWriter(reader, 0);
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor,
          String signature, String[] exceptions) {
        MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
        if (!NOT_INLINED.contains(name)) {
          return mv;
        }
        mv.visitAnnotation(DONT_INLINE, true).visitEnd();
        // not the writer itself: given its own writer, the reader copies the method's bytes
        // as they were, and the annotation with them is lost
        return new MethodVisitor(Opcodes.ASM9, mv) {};
      }
    }, 0);
    return writer.toByteArray();
  }
}
