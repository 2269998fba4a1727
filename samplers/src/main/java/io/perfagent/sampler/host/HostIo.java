package io.perfagent.sampler.host;

import io.perfagent.bootstrap.resource.ResourceWriter;
import io.perfagent.sampler.container.IoPressure;

/**
 * The host's I/O readings, the same whichever way CPU and memory are read: disk and network
 * byte counters and the I/O pressure share. Each part is null where this host lacks it.
 */
final class HostIo {

  private final DiskIo disks;
  private final NetworkIo network;
  private final IoPressure ioPressure;

  HostIo(DiskIo disks, NetworkIo network, IoPressure ioPressure) {
    this.disks = disks;
    this.network = network;
    this.ioPressure = ioPressure;
  }

  void sample(ResourceWriter out) {
    if (disks != null) {
      disks.sample(out);
    }
    if (network != null) {
      network.sample(out);
    }
    if (ioPressure != null) {
      ioPressure.sample(out);
    }
  }
}
