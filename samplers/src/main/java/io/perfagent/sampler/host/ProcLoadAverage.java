package io.perfagent.sampler.host;

import io.perfagent.bootstrap.resource.ResourceWriter;
import io.perfagent.sampler.procfs.SmallFile;
import java.nio.file.Path;

/**
 * {@code system.cpu.load_average.1m} from the first field of {@code <procfs>/loadavg}. OSHI
 * gets it through JNA's {@code getloadavg}, about 270 µs per call interpreted; this is one
 * small read.
 */
final class ProcLoadAverage {

  private final Path file;
  private final SmallFile reader = new SmallFile(128);

  ProcLoadAverage(Path procfsRoot) {
    this.file = procfsRoot.resolve("loadavg");
  }

  void sample(ResourceWriter out) {
    if (!reader.load(file)) {
      return;
    }
    double load = reader.decimalAt(reader.skipSpaces(0));
    if (!Double.isNaN(load)) {
      out.gauge("system.cpu.load_average.1m", "{thread}", load);
    }
  }
}
