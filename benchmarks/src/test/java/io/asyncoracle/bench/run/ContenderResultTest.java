package io.asyncoracle.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.asyncoracle.bench.workload.Workload;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContenderResultTest {

  private static Measurement window(long completions, long p99) {
    return new Measurement(completions, 0, null, 1.0, 100, p99, p99, 20, 10, 1 << 20, 1_000_000, -1, 2_000_000, 8, 8,
        p99);
  }

  @Test
  void summarisesWindowsByMedianAndSpread() {
    ContenderResult r = new ContenderResult("x", "setup", null,
        List.of(window(900, 5), window(1_000, 7), window(1_200, 9)), null, false);

    assertThat(r.throughput()).isEqualTo(1_000.0);
    assertThat(r.minThroughput()).isEqualTo(900.0);
    assertThat(r.maxThroughput()).isEqualTo(1_200.0);
    assertThat(r.spread()).isCloseTo(0.3, within(1e-9));
    assertThat(r.p99Micros()).isEqualTo(7.0);
    assertThat(r.addedThreads()).isEqualTo(10);
    assertThat(r.clientCpuMicrosPerCall()).isCloseTo(1.0, within(0.2));
    // 2,000,000 bytes a window: 2,000 a call at 1,000 calls (the median window).
    assertThat(r.clientBytesPerCall()).isEqualTo(2_000.0);
  }

  @Test
  void bytesPerCallAreUnknownWhenTheJvmDoesNotSayOrNothingCompleted() {
    Measurement unknown = new Measurement(1_000, 0, null, 1.0, 100, 5, 5, 20, 10, 1 << 20, 1_000_000, -1, -1, 8, 8, 5);
    Measurement idle = new Measurement(0, 1, "stalled", 1.0, 0, 0, 0, 20, 10, 1 << 20, 1_000_000, -1, 5_000, 8, 0,
        1_000_000);

    assertThat(unknown.clientBytesPerCall()).isNaN();
    assertThat(idle.clientBytesPerCall()).isNaN();
  }

  private static ContenderResult result(String name, boolean peer, long... completions) {
    return new ContenderResult(name, "", null,
        java.util.Arrays.stream(completions).mapToObj(c -> window(c, 1)).toList(), null, peer);
  }

  @Test
  void aContenderThatLeftACallerUnansweredInAnyWindowDidNotServeEveryCaller() {
    Measurement all = new Measurement(1_000, 0, null, 1.0, 100, 5, 5, 20, 10, 1 << 20, 1, -1, 1, 100, 100, 900);
    Measurement most = new Measurement(5_000, 0, null, 1.0, 100, 5, 5, 20, 10, 1 << 20, 1, -1, 1, 100, 37, 4_000_000);

    ContenderResult fair = new ContenderResult("fair", "", null, List.of(all, all), null, true);
    ContenderResult unfair = new ContenderResult("unfair", "", null, List.of(all, most), null, true);

    assertThat(fair.servedEveryCaller()).isTrue();
    assertThat(fair.minServedCallers()).isEqualTo(100);
    assertThat(unfair.servedEveryCaller()).isFalse();
    assertThat(unfair.minServedCallers()).isEqualTo(37);
    assertThat(unfair.longestWaitMicros()).isEqualTo(4_000_000);
    assertThat(ContenderResult.notApplicable("x", "", "n/a", true).servedEveryCaller()).isFalse();
  }

  @Test
  void syncRatiosAreToTheFirstContenderOfTheSameRun() {
    ContenderResult baseline = result("threaded sync", false, 1_000, 1_000);
    ContenderResult other = result("other", false, 900, 950);
    ContenderResult missing = ContenderResult.notApplicable("virtual threads + HikariCP", "", "needs Java 21+", true);
    WorkloadResult table = new WorkloadResult(Workload.FAST_QUERY, "fast query", 8, List.of(baseline, other, missing),
        Double.NaN, 8);

    assertThat(table.ratio(other)).isCloseTo(0.925, within(1e-9));
    assertThat(missing.ran()).isFalse();
    assertThat(table.latencyBound()).isNaN();
  }

  @Test
  void peerRatiosAreToTheFastestPeerNotToFasterReferences() {
    ContenderResult sync = result("threaded sync", false, 1_000);
    ContenderResult subject = result("async-oracle", false, 1_500);
    ContenderResult slowPeer = result("Vert.x JDBC client", true, 2_000);
    ContenderResult fastPeer = result("JdbcTemplate + @Async", true, 3_000);
    // Faster than every peer, but a reference: it must not become the yardstick.
    ContenderResult reference = result("dedicated connections", false, 6_000);
    // Not applicable, so it cannot be the fastest however it is marked.
    ContenderResult absentPeer = ContenderResult.notApplicable("HikariCP + supplyAsync", "", "failed to open", true);
    WorkloadResult table = new WorkloadResult(Workload.FAST_QUERY, "fast query", 8,
        List.of(sync, subject, absentPeer, slowPeer, fastPeer, reference), Double.NaN, 8);

    assertThat(table.fastestPeer()).containsSame(fastPeer);
    assertThat(table.peerRatio(subject)).isCloseTo(0.5, within(1e-9));
    assertThat(table.peerRatio(fastPeer)).isEqualTo(1.0);
    assertThat(table.peerRatio(slowPeer)).isCloseTo(2.0 / 3, within(1e-9));
    assertThat(table.peerRatio(reference)).isCloseTo(2.0, within(1e-9));
    assertThat(table.peerRatio(sync)).isCloseTo(1.0 / 3, within(1e-9));
    // The ratio to threaded sync is still there, next to it.
    assertThat(table.ratio(subject)).isCloseTo(1.5, within(1e-9));
  }

  @Test
  void withoutAPeerThereIsNoPeerRatio() {
    ContenderResult sync = result("threaded sync", false, 1_000);
    ContenderResult subject = result("async-oracle", false, 900);
    ContenderResult stalledPeer = result("Vert.x JDBC client", true, 0);
    WorkloadResult table = new WorkloadResult(Workload.FAST_QUERY, "fast query", 8, List.of(sync, subject, stalledPeer),
        Double.NaN, 8);

    assertThat(table.fastestPeer()).isEmpty();
    assertThat(table.peerRatio(subject)).isNaN();
    assertThat(table.ran("async-oracle")).containsSame(subject);
    assertThat(table.ran("nobody")).isEmpty();
  }

  @Test
  void theLatencyBoundIsPoolOverSerialLatency() {
    WorkloadResult table = new WorkloadResult(Workload.LATENCY_BOUND, "latency-bound", 8, List.of(), 2_000, 8);

    assertThat(table.latencyBound()).isEqualTo(4_000.0);
  }
}
