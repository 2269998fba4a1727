package io.perfagent.bootstrap;

import java.lang.management.ManagementFactory;

/**
 * The thread's allocation counter and CPU clock, read through
 * {@code com.sun.management.ThreadMXBean}. When the JVM does not support one of them it reads
 * as {@code -1} and the agent says so once at start-up.
 */
public final class Probes {

  private static final com.sun.management.ThreadMXBean THREADS = threads();
  private static final boolean ALLOC = THREADS != null && allocSupported(THREADS);
  private static final boolean CPU = THREADS != null && cpuSupported(THREADS);

  private Probes() {}

  private static com.sun.management.ThreadMXBean threads() {
    try {
      java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
      return bean instanceof com.sun.management.ThreadMXBean
          ? (com.sun.management.ThreadMXBean) bean
          : null;
    } catch (Throwable t) {
      return null;
    }
  }

  private static boolean allocSupported(com.sun.management.ThreadMXBean bean) {
    try {
      if (!bean.isThreadAllocatedMemorySupported()) {
        return false;
      }
      if (!bean.isThreadAllocatedMemoryEnabled()) {
        bean.setThreadAllocatedMemoryEnabled(true);
      }
      return bean.getCurrentThreadAllocatedBytes() >= 0;
    } catch (Throwable t) {
      return false;
    }
  }

  private static boolean cpuSupported(com.sun.management.ThreadMXBean bean) {
    try {
      if (!bean.isCurrentThreadCpuTimeSupported()) {
        return false;
      }
      if (!bean.isThreadCpuTimeEnabled()) {
        bean.setThreadCpuTimeEnabled(true);
      }
      return bean.getCurrentThreadCpuTime() >= 0;
    } catch (Throwable t) {
      return false;
    }
  }

  public static boolean allocationSupported() {
    return ALLOC;
  }

  public static boolean cpuSupported() {
    return CPU;
  }

  /** Bytes allocated by the calling thread so far, or -1. */
  public static long allocatedBytes() {
    return ALLOC ? THREADS.getCurrentThreadAllocatedBytes() : -1L;
  }

  /** CPU time of the calling thread in ns, or -1. A system call: use sparingly. */
  public static long currentThreadCpu() {
    return CPU ? THREADS.getCurrentThreadCpuTime() : -1L;
  }

  /** CPU time of another thread in ns, or -1 (for the CPU sampler). */
  public static long threadCpu(long threadId) {
    return CPU ? THREADS.getThreadCpuTime(threadId) : -1L;
  }
}
