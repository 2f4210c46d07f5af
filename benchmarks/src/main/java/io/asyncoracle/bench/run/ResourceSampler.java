package io.asyncoracle.bench.run;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;

/**
 * Watches the JVM during a measurement window: the peak number of live threads (exact, from the
 * JVM's own peak counter), the peak heap in use (sampled every 10 ms), the CPU time the process
 * used and the bytes every thread of the process allocated.
 *
 * <p>Bytes, like CPU, are the whole JVM's: the callers, the contender's pool and worker threads,
 * the threads that carry virtual threads (a virtual thread allocates in its carrier's buffer), and
 * the harness's own small share. They come from
 * {@code com.sun.management.ThreadMXBean#getTotalThreadAllocatedBytes()}, which counts threads that
 * ended too; where a JVM does not offer it, from the sum over the threads alive at the window's
 * end, which misses what a thread that ended during the window allocated.
 */
final class ResourceSampler implements AutoCloseable {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private final Thread sampler;
  private volatile boolean running = true;
  private volatile long peakHeap;
  private long cpuStart;
  private long allocatedStart;

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
    allocatedStart = allocatedBytes();
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

  /** Bytes allocated by this JVM's threads since {@link #reset()}, or -1 if the JVM does not say. */
  long allocatedBytesSinceReset() {
    long now = allocatedBytes();
    return now < 0 || allocatedStart < 0 ? -1 : now - allocatedStart;
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

  /** Bytes allocated in the heap by every thread so far, or -1 if the JVM does not say. */
  static long allocatedBytes() {
    if (!(THREADS instanceof com.sun.management.ThreadMXBean threads) || !threads.isThreadAllocatedMemorySupported()) {
      return -1;
    }
    if (!threads.isThreadAllocatedMemoryEnabled()) {
      threads.setThreadAllocatedMemoryEnabled(true);
    }
    try {
      long total = threads.getTotalThreadAllocatedBytes();
      if (total >= 0) {
        return total;
      }
    } catch (UnsupportedOperationException e) {
      // A JVM before the total was added (JDK-8304074): sum the live threads below.
    }
    long sum = 0;
    for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
      if (bytes > 0) {
        sum += bytes;
      }
    }
    return sum;
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
