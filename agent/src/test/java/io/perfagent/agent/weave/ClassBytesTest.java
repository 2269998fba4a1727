package io.perfagent.agent.weave;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

class ClassBytesTest {

  /** A non-ASCII method name: its Utf8 constant takes 2 and 3 bytes per char. */
  static final class Ünïcode {
    long 合計ü(long a, double b) {
      long c = a + (long) b;
      return c;
    }
  }

  /** What ASM's own reader says, after parsing every method's code. */
  private static Map<String, Integer> byAsm(byte[] bytes) {
    Map<String, Integer> out = new HashMap<>();
    new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor,
          String signature, String[] exceptions) {
        return new MethodVisitor(Opcodes.ASM9) {
          @Override
          public void visitMaxs(int maxStack, int maxLocals) {
            out.put(name + descriptor, maxLocals);
          }
        };
      }
    }, 0);
    return out;
  }

  @Test
  void readsEveryMethodsLocalCountAsAsmDoes() {
    for (String name : List.of(Sample.class.getName(), Ünïcode.class.getName(),
        ClassReader.class.getName(), "org.objectweb.asm.MethodWriter",
        Thread.class.getName(), "java.util.concurrent.ThreadPoolExecutor")) {
      byte[] bytes = name.startsWith("java.") ? jdkBytes(name) : WovenLoader.bytes(name);
      Map<String, Integer> expected = byAsm(bytes);
      assertThat(expected).isNotEmpty();
      assertThat(ClassBytes.maxLocals(bytes)).as(name).isEqualTo(expected);
    }
    assertThat(ClassBytes.maxLocals(WovenLoader.bytes(Ünïcode.class.getName())))
        .containsKey("合計ü(JD)J");
    assertThat(ClassBytes.maxLocals(new byte[] {1, 2, 3})).isNull();
  }

  private static byte[] jdkBytes(String name) {
    try (var in = Object.class.getResourceAsStream("/" + name.replace('.', '/') + ".class")) {
      return in.readAllBytes();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void headerNamesTheClassAndItsDirectSuperTypes() {
    ClassHeader h = ClassBytes.header(WovenLoader.bytes(RuleFixtures.class.getName()
        + "$UpperHandler"));
    assertThat(h.name).isEqualTo("io/perfagent/agent/weave/RuleFixtures$UpperHandler");
    assertThat(h.superName).isEqualTo("io/perfagent/agent/weave/RuleFixtures$BaseHandler");
    assertThat(h.interfaces).isEmpty();
    assertThat(h.isFinal()).isFalse();
    ClassHeader base = ClassBytes.header(WovenLoader.bytes(RuleFixtures.class.getName()
        + "$BaseHandler"));
    assertThat(base.interfaces).containsExactly("io/perfagent/agent/weave/RuleFixtures$Handler");
    assertThat(ClassBytes.header(new byte[] {1, 2, 3})).isNull();
  }

  @Test
  void instanceMethodNamesLeaveOutStaticsAndConstructors() {
    assertThat(ClassBytes.instanceMethodNames(WovenLoader.bytes(RuleFixtures.class.getName()
        + "$Codec"))).containsExactlyInAnyOrder("decode", "hidden", "encode");
  }

  @Test
  void aSuperTypeIsReadFromTheJarBesideTheClass() {
    ClassFiles files = new ClassFiles();
    byte[] visitor = files.read(null, ClassReader.class.getProtectionDomain(),
        "org/objectweb/asm/ClassVisitor");
    assertThat(ClassBytes.header(visitor).name).isEqualTo("org/objectweb/asm/ClassVisitor");
    assertThat(files.read(getClass().getClassLoader(), ClassReader.class.getProtectionDomain(),
        "io/perfagent/agent/weave/Sample")).as("not in that jar: through the loader").isNotNull();
    assertThat(files.read(getClass().getClassLoader(), null, "no/such/Type")).isNull();
  }
}
