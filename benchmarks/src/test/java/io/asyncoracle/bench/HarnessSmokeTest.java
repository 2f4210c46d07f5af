package io.asyncoracle.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.bench.report.Targets;
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
      if (table.workload() == Workload.FAN_OUT) {
        // Its own four contenders; checked below.
        continue;
      }
      assertThat(table.results()).hasSize(io.asyncoracle.bench.contender.Contenders.all().size());
      assertThat(table.baseline()).as(table.title() + " baseline").isPresent();
      assertThat(table.results()).filteredOn(ContenderResult::peer).extracting(ContenderResult::name)
          .containsExactly("HikariCP + supplyAsync", "JdbcTemplate + @Async", "Vert.x JDBC client",
              "virtual threads + HikariCP");
      ContenderResult fastestPeer = table.fastestPeer().orElseThrow();
      assertThat(fastestPeer.peer()).isTrue();
      assertThat(table.peerRatio(fastestPeer)).isEqualTo(1.0);
      for (ContenderResult r : table.results()) {
        if (r.name().equals("virtual threads + HikariCP") && !virtualThreads) {
          // Skipped with its reason in the report, not failed.
          assertThat(r.ran()).isFalse();
          assertThat(r.notApplicable()).isEqualTo("needs Java 21+ (this is Java " + Runtime.version().feature() + ")");
          continue;
        }
        if (r.name().equals("dedicated connections") && table.workload() == Workload.CROWD) {
          // 50 callers on a pool of 2: a connection each would be 50 connections, so it declines.
          assertThat(r.ran()).isFalse();
          assertThat(r.notApplicable()).isEqualTo("one connection per caller: 50 callers would need 50 connections, "
              + "every other contender gets 2");
          continue;
        }
        assertThat(r.ran()).as(table.title() + " / " + r.name() + ": " + r.notApplicable()).isTrue();
        assertThat(r.failures()).as(table.title() + " / " + r.name() + ": " + r.firstFailure()).isZero();
        assertThat(r.throughput()).as(table.title() + " / " + r.name()).isPositive();
        assertThat(table.ratio(r)).isPositive();
        assertThat(table.peerRatio(r)).isPositive();
        assertThat(r.clientBytesPerCall()).as(table.title() + " / " + r.name() + " bytes per call").isPositive();
        if (r.peer()) {
          assertThat(r.throughput()).isLessThanOrEqualTo(fastestPeer.throughput());
        }
      }
    }
    assertThat(result.javaFeatureVersion()).isEqualTo(Runtime.version().feature());
    WorkloadResult latencyBound = result.workloads().get(Workload.LATENCY_BOUND.ordinal());
    assertThat(latencyBound.serialLatencyMicros()).as("one call sleeps 500 us in the server").isGreaterThan(500);
    WorkloadResult crowd = result.workloads().get(Workload.CROWD.ordinal());
    ContenderResult threadedCrowd = crowd.results().get(0);
    assertThat(threadedCrowd.addedThreads()).as("threaded sync: a thread per caller, capped at 40")
        .isBetween(40, 49);
    assertThat(threadedCrowd.note()).contains("40 platform threads, not 50");
    if (virtualThreads) {
      // The virtual-thread peer takes the whole crowd, one virtual thread per caller: no cap, and
      // far fewer platform threads than callers.
      ContenderResult virtualCrowd = crowd.ran("virtual threads + HikariCP").orElseThrow();
      assertThat(virtualCrowd.note()).isNull();
      assertThat(virtualCrowd.addedThreads()).isLessThan(40);
    }
    WorkloadResult fanOut = result.workloads().get(Workload.FAN_OUT.ordinal());
    assertThat(fanOut.results()).extracting(ContenderResult::name).containsExactly("async-oracle: 5 sequential calls",
        "async-oracle", "async-oracle: 5 connections in parallel", "HikariCP + supplyAsync");
    assertThat(fanOut.results()).allSatisfy(r -> {
      assertThat(r.ran()).as("fan-out / " + r.name() + ": " + r.notApplicable()).isTrue();
      assertThat(r.failures()).as("fan-out / " + r.name() + ": " + r.firstFailure()).isZero();
      assertThat(r.throughput()).isPositive();
    });
    assertThat(fanOut.results()).extracting(ContenderResult::connectionsPerRequest).containsExactly(1.0, 1.0, 5.0, 5.0);

    String md = Files.readString(markdown);
    assertThat(md).contains("## Summary", "### fast query", "### insert", "### latency-bound", "### fan-out", "### crowd",
        "connections/request", "x sequential",
        "threaded sync", "async-oracle", "HikariCP + supplyAsync", "JdbcTemplate + @Async", "Vert.x JDBC client",
        "virtual threads + HikariCP", "dedicated connections", "## Goals", "client bytes/call",
        "## Cost per call in the benchmark JVM",  "## UCP asynchronous borrow", "CPUs", "Java ",
        "x fastest peer", "**Fastest peer per workload**: fast query: ");
    // The headline, async-oracle against the fastest peer, comes before everything else.
    assertThat(md).startsWith("# async-oracle benchmark: latest run\n\n**Headline: async-oracle's throughput as a "
        + "multiple of the fastest peer's in this run**: fast query **");
    assertThat(md.indexOf("## Summary: throughput as a multiple of the fastest peer"))
        .isLessThan(md.indexOf("## Summary: throughput as a multiple of threaded sync"));
    // Every contender a goal needs ran, so every goal has a verdict, and each is in the report.
    List<Targets.Goal> goals = Targets.goals(result.workloads(), settings.poolSize(), result.javaFeatureVersion());
    assertThat(goals).hasSize(17).noneMatch(g -> g.status() == Targets.Status.NOT_MEASURED);
    assertThat(md).contains(goals.stream().map(Targets.Goal::markdown).toArray(String[]::new));
    assertThat(md).doesNotContain("The probe failed");
    BufferedImage png = ImageIO.read(out.resolve("latest.png").toFile());
    assertThat(png).isNotNull();
    assertThat(png.getWidth()).isGreaterThan(600);
  }
}
