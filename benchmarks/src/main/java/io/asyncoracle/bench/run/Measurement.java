package io.asyncoracle.bench.run;

/**
 * One measured window of one contender.
 *
 * @param completions calls answered correctly within the window
 * @param failures calls that failed or answered wrongly within the window
 * @param firstFailure the first failure's message, or null
 * @param seconds the window's length
 * @param p50Micros median latency of a call
 * @param p99Micros 99th percentile latency
 * @param maxMicros the slowest call
 * @param peakThreads live threads in this JVM at their peak
 * @param baselineThreads live threads before the contender was opened (crowd only, else -1)
 * @param peakHeapBytes heap in use at its sampled peak
 * @param clientCpuNanos CPU time this JVM used in the window (-1 if unknown)
 * @param serverCpuNanos CPU time the database server process used in the window (-1 if unknown)
 * @param clientAllocatedBytes heap bytes every thread of this JVM allocated in the window (-1 if unknown)
 * @param callers the concurrent callers
 * @param servedCallers callers with at least one call answered correctly in the window
 * @param longestWaitMicros age of the oldest call still unanswered when the window closed (0: none);
 *     a caller that waits longer than the window has no call in the latency percentiles
 */
public record Measurement(long completions, long failures, String firstFailure, double seconds,
    long p50Micros, long p99Micros, long maxMicros, int peakThreads, int baselineThreads, long peakHeapBytes,
    long clientCpuNanos, long serverCpuNanos, long clientAllocatedBytes, int callers, int servedCallers,
    long longestWaitMicros) {

  /**
   * Calls answered correctly per second.
   *
   * @return the throughput
   */
  public double throughput() {
    return completions / seconds;
  }

  /**
   * Client CPU time per correct call, in microseconds.
   *
   * @return the CPU cost, or NaN when unknown
   */
  public double clientCpuMicrosPerCall() {
    return clientCpuNanos < 0 || completions == 0 ? Double.NaN : clientCpuNanos / 1_000.0 / completions;
  }

  /**
   * Heap bytes this JVM allocated per correct call: the contender's callers, pool and worker
   * threads, and the harness's own share, as for {@link #clientCpuMicrosPerCall()}.
   *
   * @return bytes, or NaN when unknown
   */
  public double clientBytesPerCall() {
    return clientAllocatedBytes < 0 || completions == 0 ? Double.NaN : (double) clientAllocatedBytes / completions;
  }

  /**
   * Whether every caller had a call answered in the window. When not, the percentiles hold only the
   * callers that were served: the others' waits are in none of them.
   *
   * @return {@code true} when no caller went without an answer
   */
  public boolean servedEveryCaller() {
    return servedCallers >= callers;
  }

  /**
   * Threads the contender and its callers added to the JVM at the peak (crowd only).
   *
   * @return the added threads, or -1 when no baseline was taken
   */
  public int addedThreads() {
    return baselineThreads < 0 ? -1 : peakThreads - baselineThreads;
  }
}
