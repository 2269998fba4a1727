package io.perfagent.agent.weave;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads a few facts straight from a class file's bytes (JVMS §4), without a class reader: the
 * super class name, enough to tell a {@code Thread} subclass, and each method's local variable
 * count, which weaving needs before it streams through a method's code.
 */
final class ClassBytes {

  private ClassBytes() {}

  /** The internal name of the direct super class, or null when unreadable. */
  static String superName(byte[] b) {
    try {
      int[] pool = constantPool(b);
      if (pool == null) {
        return null;
      }
      int superIndex = u2(b, pool[0] + 4);
      return superIndex == 0 ? null : utf8(b, pool, u2(b, pool[superIndex] + 1));
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * The class's own name, its direct super class and interfaces (internal names), and whether
   * it is final; null when unreadable. Reads the constant pool as {@link #superName} does, so
   * it costs no more.
   */
  static ClassHeader header(byte[] b) {
    try {
      int[] pool = constantPool(b);
      if (pool == null) {
        return null;
      }
      int p = pool[0];
      int access = u2(b, p);
      String name = className(b, pool, u2(b, p + 2));
      int superIndex = u2(b, p + 4);
      String superName = superIndex == 0 ? null : className(b, pool, superIndex);
      String[] interfaces = new String[u2(b, p + 6)];
      for (int i = 0; i < interfaces.length; i++) {
        interfaces[i] = className(b, pool, u2(b, p + 8 + 2 * i));
      }
      return new ClassHeader(access, name, superName, interfaces);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The names of the methods that are neither static nor constructors; null when unreadable. */
  static java.util.Set<String> instanceMethodNames(byte[] b) {
    try {
      int[] pool = constantPool(b);
      if (pool == null) {
        return null;
      }
      int p = skipFields(b, pool[0] + 6);
      int methods = u2(b, p);
      p += 2;
      java.util.Set<String> out = new java.util.HashSet<>();
      for (int i = 0; i < methods; i++) {
        String name = utf8(b, pool, u2(b, p + 2));
        if ((u2(b, p) & 0x0008) == 0 && name.charAt(0) != '<') { // ACC_STATIC
          out.add(name);
        }
        p = skipAttributes(b, p + 6);
      }
      return out;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static int skipFields(byte[] b, int p) {
    p += 2 + 2 * u2(b, p); // interfaces
    int fields = u2(b, p);
    p += 2;
    for (int i = 0; i < fields; i++) {
      p = skipAttributes(b, p + 6);
    }
    return p;
  }

  private static String className(byte[] b, int[] pool, int classIndex) {
    return utf8(b, pool, u2(b, pool[classIndex] + 1));
  }

  /** max_locals of each method with code, keyed by name + descriptor; null when unreadable. */
  static Map<String, Integer> maxLocals(byte[] b) {
    try {
      int[] pool = constantPool(b);
      if (pool == null) {
        return null;
      }
      int p = pool[0] + 6;
      p += 2 + 2 * u2(b, p); // interfaces
      int fields = u2(b, p);
      p += 2;
      for (int i = 0; i < fields; i++) {
        p = skipAttributes(b, p + 6);
      }
      int methods = u2(b, p);
      p += 2;
      Map<String, Integer> out = new HashMap<>();
      for (int i = 0; i < methods; i++) {
        String key = utf8(b, pool, u2(b, p + 2)) + utf8(b, pool, u2(b, p + 4));
        int attributes = u2(b, p + 6);
        p += 8;
        for (int a = 0; a < attributes; a++) {
          if ("Code".equals(utf8(b, pool, u2(b, p)))) {
            out.put(key, u2(b, p + 8));
          }
          p += 6 + u4(b, p + 2);
        }
      }
      return out;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Offsets of the constant pool entries by index; entry 0 holds the offset just past the
   * pool (the class's access flags). Null when this is no class file.
   */
  private static int[] constantPool(byte[] b) {
    if (b.length < 10 || u4(b, 0) != 0xCAFEBABE) {
      return null;
    }
    int count = u2(b, 8);
    int[] offsets = new int[count];
    int p = 10;
    for (int i = 1; i < count; i++) {
      offsets[i] = p;
      switch (b[p] & 0xFF) {
        case 1: // Utf8
          p += 3 + u2(b, p + 1);
          break;
        case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
          p += 5;
          break;
        case 5: case 6: // Long, Double take two slots
          p += 9;
          i++;
          break;
        case 7: case 8: case 16: case 19: case 20:
          p += 3;
          break;
        case 15:
          p += 4;
          break;
        default:
          return null;
      }
    }
    offsets[0] = p;
    return offsets;
  }

  private static int skipAttributes(byte[] b, int p) {
    int count = u2(b, p);
    p += 2;
    for (int i = 0; i < count; i++) {
      p += 6 + u4(b, p + 2);
    }
    return p;
  }

  /** A Utf8 constant, decoded as the JVM does (modified UTF-8: 1 to 3 bytes per char). */
  private static String utf8(byte[] b, int[] pool, int index) {
    int p = pool[index];
    int end = p + 3 + u2(b, p + 1);
    char[] out = new char[end - p - 3];
    int n = 0;
    for (int i = p + 3; i < end; ) {
      int c = b[i++] & 0xFF;
      if (c < 0x80) {
        out[n++] = (char) c;
      } else if (c < 0xE0) {
        out[n++] = (char) (((c & 0x1F) << 6) | (b[i++] & 0x3F));
      } else {
        out[n++] = (char) (((c & 0x0F) << 12) | ((b[i++] & 0x3F) << 6) | (b[i++] & 0x3F));
      }
    }
    return new String(out, 0, n);
  }

  private static int u2(byte[] b, int p) {
    return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
  }

  private static int u4(byte[] b, int p) {
    return (u2(b, p) << 16) | u2(b, p + 2);
  }
}
