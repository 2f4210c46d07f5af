package io.asyncoracle.bench.run;

import io.asyncoracle.bench.workload.Workload;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One workload's table.
 *
 * @param workload the workload
 * @param title the table's title
 * @param callers concurrent callers
 * @param results per contender, the baseline (threaded sync) first
 * @param serialLatencyMicros for the latency-bound workload, one call's latency on an idle
 *     connection (NaN otherwise)
 * @param poolSize the pool size, for the latency bound
 */
public record WorkloadResult(Workload workload, String title, int callers, List<ContenderResult> results,
    double serialLatencyMicros, int poolSize) {

  /**
   * The baseline's result (the first contender).
   *
   * @return the baseline, if it ran
   */
  public Optional<ContenderResult> baseline() {
    return results.isEmpty() || !results.get(0).ran() ? Optional.empty() : Optional.of(results.get(0));
  }

  /**
   * The fastest peer of this run: among the contenders marked {@link ContenderResult#peer() peer}
   * that ran, the one with the highest median throughput (only correct answers count, so a peer's
   * failures already lower it). References and async-oracle's own contenders never qualify, however
   * fast they are.
   *
   * @return the fastest peer, or empty when no peer ran with a throughput above zero
   */
  public Optional<ContenderResult> fastestPeer() {
    return results.stream()
        .filter(r -> r.peer() && r.ran() && r.throughput() > 0)
        .max(Comparator.comparingDouble(ContenderResult::throughput));
  }

  /**
   * A contender's median throughput over the fastest peer's, from this run: the headline ratio.
   * The fastest peer itself is at 1.0; a contender is ahead of every peer above 1.0.
   *
   * @param result the contender's result
   * @return the ratio, or NaN when no peer ran
   */
  public double peerRatio(ContenderResult result) {
    return fastestPeer().map(p -> result.throughput() / p.throughput()).orElse(Double.NaN);
  }

  /**
   * The result of the contender with this name, if it ran.
   *
   * @param name the contender's name
   * @return its result, or empty when it is not in this table or did not run
   */
  public Optional<ContenderResult> ran(String name) {
    return results.stream().filter(r -> r.name().equals(name) && r.ran()).findFirst();
  }

  /**
   * A contender's median throughput over the baseline's, from this run.
   *
   * @param result the contender's result
   * @return the ratio, or NaN without a baseline
   */
  public double ratio(ContenderResult result) {
    return baseline().map(b -> result.throughput() / b.throughput()).orElse(Double.NaN);
  }

  /**
   * For the latency-bound workload: pool size / serial latency, the most any contender can do.
   *
   * @return calls per second, or NaN for other workloads
   */
  public double latencyBound() {
    return Double.isNaN(serialLatencyMicros) ? Double.NaN : poolSize * 1e6 / serialLatencyMicros;
  }
}
