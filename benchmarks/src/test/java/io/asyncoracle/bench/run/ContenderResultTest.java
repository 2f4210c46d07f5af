package io.asyncoracle.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.asyncoracle.bench.workload.Workload;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContenderResultTest {

  private static Measurement window(long completions, long p99) {
    return new Measurement(completions, 0, null, 1.0, 100, p99, p99, 20, 10, 1 << 20, 1_000_000, -1);
  }

  @Test
  void summarisesWindowsByMedianAndSpread() {
    ContenderResult r = new ContenderResult("x", "setup", null,
        List.of(window(900, 5), window(1_000, 7), window(1_200, 9)), null);

    assertThat(r.throughput()).isEqualTo(1_000.0);
    assertThat(r.minThroughput()).isEqualTo(900.0);
    assertThat(r.maxThroughput()).isEqualTo(1_200.0);
    assertThat(r.spread()).isCloseTo(0.3, within(1e-9));
    assertThat(r.p99Micros()).isEqualTo(7.0);
    assertThat(r.addedThreads()).isEqualTo(10);
    assertThat(r.clientCpuMicrosPerCall()).isCloseTo(1.0, within(0.2));
  }

  @Test
  void ratiosAreToTheFirstContenderOfTheSameRun() {
    ContenderResult baseline = new ContenderResult("threaded sync", "", null, List.of(window(1_000, 1), window(1_000, 1)), null);
    ContenderResult other = new ContenderResult("other", "", null, List.of(window(900, 1), window(950, 1)), null);
    ContenderResult missing = ContenderResult.notApplicable("virtual threads", "", "needs Java 21+");
    WorkloadResult table = new WorkloadResult(Workload.FAST_QUERY, "fast query", 8, List.of(baseline, other, missing),
        Double.NaN, 8);

    assertThat(table.ratio(other)).isCloseTo(0.925, within(1e-9));
    assertThat(missing.ran()).isFalse();
    assertThat(table.latencyBound()).isNaN();
  }

  @Test
  void theLatencyBoundIsPoolOverSerialLatency() {
    WorkloadResult table = new WorkloadResult(Workload.LATENCY_BOUND, "latency-bound", 8, List.of(), 2_000, 8);

    assertThat(table.latencyBound()).isEqualTo(4_000.0);
  }
}
