package io.perfagent.sampler.host;

import io.perfagent.bootstrap.resource.ResourceWriter;
import io.perfagent.sampler.procfs.SmallFile;
import java.nio.file.Path;

/**
 * Memory and swap from {@code <procfs>/meminfo} ({@code MemTotal}, {@code MemAvailable},
 * {@code SwapTotal}, {@code SwapFree}, in kB), read directly each tick in one pass that stops
 * at the last line it needs. OSHI's {@code GlobalMemory} and {@code VirtualMemory} getters
 * parse the same file with regex and Lists, about 1 ms and 2.3 ms per tick interpreted.
 */
final class ProcMemInfo {

  private static final double KIB = 1024;

  private static final byte[][] KEYS = {
    SmallFile.ascii("MemTotal:"),
    SmallFile.ascii("MemAvailable:"),
    SmallFile.ascii("MemFree:"),
    SmallFile.ascii("Buffers:"),
    SmallFile.ascii("Cached:"),
    SmallFile.ascii("SwapTotal:"),
    SmallFile.ascii("SwapFree:"),
  };
  private static final int TOTAL = 0;
  private static final int AVAILABLE = 1;
  private static final int FREE = 2;
  private static final int BUFFERS = 3;
  private static final int CACHED = 4;
  private static final int SWAP_TOTAL = 5;
  private static final int SWAP_FREE = 6;

  private final Path file;
  private final SmallFile reader = new SmallFile(4096);
  private final long[] kb = new long[KEYS.length];

  ProcMemInfo(Path procfsRoot) {
    this.file = procfsRoot.resolve("meminfo");
  }

  void sample(ResourceWriter out) {
    if (!reader.load(file)) {
      return;
    }
    reader.keyedAll(KEYS, kb);
    long total = kb[TOTAL];
    long available = kb[AVAILABLE];
    if (available < 0 && kb[FREE] >= 0 && kb[BUFFERS] >= 0 && kb[CACHED] >= 0) {
      // kernels before 3.14 have no MemAvailable: the classic estimate
      available = kb[FREE] + kb[BUFFERS] + kb[CACHED];
    }
    HostMemory.memory(out, total, available, KIB);
    long swapTotal = kb[SWAP_TOTAL];
    long swapFree = kb[SWAP_FREE];
    if (swapTotal >= 0 && swapFree >= 0) {
      long swapUsed = Math.max(0, swapTotal - swapFree);
      HostMemory.paging(out, swapUsed, swapTotal - swapUsed, KIB);
    }
  }
}
