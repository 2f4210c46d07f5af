package io.asyncoracle.bench.run;

import io.asyncoracle.bench.workload.Workload;
import java.util.List;
import java.util.Optional;

/**
 * One workload's table.
 *
 * @param workload the workload
 * @param title the table's title
 * @param callers concurrent callers
 * @param results per contender, the baseline first
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
