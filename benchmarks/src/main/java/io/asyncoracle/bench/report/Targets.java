package io.asyncoracle.bench.report;

import io.asyncoracle.bench.run.ContenderResult;
import io.asyncoracle.bench.run.WorkloadResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Checks a run against the goals async-oracle set itself, one line per goal: met, missed or not measured. */
public final class Targets {

  /** The contender the goals are about. */
  public static final String SUBJECT = "async-oracle";
  private static final List<String> PEERS = List.of("HikariCP + supplyAsync", "JdbcTemplate + @Async", "Vert.x JDBC client");

  private Targets() {
  }

  /**
   * Evaluates the goals.
   *
   * @param tables the run's main tables
   * @param poolSize the pool size
   * @return one Markdown bullet per goal
   */
  public static List<String> evaluate(List<WorkloadResult> tables, int poolSize) {
    List<String> lines = new ArrayList<>();
    for (WorkloadResult t : tables) {
      Optional<ContenderResult> subject = find(t, SUBJECT);
      if (subject.isEmpty()) {
        continue;
      }
      ContenderResult s = subject.get();
      switch (t.workload()) {
        case FAST_QUERY, INSERT -> {
          double ratio = t.ratio(s);
          lines.add(mark(ratio >= 0.9) + " " + t.workload().label() + ": async-oracle at "
              + fmt(ratio) + "x threaded sync (goal >= 0.90x)");
          List<String> behind = new ArrayList<>();
          for (String peer : PEERS) {
            find(t, peer).filter(p -> p.throughput() >= s.throughput()).ifPresent(p -> behind.add(p.name()));
          }
          lines.add(mark(behind.isEmpty()) + " " + t.workload().label() + ": ahead of HikariCP + supplyAsync, "
              + "JdbcTemplate + @Async and Vert.x" + (behind.isEmpty() ? "" : " (not ahead of: " + String.join(", ", behind) + ")"));
        }
        case LATENCY_BOUND -> {
          double ofBound = s.throughput() / t.latencyBound();
          lines.add(mark(ofBound >= 0.95) + " latency-bound: async-oracle at " + fmt(ofBound)
              + " of pool / latency = " + String.format(Locale.ROOT, "%,.0f", t.latencyBound()) + " calls/s (goal >= 0.95)");
        }
        case CROWD -> {
          lines.add(mark(s.failures() == 0) + " crowd: " + s.failures() + " failures (goal 0)");
          int added = s.addedThreads();
          lines.add(mark(added <= poolSize + 16) + " crowd: async-oracle added " + added
              + " threads to the JVM at peak (goal <= pool max + 16 = " + (poolSize + 16) + ")");
          double bestOther = t.results().stream()
              .filter(r -> r.ran() && !r.name().equals(SUBJECT) && r.failures() == 0 && r.note() == null
                  && r.throughput() > 0)
              .mapToDouble(ContenderResult::p99Micros).min().orElse(Double.NaN);
          lines.add(mark(Double.isNaN(bestOther) || s.p99Micros() <= bestOther) + " crowd: async-oracle p99 "
              + ms(s.p99Micros()) + " vs the best other contender that ran the full crowd without failures " + ms(bestOther)
              + " (goal: no worse)");
        }
        default -> throw new IllegalStateException(t.workload().name());
      }
    }
    return lines;
  }

  private static Optional<ContenderResult> find(WorkloadResult t, String name) {
    return t.results().stream().filter(r -> r.name().equals(name) && r.ran()).findFirst();
  }

  private static String mark(boolean met) {
    return met ? "- [x] met:" : "- [ ] **missed**:";
  }

  private static String fmt(double ratio) {
    return String.format(Locale.ROOT, "%.2f", ratio);
  }

  private static String ms(double micros) {
    return Double.isNaN(micros) ? "n/a" : String.format(Locale.ROOT, "%,.1f ms", micros / 1000);
  }
}
