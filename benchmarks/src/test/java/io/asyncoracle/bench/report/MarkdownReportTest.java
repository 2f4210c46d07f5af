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
        + "peer: HikariCP + supplyAsync). **Goals met: 8 of 13** (5 missed; see *Goals*).";

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
        "| virtual threads | n/a | n/a | n/a | n/a |",
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
        "| contender | calls/s | spread | x fastest peer | x sync | p50 | p99 | client CPU/call | DB CPU/call | failures |",
        "| async-oracle | 5,000 | 0% | 0.83x | 1.25x | 0.50 ms | 1.00 ms | 50 us | n/a | 0 |",
        "| HikariCP + supplyAsync (fastest peer) | 6,000 | 0% | 1.00x | 1.50x |",
        "| JdbcTemplate + @Async (peer) | 5,500 |",
        "| dedicated connections | 12,000 | 0% | 2.00x | 3.00x |");
    assertThat(section("### crowd")).contains("| dedicated connections | n/a: one connection per caller: 10,000 "
        + "callers would need 10,000 connections, every other contender gets 8 |" + " |".repeat(10));
  }

  @Test
  void theGoalsAreListedWithTheirTally() {
    String goals = section("## Goals");
    List<String> expected = Targets.evaluate(SyntheticRun.tables(), 8, 17);

    assertThat(goals).contains(expected.toArray(String[]::new)).contains("**Goals met: 8 of 13** (5 missed)");
    assertThat(goals).contains("goal >= 0.90x before Java 21, this run is on Java 17");
    assertThat(MarkdownReport.render(SyntheticRun.run(25), 8, "x"))
        .contains("goal >= 1.00x on Java 21+, this run is on Java 25", "**Goals met: 7 of 13** (6 missed)");
  }

  /** From a heading (the start of its line) to the next heading of any level. */
  private String section(String heading) {
    int start = md.indexOf("\n" + heading);
    assertThat(start).as(heading).isNotNegative();
    int end = md.indexOf("\n#", start + heading.length());
    return md.substring(start, end < 0 ? md.length() : end);
  }
}
