package io.asyncoracle.bench.run;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;

/**
 * Watches the JVM during a measurement window: the peak number of live threads (exact, from the
 * JVM's own peak counter), the peak heap in use (sampled every 10 ms) and the CPU time the process
 * used.
 */
final class ResourceSampler implements AutoCloseable {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private final Thread sampler;
  private volatile boolean running = true;
  private volatile long peakHeap;
  private long cpuStart;

  ResourceSampler() {
    sampler = new Thread(this::sample, "bench-resource-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** The number of live threads now. */
  static int liveThreads() {
    return THREADS.getThreadCount();
  }

  /** Forgets the peaks so far; starts the CPU clock. */
  void reset() {
    THREADS.resetPeakThreadCount();
    peakHeap = MEMORY.getHeapMemoryUsage().getUsed();
    cpuStart = processCpuNanos();
  }

  int peakThreads() {
    return THREADS.getPeakThreadCount();
  }

  long peakHeap() {
    return peakHeap;
  }

  /** CPU time used by this JVM since {@link #reset()}, or -1 if the JVM does not say. */
  long cpuNanos() {
    long now = processCpuNanos();
    return now < 0 || cpuStart < 0 ? -1 : now - cpuStart;
  }

  private void sample() {
    while (running) {
      long used = MEMORY.getHeapMemoryUsage().getUsed();
      if (used > peakHeap) {
        peakHeap = used;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
