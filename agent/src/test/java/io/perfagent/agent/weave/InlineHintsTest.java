package io.perfagent.agent.weave;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The slow paths of the real {@code ThreadState} come out marked {@code @DontInline}, with
 * their code: a visitor chain that let ASM copy the method unchanged lost the annotation
 * silently once.
 */
class InlineHintsTest {

  @Test
  void theSlowPathsAreMarkedAndKeepTheirCode() throws Exception {
    byte[] original;
    try (InputStream in = ClassLoader.getSystemResourceAsStream(InlineHints.OWNER + ".class")) {
      original = in.readAllBytes();
    }
    Map<String, Boolean> marked = new HashMap<>();
    Map<String, Boolean> hasCode = new HashMap<>();
    new ClassReader(InlineHints.apply(original)).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor,
          String signature, String[] exceptions) {
        marked.putIfAbsent(name, false);
        return new MethodVisitor(Opcodes.ASM9) {
          @Override
          public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
            if (desc.equals("Ljdk/internal/vm/annotation/DontInline;") && visible) {
              marked.put(name, true);
            }
            return null;
          }

          @Override
          public void visitCode() {
            hasCode.put(name, true);
          }
        };
      }
    }, 0);
    assertThat(marked).containsEntry("enterMethodSlow", true)
        .containsEntry("popFoldedSlow", true).containsEntry("enterMethod", false)
        .containsEntry("popStage", false);
    assertThat(hasCode).containsEntry("enterMethodSlow", true)
        .containsEntry("popFoldedSlow", true);
  }
}
