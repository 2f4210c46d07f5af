package io.asyncoracle.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.bench.run.ContenderResult;
import io.asyncoracle.bench.run.RunResult;
import io.asyncoracle.bench.run.WorkloadResult;
import io.asyncoracle.bench.workload.Workload;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the whole harness with tiny settings: a real H2 server process, every contender, every
 * workload, the probe, and both output files. Numbers this short mean nothing; this checks the
 * harness works and every contender answers correctly.
 */
class HarnessSmokeTest {

  @Test
  void runsEveryContenderOnEveryWorkloadAndWritesTheReport(@TempDir Path out) throws Exception {
    // Windows of half a second: a window in which no call completes counts as a failure
    // ("stalled"), and on a shared 2-core machine a contender (or the H2 server process) can get
    // no CPU for 150 ms; it does not go half a second without a single 0.5 ms call.
    BenchmarkSettings settings = new BenchmarkSettings(2, 2, 50, Duration.ofMillis(100), Duration.ofMillis(500), 1,
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(500), 1, Duration.ofMillis(50), 40, 500,
        Duration.ofSeconds(10), EnumSet.allOf(Workload.class), List.of(), false, true, out, null, null, null);
    List<String> log = new ArrayList<>();

    RunResult result = BenchmarkMain.run(settings, log::add);
    Path markdown = BenchmarkMain.write(result, settings, "smoke test");

    assertThat(result.workloads()).extracting(WorkloadResult::workload).containsExactly(Workload.values());
    boolean virtualThreads = Runtime.version().feature() >= 21;
    for (WorkloadResult table : result.workloads()) {
      assertThat(table.results()).hasSize(io.asyncoracle.bench.contender.Contenders.all().size());
      assertThat(table.baseline()).as(table.title() + " baseline").isPresent();
      for (ContenderResult r : table.results()) {
        if (r.name().equals("virtual threads") && !virtualThreads) {
          assertThat(r.ran()).isFalse();
          assertThat(r.notApplicable()).contains("needs Java 21+");
          continue;
        }
        assertThat(r.ran()).as(table.title() + " / " + r.name() + ": " + r.notApplicable()).isTrue();
        assertThat(r.failures()).as(table.title() + " / " + r.name() + ": " + r.firstFailure()).isZero();
        assertThat(r.throughput()).as(table.title() + " / " + r.name()).isPositive();
        assertThat(table.ratio(r)).isPositive();
      }
    }
    WorkloadResult latencyBound = result.workloads().get(Workload.LATENCY_BOUND.ordinal());
    assertThat(latencyBound.serialLatencyMicros()).as("one call sleeps 500 us in the server").isGreaterThan(500);
    WorkloadResult crowd = result.workloads().get(Workload.CROWD.ordinal());
    ContenderResult threadedCrowd = crowd.results().get(0);
    assertThat(threadedCrowd.addedThreads()).as("threaded sync: a thread per caller, capped at 40")
        .isBetween(40, 49);
    assertThat(threadedCrowd.note()).contains("40 platform threads, not 50");

    String md = Files.readString(markdown);
    assertThat(md).contains("## Summary", "### fast query", "### insert", "### latency-bound", "### crowd",
        "threaded sync", "async-oracle", "HikariCP + supplyAsync", "JdbcTemplate + @Async", "Vert.x JDBC client",
        "virtual threads", "## Goals", "## UCP asynchronous borrow", "CPUs", "Java ");
    assertThat(md).doesNotContain("The probe failed");
    BufferedImage png = ImageIO.read(out.resolve("latest.png").toFile());
    assertThat(png).isNotNull();
    assertThat(png.getWidth()).isGreaterThan(600);
  }
}
