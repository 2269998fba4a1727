package io.perfagent.agent.weave;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Predicate;

/**
 * Defines the classes {@code mine} selects itself, woven by a {@link ClassWeaver} (so the JVM
 * verifies the woven code when it links them); everything else comes from the parent.
 */
final class WovenLoader extends ClassLoader {

  private final ClassWeaver weaver;
  private final Predicate<String> mine;
  int woven;

  WovenLoader(List<Instrumentation> instrumentations, Predicate<String> mine) {
    super(WovenLoader.class.getClassLoader());
    this.weaver = new ClassWeaver(instrumentations);
    this.mine = mine;
  }

  static byte[] bytes(String className) {
    String resource = className.replace('.', '/') + ".class";
    try (InputStream in = WovenLoader.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no class file for " + className);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!mine.test(name)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        byte[] original = bytes(name);
        byte[] rewritten = weaver.weave(original, this);
        if (rewritten != null) {
          woven++;
        }
        byte[] b = rewritten == null ? original : rewritten;
        c = defineClass(name, b, 0, b.length);
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }
}
