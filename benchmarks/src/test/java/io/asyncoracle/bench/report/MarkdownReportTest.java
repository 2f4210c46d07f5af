package io.asyncoracle.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The report of {@link SyntheticRun}: the headline against the fastest peer first, the ratios right. */
class MarkdownReportTest {

  private final String md = MarkdownReport.render(SyntheticRun.run(17), 8, "benchmarks/run.sh");

  @Test
  void theHeadlineIsAsyncOracleAgainstTheFastestPeerAndComesFirst() {
    String headline = "**Headline: async-oracle's throughput as a multiple of the fastest peer's in this run**: "
        + "fast query **0.95x** (fastest peer: JdbcTemplate + @Async); insert **0.83x** (fastest peer: HikariCP + "
        + "supplyAsync); latency-bound **0.98x** (fastest peer: JdbcTemplate + @Async); crowd **0.91x** (fastest "
        + "peer: HikariCP + supplyAsync). **Goals met: 9 of 15** (6 missed; see *Goals*).";

    assertThat(md).startsWith("# async-oracle benchmark: latest run\n\n" + headline + "\n\n"
        + "## Summary: throughput as a multiple of the fastest peer\n\n");
    int peerSummary = md.indexOf("## Summary: throughput as a multiple of the fastest peer");
    assertThat(peerSummary).isLessThan(md.indexOf("- **When**"))
        .isLessThan(md.indexOf("## Summary: throughput as a multiple of threaded sync"))
        .isLessThan(md.indexOf("### fast query"));
    assertThat(md).contains("**Fastest peer per workload**: fast query: JdbcTemplate + @Async (10,000 calls/s); "
        + "insert: HikariCP + supplyAsync (6,000 calls/s); latency-bound: JdbcTemplate + @Async (3,990 calls/s); "
        + "crowd: HikariCP + supplyAsync (33,000 calls/s).");
  }

  @Test
  void theSummaryGivesEveryContenderAsAMultipleOfTheFastestPeer() {
    String summary = section("## Summary: throughput as a multiple of the fastest peer");

    assertThat(summary).contains(
        "| contender | fast query | insert | latency-bound | crowd |",
        "| threaded sync | 1.00x | 0.67x | 0.75x | 0.24x* |",
        "| **async-oracle** | 0.95x | 0.83x | 0.98x | 0.91x |",
        "| async-oracle template | 0.94x | 0.75x | 0.95x | 0.88x |",
        "| HikariCP + supplyAsync (peer) | 0.80x | 1.00x | 0.99x | 1.00x |",
        "| JdbcTemplate + @Async (peer) | 1.00x | 0.92x | 1.00x | 0.76x (3 failures) |",
        "| Vert.x JDBC client (peer) | 0.70x | 0.67x | 0.88x | 0.61x |",
        // A peer that could not run on this JVM: in the table, marked, and n/a everywhere.
        "| virtual threads + HikariCP (peer) | n/a | n/a | n/a | n/a |",
        // A reference: faster than every peer, marked as such, and not taken as the yardstick.
        "| dedicated connections | 2.00x | 2.00x | 1.00x | n/a |");
  }

  @Test
  void theThreadedSyncSummaryStaysAsASecondTable() {
    String summary = section("## Summary: throughput as a multiple of threaded sync");

    assertThat(summary).contains(
        "| **async-oracle** | 0.95x | 1.25x | 1.31x | 3.75x |",
        "| dedicated connections | 2.00x | 3.00x | 1.33x | n/a |");
  }

  @Test
  void workloadTablesHaveBothRatiosAndNameTheFastestPeer() {
    String insert = section("### insert");

    assertThat(insert).contains("Fastest peer: HikariCP + supplyAsync, 6,000 calls/s.",
        "| contender | calls/s | spread | x fastest peer | x sync | p50 | p99 | client CPU/call | client bytes/call "
            + "| DB CPU/call | failures |",
        "| async-oracle | 5,000 | 0% | 0.83x | 1.25x | 0.50 ms | 1.00 ms | 50 us | 3,000 B | n/a | 0 |",
        "| virtual threads + HikariCP (peer) | n/a: needs Java 21+ (this is Java 17) |",
        "| HikariCP + supplyAsync (fastest peer) | 6,000 | 0% | 1.00x | 1.50x |",
        "| JdbcTemplate + @Async (peer) | 5,500 |",
        "| dedicated connections | 12,000 | 0% | 2.00x | 3.00x |");
    assertThat(section("### crowd")).contains("| dedicated connections | n/a: one connection per caller: 10,000 "
        + "callers would need 10,000 connections, every other contender gets 8 |" + " |".repeat(13));
    assertThat(section("### crowd")).contains("| callers answered (fewest in a window) | longest wait at a window's close |",
        "| async-oracle | 30,000 |", " | 10,000 of 10,000 | 400 ms | 0 |");
  }

  @Test
  void costPerCallListsClientCpuAndBytesOfEveryContenderPerWorkload() {
    String cost = section("## Cost per call in the benchmark JVM: client CPU and bytes allocated");

    assertThat(cost).contains(
        "| contender | fast query: CPU | fast query: bytes | insert: CPU | insert: bytes | latency-bound: CPU | "
            + "latency-bound: bytes | crowd: CPU | crowd: bytes |",
        "| **async-oracle** | 25 us | 2,600 B | 50 us | 3,000 B | 90 us | 7,200 B | 30 us | 2,400 B |",
        "| HikariCP + supplyAsync (peer) | 30 us | 2,400 B | 40 us | 3,200 B | 40 us | 3,200 B | 25 us | 2,000 B |",
        "| virtual threads + HikariCP (peer) | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a |",
        "| dedicated connections | 10 us | 800 B | 20 us | 1,600 B | 30 us | 2,400 B | n/a | n/a |");
    assertThat(md.indexOf("## Cost per call")).isLessThan(md.indexOf("### fast query"));
  }

  @Test
  void theVirtualThreadPeerIsTheYardstickWhenItIsTheFastestPeer() {
    io.asyncoracle.bench.run.RunResult run = new io.asyncoracle.bench.run.RunResult(java.time.Instant.EPOCH,
        java.time.Duration.ofSeconds(1), "pool=8", "2 CPUs; Java 25", "H2", List.of(SyntheticRun.fastQueryWithVirtualThreads()),
        List.of(), null, List.of(), 25);

    String report = MarkdownReport.render(run, 8, "x");

    assertThat(report).contains("fast query **0.86x** (fastest peer: virtual threads + HikariCP)",
        "| virtual threads + HikariCP (fastest peer) | 11,000 | 0% | 1.00x |",
        "| JdbcTemplate + @Async (peer) | 10,000 | 0% | 0.91x |");
  }

  @Test
  void theGoalsAreListedWithTheirTally() {
    String goals = section("## Goals");
    List<String> expected = Targets.evaluate(SyntheticRun.tables(), 8, 17);

    assertThat(goals).contains(expected.toArray(String[]::new)).contains("**Goals met: 9 of 15** (6 missed)");
    assertThat(goals).contains("goal >= 0.90x before Java 21, this run is on Java 17");
    assertThat(MarkdownReport.render(SyntheticRun.run(25), 8, "x"))
        .contains("goal >= 1.00x on Java 21+, this run is on Java 25", "**Goals met: 8 of 15** (7 missed)");
  }

  /** From a heading (the start of its line) to the next heading of any level. */
  private String section(String heading) {
    int start = md.indexOf("\n" + heading);
    assertThat(start).as(heading).isNotNegative();
    int end = md.indexOf("\n#", start + heading.length());
    return md.substring(start, end < 0 ? md.length() : end);
  }
}
