package io.perfagent.sampler.container;

/** Fills a {@link CgroupReading} from one cgroup version's files; never throws. */
interface CgroupReader {

  void read(CgroupReading into);
}
