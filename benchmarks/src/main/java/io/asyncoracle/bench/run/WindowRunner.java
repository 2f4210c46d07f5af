package io.asyncoracle.bench.run;

import io.asyncoracle.bench.contender.Client;
import io.asyncoracle.bench.workload.Workload;
import java.time.Duration;
import java.util.OptionalLong;
import org.HdrHistogram.Histogram;

/**
 * Runs one window: starts the callers, lets them ramp up, measures for the window's length, and
 * stops them. Only calls that complete while the window is open count.
 */
public final class WindowRunner implements AutoCloseable {

  private final Workload.BenchmarkShape shape;
  private final Duration stopTimeout;
  private final ServerCpu serverCpu;
  private final ResourceSampler sampler = new ResourceSampler();

  /** Reads the database server's CPU time, when it runs on this machine. */
  @FunctionalInterface
  public interface ServerCpu {
    /**
     * The server process's CPU time so far.
     *
     * @return nanoseconds, or empty if unknown
     */
    OptionalLong nanos();
  }

  /**
   * Creates a runner.
   *
   * @param shape settings the calls depend on
   * @param stopTimeout how long stopping the callers may take before the window counts as hung
   * @param serverCpu the server's CPU clock
   */
  public WindowRunner(Workload.BenchmarkShape shape, Duration stopTimeout, ServerCpu serverCpu) {
    this.shape = shape;
    this.stopTimeout = stopTimeout;
    this.serverCpu = serverCpu;
  }

  /**
   * The number of live threads in this JVM now.
   *
   * @return threads
   */
  public static int liveThreads() {
    return ResourceSampler.liveThreads();
  }

  /**
   * Runs a window.
   *
   * @param client the opened contender
   * @param workload the workload
   * @param callers how many concurrent callers
   * @param ramp how long callers run before the window opens
   * @param window how long the window stays open
   * @param baselineThreads live threads before the contender was opened, or -1
   * @return the measurement
   * @throws InterruptedException if interrupted
   */
  public Measurement run(Client client, Workload workload, int callers, Duration ramp, Duration window,
      int baselineThreads) throws InterruptedException {
    Tally tally = new Tally();
    Callers group = Callers.forClient(client, workload, shape, tally);
    group.start(callers);
    Thread.sleep(ramp.toMillis());
    long serverStart = serverCpu.nanos().orElse(-1);
    sampler.reset();
    group.openWindow();
    tally.openWindow();
    long start = System.nanoTime();
    Thread.sleep(window.toMillis());
    tally.closeWindow();
    long end = System.nanoTime();
    int served = group.servedCallers();
    long longestWait = group.longestWaitNanos(end);
    double seconds = (end - start) / 1e9;
    long clientCpu = sampler.cpuNanos();
    long clientBytes = sampler.allocatedBytesSinceReset();
    long serverEnd = serverCpu.nanos().orElse(-1);
    Histogram h = tally.histogram();
    int peakThreads = sampler.peakThreads();
    long peakHeap = sampler.peakHeap();
    boolean stopped = group.stop(stopTimeout);
    String firstFailure = tally.firstFailure();
    long failures = tally.failures();
    if (tally.completions() == 0 && failures == 0) {
      // No progress at all is a failure too, not a zero that looks like a measurement.
      failures = 1;
      firstFailure = "stalled: no call completed within the " + window.toMillis() + " ms window";
    }
    if (!stopped) {
      failures++;
      firstFailure = (firstFailure == null ? "" : firstFailure + "; ")
          + "callers still blocked " + stopTimeout.toSeconds() + " s after the window closed";
    }
    return new Measurement(tally.completions(), failures, firstFailure, seconds,
        h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(50),
        h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(99),
        h.getMaxValue(), peakThreads, baselineThreads, peakHeap, clientCpu,
        serverStart < 0 || serverEnd < 0 ? -1 : serverEnd - serverStart, clientBytes, callers, served,
        longestWait / 1_000);
  }

  /** Stops the resource sampler thread. */
  @Override
  public void close() {
    sampler.close();
  }
}
