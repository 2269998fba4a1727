package io.perfagent.agent.weave;

import java.nio.charset.StandardCharsets;

/**
 * Reads the super class name straight from a class file's constant pool (JVMS §4.4), without
 * parsing the rest: enough to tell a {@code Thread} subclass from the bytes alone.
 */
final class ClassBytes {

  private ClassBytes() {}

  /** The internal name of the direct super class, or null when unreadable. */
  static String superName(byte[] b) {
    try {
      if (b.length < 10 || u4(b, 0) != 0xCAFEBABE) {
        return null;
      }
      int count = u2(b, 8);
      int[] offsets = new int[count];
      int p = 10;
      for (int i = 1; i < count; i++) {
        offsets[i] = p;
        int tag = b[p] & 0xFF;
        switch (tag) {
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
      int superIndex = u2(b, p + 4);
      if (superIndex == 0) {
        return null;
      }
      int nameIndex = u2(b, offsets[superIndex] + 1);
      int utf = offsets[nameIndex];
      return new String(b, utf + 3, u2(b, utf + 1), StandardCharsets.UTF_8);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static int u2(byte[] b, int p) {
    return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
  }

  private static int u4(byte[] b, int p) {
    return (u2(b, p) << 16) | u2(b, p + 2);
  }
}
