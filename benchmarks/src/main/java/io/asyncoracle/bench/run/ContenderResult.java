package io.asyncoracle.bench.run;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * All measured windows of one contender in one workload, and their summary.
 *
 * @param name the contender's name
 * @param setup how it was set up
 * @param notApplicable why it did not run (null when it ran)
 * @param reps the measured windows
 * @param note how this contender's run differed from the others' (null: it did not)
 * @param peer whether the contender is a peer, one of those the headline ratio is to the fastest of
 *     (see {@code Contender.peer()})
 * @param connectionsPerRequest connections a request took, counted by the contender (fan-out), or
 *     NaN where not counted
 */
public record ContenderResult(String name, String setup, String notApplicable, List<Measurement> reps, String note,
    boolean peer, double connectionsPerRequest) {

  /**
   * A result without a connection count.
   *
   * @param name the contender's name
   * @param setup how it was set up
   * @param notApplicable why it did not run (null when it ran)
   * @param reps the measured windows
   * @param note how this contender's run differed from the others' (null: it did not)
   * @param peer whether the contender is a peer
   */
  public ContenderResult(String name, String setup, String notApplicable, List<Measurement> reps, String note,
      boolean peer) {
    this(name, setup, notApplicable, reps, note, peer, Double.NaN);
  }

  /**
   * A contender that could not run.
   *
   * @param name its name
   * @param setup its setup
   * @param reason why
   * @param peer whether it is a peer
   * @return the result
   */
  public static ContenderResult notApplicable(String name, String setup, String reason, boolean peer) {
    return new ContenderResult(name, setup, reason, List.of(), null, peer);
  }

  /**
   * Whether it ran.
   *
   * @return {@code true} when there are measurements
   */
  public boolean ran() {
    return notApplicable == null && !reps.isEmpty();
  }

  /**
   * Median throughput over the windows.
   *
   * @return calls per second
   */
  public double throughput() {
    return median(Measurement::throughput);
  }

  /**
   * Lowest throughput of any window.
   *
   * @return calls per second
   */
  public double minThroughput() {
    return reps.stream().mapToDouble(Measurement::throughput).min().orElse(Double.NaN);
  }

  /**
   * Highest throughput of any window.
   *
   * @return calls per second
   */
  public double maxThroughput() {
    return reps.stream().mapToDouble(Measurement::throughput).max().orElse(Double.NaN);
  }

  /**
   * Spread of throughput: (max - min) / median.
   *
   * @return a fraction
   */
  public double spread() {
    return (maxThroughput() - minThroughput()) / throughput();
  }

  /**
   * Median of the windows' median latencies.
   *
   * @return microseconds
   */
  public double p50Micros() {
    return median(Measurement::p50Micros);
  }

  /**
   * Median of the windows' 99th percentile latencies.
   *
   * @return microseconds
   */
  public double p99Micros() {
    return median(Measurement::p99Micros);
  }

  /**
   * Failures over all windows.
   *
   * @return the count
   */
  public long failures() {
    return reps.stream().mapToLong(Measurement::failures).sum();
  }

  /**
   * The first failure's message over all windows.
   *
   * @return the message, or null
   */
  public String firstFailure() {
    return reps.stream().map(Measurement::firstFailure).filter(f -> f != null).findFirst().orElse(null);
  }

  /**
   * Highest live-thread peak of any window.
   *
   * @return threads
   */
  public int peakThreads() {
    return reps.stream().mapToInt(Measurement::peakThreads).max().orElse(-1);
  }

  /**
   * Highest number of threads the contender added over the JVM's baseline (crowd only).
   *
   * @return threads, or -1
   */
  public int addedThreads() {
    return reps.stream().mapToInt(Measurement::addedThreads).max().orElse(-1);
  }

  /**
   * Highest sampled heap use of any window.
   *
   * @return bytes
   */
  public long peakHeapBytes() {
    return reps.stream().mapToLong(Measurement::peakHeapBytes).max().orElse(-1);
  }

  /**
   * Median client CPU per call.
   *
   * @return microseconds
   */
  public double clientCpuMicrosPerCall() {
    return median(Measurement::clientCpuMicrosPerCall);
  }

  /**
   * Median client heap bytes allocated per call.
   *
   * @return bytes, or NaN when unknown
   */
  public double clientBytesPerCall() {
    return median(Measurement::clientBytesPerCall);
  }

  /**
   * The fewest callers served in a window: callers with at least one call answered correctly.
   *
   * @return callers, or -1 without windows
   */
  public int minServedCallers() {
    return reps.stream().mapToInt(Measurement::servedCallers).min().orElse(-1);
  }

  /**
   * The concurrent callers the windows ran with (fewer than the workload's where a cap applied).
   *
   * @return callers, or -1 without windows
   */
  public int callers() {
    return reps.stream().mapToInt(Measurement::callers).max().orElse(-1);
  }

  /**
   * Whether every caller had a call answered in every window, so the percentiles speak for all of them.
   *
   * @return {@code true} when no caller of any window went unanswered
   */
  public boolean servedEveryCaller() {
    return !reps.isEmpty() && reps.stream().allMatch(Measurement::servedEveryCaller);
  }

  /**
   * The longest a call was still waiting when a window closed, over all windows.
   *
   * @return microseconds, or -1 without windows
   */
  public long longestWaitMicros() {
    return reps.stream().mapToLong(Measurement::longestWaitMicros).max().orElse(-1);
  }

  /**
   * Median database-server CPU per call.
   *
   * @return microseconds, or NaN when unknown
   */
  public double serverCpuMicrosPerCall() {
    return median(m -> m.serverCpuNanos() < 0 || m.completions() == 0
        ? Double.NaN : m.serverCpuNanos() / 1_000.0 / m.completions());
  }

  private double median(ToDoubleFunction<Measurement> metric) {
    double[] values = reps.stream().mapToDouble(metric).sorted().toArray();
    if (values.length == 0) {
      return Double.NaN;
    }
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }
}
