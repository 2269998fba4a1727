package io.perfagent.agent.weave;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.Monitored;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class WeavingTransformerTest {

  static final class Worker extends Thread {
    @Override
    public void run() {}
  }

  static final class Stage {
    @Monitored
    void work() {}
  }

  static final class Plain {
    void work() {
      Thread.currentThread(); // mentions Thread, is no subclass
    }
  }

  private static byte[] bytes(Class<?> c) throws IOException {
    String resource = c.getName().replace('.', '/') + ".class";
    try (InputStream in = c.getClassLoader().getResourceAsStream(resource)) {
      return in.readAllBytes();
    }
  }

  private static boolean wanted(Class<?> c) throws IOException {
    // under an application's name: the agent's own packages are never woven
    return WeavingTransformer.wanted(c.getClassLoader(),
        "com/example/" + c.getSimpleName(), bytes(c));
  }

  @Test
  void readsTheSuperClassFromTheConstantPool() throws IOException {
    assertThat(ClassBytes.superName(bytes(Worker.class))).isEqualTo("java/lang/Thread");
    assertThat(ClassBytes.superName(bytes(Plain.class))).isEqualTo("java/lang/Object");
    assertThat(ClassBytes.superName(new byte[] {1, 2, 3})).isNull();
  }

  @Test
  void letsThroughOnlyWhatCanNeedWeaving() throws IOException {
    assertThat(wanted(Stage.class)).isTrue();
    assertThat(wanted(Worker.class)).isTrue();
    assertThat(wanted(Plain.class)).isFalse();
    assertThat(WeavingTransformer.wanted(null, "java/lang/Thread", new byte[0])).isTrue();
    assertThat(WeavingTransformer.wanted(null, "java/lang/String", new byte[0])).isFalse();
    assertThat(WeavingTransformer.wanted(getClass().getClassLoader(),
        "io/perfagent/shaded/foo/Bar", bytes(Stage.class))).isFalse();
  }

  @Test
  void aClassThatCannotBeWovenLoadsAsItIs() throws IOException {
    WeavingTransformer transformer = new WeavingTransformer(new ClassWeaver(java.util.List.of(
        (type, method, loader) -> {
          throw new IllegalStateException("broken instrumentation");
        })));
    // null: the JVM defines the class from its own bytes, unwoven
    assertThat(transformer.transform(getClass().getClassLoader(), "com/example/Stage", null,
        null, bytes(Stage.class))).isNull();
  }
}
