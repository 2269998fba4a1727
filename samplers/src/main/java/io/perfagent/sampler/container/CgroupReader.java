package io.perfagent.sampler.container;

/** Fills a {@link CgroupReading} from one cgroup version's files; never throws. */
interface CgroupReader {

  void read(CgroupReading into);

  /** {@code v1} or {@code v2}, for the info line. */
  String version();
}
