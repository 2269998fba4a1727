package io.perfagent.sampler.accel;

import io.perfagent.sampler.procfs.SmallFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one DRM fd's fdinfo says, in the kernel's drm-usage-stats format: {@code drm-driver},
 * {@code drm-pdev}, {@code drm-client-id}, and per engine {@code drm-engine-<name>: <N> ns}
 * (cumulative busy time) and optionally {@code drm-engine-capacity-<name>: <n>} (how many
 * instances of that engine the busy time is summed over).
 */
record DrmFdinfo(
    String driver, String pdev, String clientId, List<String> engines, long[] busyNanos,
    int[] capacity) {

  private static final String ENGINE = "drm-engine-";
  private static final String CAPACITY = "drm-engine-capacity-";

  /** Parses {@code b[0, length)}; null when it is not a DRM fd (no {@code drm-driver}). */
  static DrmFdinfo parse(byte[] b, int length) {
    String driver = null;
    String pdev = "unknown"; // platform (non-PCI) devices have none
    String client = null;
    List<String> names = new ArrayList<>();
    List<Long> busy = new ArrayList<>();
    Map<String, Integer> capacities = null;
    int line = 0;
    while (line < length) {
      int end = line;
      while (end < length && b[end] != '\n') {
        end++;
      }
      // only drm-* lines matter; pos/flags/mnt_id lines are passed over without a String
      if (end - line > 4 && b[line] == 'd' && b[line + 1] == 'r' && b[line + 2] == 'm'
          && b[line + 3] == '-') {
        int colon = line;
        while (colon < end && b[colon] != ':') {
          colon++;
        }
        if (colon < end) {
          String key = new String(b, line, colon - line, StandardCharsets.ISO_8859_1);
          if (key.equals("drm-driver")) {
            driver = text(b, colon + 1, end);
          } else if (key.equals("drm-pdev")) {
            pdev = text(b, colon + 1, end);
          } else if (key.equals("drm-client-id")) {
            client = text(b, colon + 1, end);
          } else if (key.startsWith(CAPACITY)) {
            long n = SmallFile.parseLong(b, colon + 1, end);
            if (n > 0 && n <= Integer.MAX_VALUE) {
              if (capacities == null) {
                capacities = new HashMap<>();
              }
              capacities.put(key.substring(CAPACITY.length()), (int) n);
            }
          } else if (key.startsWith(ENGINE) && key.length() > ENGINE.length()) {
            long ns = nanos(b, colon + 1, end);
            if (ns != SmallFile.NONE) {
              names.add(key.substring(ENGINE.length()));
              busy.add(ns);
            }
          }
        }
      }
      line = end + 1;
    }
    if (driver == null || driver.isEmpty()) {
      return null;
    }
    long[] busyNanos = new long[busy.size()];
    int[] cap = new int[busy.size()];
    for (int i = 0; i < busyNanos.length; i++) {
      busyNanos[i] = busy.get(i);
      cap[i] = capacities == null ? 0 : capacities.getOrDefault(names.get(i), 0);
    }
    return new DrmFdinfo(
        driver, pdev, client != null ? client : "", List.copyOf(names), busyNanos, cap);
  }

  /** {@code <N> ns}; anything else (other units, garbage) is MISSING. */
  private static long nanos(byte[] b, int from, int to) {
    while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t' || b[to - 1] == '\r')) {
      to--;
    }
    if (to - from < 3 || b[to - 1] != 's' || b[to - 2] != 'n' || b[to - 3] != ' ') {
      return SmallFile.NONE;
    }
    return SmallFile.parseLong(b, from, to - 3);
  }

  private static String text(byte[] b, int from, int to) {
    return new String(b, from, to - from, StandardCharsets.ISO_8859_1).trim();
  }
}
