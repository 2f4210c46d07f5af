package io.asyncoracle.bench.report;

import io.asyncoracle.bench.run.ContenderResult;
import io.asyncoracle.bench.run.Measurement;
import io.asyncoracle.bench.run.RunResult;
import io.asyncoracle.bench.run.WorkloadResult;
import io.asyncoracle.bench.workload.Workload;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A made-up run whose every ratio and goal is known in advance: in each workload a peer, not threaded
 * sync, is the one to beat, and the dedicated-connections reference is faster than every peer (so a
 * report that let it count as a peer would show it).
 *
 * <pre>
 *                        fast query              insert                  latency-bound   crowd
 *   threaded sync        10,000                  4,000                   3,000           8,000 (capped)
 *   async-oracle          9,500 (25 us, 2,600 B) 5,000 (50 us, 3,000 B)  3,920           30,000 p99 400 ms, +10 threads
 *   async-oracle template 9,400                  4,500                   3,800           29,000
 *   HikariCP + supplyAsync 8,000 (30 us, 2,400 B) 6,000 (40 us, 3,200 B) 3,950           33,000 p99 350 ms  (fastest crowd)
 *   JdbcTemplate + @Async 10,000 (fastest)       5,500                   3,990 (fastest) 25,000 p99 200 ms, 3 failures
 *   Vert.x JDBC client    7,000                  4,000                   3,500           20,000 p99 500 ms
 *   virtual threads + HikariCP  n/a (a peer, but "Java 17")
 *   dedicated connections 20,000                 12,000                  3,999           n/a
 * </pre>
 *
 * Client bytes per call are 80 x the CPU microseconds where not given. The latency bound is 8
 * connections / 2,000 us = 4,000 calls/s. {@link #fastQueryWithVirtualThreads()} adds the
 * virtual-thread peer at 11,000 calls/s, the fastest peer there.
 */
final class SyntheticRun {

  static final String SYNC = "threaded sync";
  static final String SUBJECT = "async-oracle";
  static final String TEMPLATE = "async-oracle template";
  static final String HIKARI = "HikariCP + supplyAsync";
  static final String SPRING = "JdbcTemplate + @Async";
  static final String VERTX = "Vert.x JDBC client";
  static final String VIRTUAL = "virtual threads + HikariCP";
  static final String DEDICATED = "dedicated connections";
  /** Callers of every made-up window (the crowd's; the other tables do not show them). */
  static final int CALLERS = 10_000;

  private SyntheticRun() {
  }

  /** Three one-second windows at this throughput, with the given CPU and bytes per call and p99. */
  static ContenderResult ran(String name, boolean peer, long throughput, double cpuMicros, long bytesPerCall,
      long p99Micros, int addedThreads, long failures, String note) {
    return ran(name, peer, throughput, cpuMicros, bytesPerCall, p99Micros, addedThreads, failures, note, CALLERS,
        p99Micros);
  }

  /** As above, with the callers answered in each window and the longest wait at a window's close. */
  static ContenderResult ran(String name, boolean peer, long throughput, double cpuMicros, long bytesPerCall,
      long p99Micros, int addedThreads, long failures, String note, int servedCallers, long longestWaitMicros) {
    long cpuNanos = (long) (cpuMicros * 1_000 * throughput);
    long bytes = bytesPerCall * throughput;
    List<Measurement> windows = List.of(
        new Measurement(throughput, failures, failures > 0 ? "boom" : null, 1.0, p99Micros / 2, p99Micros, p99Micros,
            2_000, 2_000 - addedThreads, 1 << 20, cpuNanos, -1, bytes, CALLERS, servedCallers, longestWaitMicros),
        new Measurement(throughput, 0, null, 1.0, p99Micros / 2, p99Micros, p99Micros, 2_000, 2_000 - addedThreads, 1 << 20,
            cpuNanos, -1, bytes, CALLERS, servedCallers, longestWaitMicros),
        new Measurement(throughput, 0, null, 1.0, p99Micros / 2, p99Micros, p99Micros, 2_000, 2_000 - addedThreads, 1 << 20,
            cpuNanos, -1, bytes, CALLERS, servedCallers, longestWaitMicros));
    return new ContenderResult(name, "setup of " + name, null, windows, note, peer);
  }

  static ContenderResult ran(String name, boolean peer, long throughput, double cpuMicros, long p99Micros,
      int addedThreads, long failures, String note) {
    return ran(name, peer, throughput, cpuMicros, (long) (cpuMicros * 80), p99Micros, addedThreads, failures, note);
  }

  static ContenderResult ran(String name, boolean peer, long throughput, double cpuMicros) {
    return ran(name, peer, throughput, cpuMicros, 1_000, 0, 0, null);
  }

  static ContenderResult ran(String name, boolean peer, long throughput, double cpuMicros, long bytesPerCall) {
    return ran(name, peer, throughput, cpuMicros, bytesPerCall, 1_000, 0, 0, null);
  }

  static ContenderResult absent(String name, String reason) {
    return ContenderResult.notApplicable(name, "setup of " + name, reason, false);
  }

  /** The virtual-thread peer on a JVM without virtual threads: a peer that did not run. */
  static ContenderResult absentVirtualPeer() {
    return ContenderResult.notApplicable(VIRTUAL, "setup of " + VIRTUAL, "needs Java 21+ (this is Java 17)", true);
  }

  /** The fast query with the virtual-thread peer ran, at 11,000 calls/s: faster than every other peer. */
  static WorkloadResult fastQueryWithVirtualThreads() {
    List<ContenderResult> results = new java.util.ArrayList<>(fastQuery().results());
    results.set(6, ran(VIRTUAL, true, 11_000, 22, 1_500));
    return new WorkloadResult(Workload.FAST_QUERY, "fast query", 8, results, Double.NaN, 8);
  }

  static WorkloadResult fastQuery() {
    return new WorkloadResult(Workload.FAST_QUERY, "fast query", 8, List.of(
        ran(SYNC, false, 10_000, 20),
        ran(SUBJECT, false, 9_500, 25, 2_600),
        ran(TEMPLATE, false, 9_400, 26),
        ran(HIKARI, true, 8_000, 30, 2_400),
        ran(SPRING, true, 10_000, 28),
        ran(VERTX, true, 7_000, 60),
        absentVirtualPeer(),
        ran(DEDICATED, false, 20_000, 10)), Double.NaN, 8);
  }

  static WorkloadResult insert() {
    return new WorkloadResult(Workload.INSERT, "insert", 8, List.of(
        ran(SYNC, false, 4_000, 60),
        ran(SUBJECT, false, 5_000, 50, 3_000),
        ran(TEMPLATE, false, 4_500, 52),
        ran(HIKARI, true, 6_000, 40, 3_200),
        ran(SPRING, true, 5_500, 45),
        ran(VERTX, true, 4_000, 70),
        absentVirtualPeer(),
        ran(DEDICATED, false, 12_000, 20)), Double.NaN, 8);
  }

  static WorkloadResult latencyBound() {
    return new WorkloadResult(Workload.LATENCY_BOUND, "latency-bound", 8, List.of(
        ran(SYNC, false, 3_000, 80),
        ran(SUBJECT, false, 3_920, 90),
        ran(TEMPLATE, false, 3_800, 90),
        ran(HIKARI, true, 3_950, 40),
        ran(SPRING, true, 3_990, 40),
        ran(VERTX, true, 3_500, 80),
        absentVirtualPeer(),
        ran(DEDICATED, false, 3_999, 30)), 2_000, 8);
  }

  static WorkloadResult crowd() {
    return new WorkloadResult(Workload.CROWD, "crowd", 10_000, List.of(
        ran(SYNC, false, 8_000, 200, 2_000_000, 1_004, 0, "1,000 platform threads, not 10,000 (safety cap)"),
        ran(SUBJECT, false, 30_000, 30, 400_000, 10, 0, null),
        ran(TEMPLATE, false, 29_000, 31, 410_000, 10, 0, null),
        ran(HIKARI, true, 33_000, 25, 350_000, 12, 0, null),
        ran(SPRING, true, 25_000, 30, 200_000, 12, 3, null),
        ran(VERTX, true, 20_000, 50, 500_000, 30, 0, null),
        absentVirtualPeer(),
        absent(DEDICATED, "one connection per caller: 10,000 callers would need 10,000 connections, "
            + "every other contender gets 8")), Double.NaN, 8);
  }

  /**
   * The crowd with the virtual-thread peer at 35,000 calls/s and a p99 of 3 ms, but answering only
   * 2,500 of the 10,000 callers in a window (the longest wait at a close 9 s): an unfair pool.
   */
  static WorkloadResult crowdWithUnfairPeer() {
    List<ContenderResult> results = new java.util.ArrayList<>(crowd().results());
    results.set(6, ran(VIRTUAL, true, 35_000, 40, 3_000, 3_000, 4, 0, null, 2_500, 9_000_000));
    return new WorkloadResult(Workload.CROWD, "crowd", 10_000, results, Double.NaN, 8);
  }

  static List<WorkloadResult> tables() {
    return List.of(fastQuery(), insert(), latencyBound(), crowd());
  }

  static RunResult run(int javaFeatureVersion) {
    List<String[]> setups = fastQuery().results().stream().map(r -> new String[] {r.name(), r.setup()}).toList();
    return new RunResult(Instant.parse("2026-01-02T03:04:05Z"), Duration.ofSeconds(360), "pool=8", "2 CPUs; Java 17",
        "H2", tables(), List.of(), null, setups, javaFeatureVersion);
  }
}
