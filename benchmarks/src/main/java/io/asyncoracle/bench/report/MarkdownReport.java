package io.asyncoracle.bench.report;

import io.asyncoracle.bench.run.ContenderResult;
import io.asyncoracle.bench.run.RunResult;
import io.asyncoracle.bench.run.WorkloadResult;
import io.asyncoracle.bench.workload.Workload;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleBiFunction;

/**
 * Renders a run as Markdown. The headline comes first: async-oracle against the fastest peer of the
 * run, then every contender as a multiple of the fastest peer, with which peer that was per workload.
 * After it: the run's circumstances, the same summary as multiples of threaded sync, one table per
 * workload, the goals, the contenders' setups, the diagnostics and the UCP probe.
 */
public final class MarkdownReport {

  private MarkdownReport() {
  }

  /**
   * Renders the report.
   *
   * @param run the results
   * @param poolSize the pool size
   * @param command the command that produced it
   * @return Markdown
   */
  public static String render(RunResult run, int poolSize, String command) {
    List<Targets.Goal> goals = Targets.goals(run.workloads(), poolSize, run.javaFeatureVersion());
    StringBuilder md = new StringBuilder();
    md.append("# async-oracle benchmark: latest run\n\n");
    headline(md, run.workloads(), goals);
    summary(md, run.workloads(), "the fastest peer", WorkloadResult::peerRatio);
    fastestPeers(md, run.workloads());
    md.append("- **When**: ").append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(run.started().atOffset(ZoneOffset.UTC)
        .toLocalDateTime().withNano(0))).append(" UTC, took ").append(run.elapsed().toSeconds()).append(" s\n");
    md.append("- **Command**: `").append(command).append("`\n");
    md.append("- **Machine**: ").append(run.machine()).append('\n');
    md.append("- **Load average at the end**: ").append(String.format(Locale.ROOT, "%.2f",
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())).append('\n');
    md.append("- **Database**: ").append(run.database()).append('\n');
    md.append("- **Settings**: ").append(run.settings()).append("\n\n");
    md.append("Throughput is the median of the measured windows, the spread is (max - min) / median over them. "
        + "*x fastest peer* is a contender's throughput over the fastest peer's in the same run and workload "
        + "(peers: the ways applications reach a database today instead of async-oracle; threaded sync, "
        + "dedicated connections and, in the diagnostics, virtual threads on UCP are references, not peers, however "
        + "fast they are); *x sync* is over threaded "
        + "sync's in the same run. Latencies are medians over windows of each window's "
        + "percentile. CPU columns are CPU time per correct call: the benchmark JVM (all contenders share it, so it "
        + "includes the harness's own small cost) and the database server process. *client bytes/call* is the heap "
        + "every thread of the benchmark JVM allocated in the window (callers, pool, workers, the carriers of virtual "
        + "threads, and the harness's small share; `ThreadMXBean.getTotalThreadAllocatedBytes`) per correct call. "
        + "A wrong answer counts as a failure.\n\n");
    summary(md, run.workloads(), "threaded sync", WorkloadResult::ratio);
    costPerCall(md, run.workloads());
    md.append("![throughput chart](latest.png)\n\n");
    for (WorkloadResult t : run.workloads()) {
      table(md, t);
    }
    md.append("## Goals\n\n");
    for (Targets.Goal goal : goals) {
      md.append(goal.markdown()).append('\n');
    }
    md.append('\n').append(tally(goals, "")).append("\n\n");
    md.append("## Contenders\n\n| contender | setup |\n|---|---|\n");
    for (String[] setup : run.contenderSetups()) {
      md.append("| ").append(setup[0]).append(" | ").append(setup[1]).append(" |\n");
    }
    md.append('\n');
    if (!run.diagnostics().isEmpty()) {
      md.append("## Diagnostics: where async-oracle spends its time\n\n"
          + "Variants of async-oracle, each changing one thing from its defaults, next to threaded sync. "
          + "With one caller there is no queueing, so the p50 difference is the per-call overhead.\n\n");
      for (WorkloadResult t : run.diagnostics()) {
        table(md, t);
      }
    }
    if (run.ucpProbe() != null) {
      md.append("## UCP asynchronous borrow with this connection factory\n\n").append(run.ucpProbe()).append('\n');
    }
    return md.toString();
  }

  /** One sentence a reader can stop after: async-oracle against the fastest peer, per workload. */
  private static void headline(StringBuilder md, List<WorkloadResult> tables, List<Targets.Goal> goals) {
    List<String> parts = new ArrayList<>();
    for (WorkloadResult t : tables) {
      Optional<ContenderResult> subject = t.ran(Targets.SUBJECT);
      Optional<ContenderResult> peer = t.fastestPeer();
      if (subject.isEmpty()) {
        parts.add(t.workload().label() + " n/a (async-oracle did not run)");
      } else if (peer.isEmpty()) {
        parts.add(t.workload().label() + " n/a (no peer ran)");
      } else {
        parts.add(t.workload().label() + " **" + ratio(t.peerRatio(subject.get())) + "x** (fastest peer: "
            + peer.get().name() + ")");
      }
    }
    md.append("**Headline: async-oracle's throughput as a multiple of the fastest peer's in this run**: ")
        .append(String.join("; ", parts)).append(". ").append(tally(goals, "; see *Goals*")).append(".\n\n");
  }

  private static String tally(List<Targets.Goal> goals, String more) {
    long met = goals.stream().filter(g -> g.status() == Targets.Status.MET).count();
    long missed = goals.stream().filter(g -> g.status() == Targets.Status.MISSED).count();
    long unmeasured = goals.size() - met - missed;
    return "**Goals met: " + met + " of " + goals.size() + "**" + " (" + missed + " missed"
        + (unmeasured == 0 ? "" : ", " + unmeasured + " not measured") + more + ")";
  }

  private static void fastestPeers(StringBuilder md, List<WorkloadResult> tables) {
    List<String> parts = new ArrayList<>();
    for (WorkloadResult t : tables) {
      parts.add(t.workload().label() + ": " + t.fastestPeer()
          .map(p -> p.name() + " (" + String.format(Locale.ROOT, "%,.0f", p.throughput()) + " calls/s)")
          .orElse("none (no peer ran)"));
    }
    md.append("**Fastest peer per workload**: ").append(String.join("; ", parts)).append(".\n\n");
  }

  private static void summary(StringBuilder md, List<WorkloadResult> tables, String against,
      ToDoubleBiFunction<WorkloadResult, ContenderResult> ratio) {
    md.append("## Summary: throughput as a multiple of ").append(against).append("\n\n| contender |");
    for (WorkloadResult t : tables) {
      md.append(' ').append(t.workload().label()).append(" |");
    }
    md.append("\n|---|");
    md.append("---:|".repeat(tables.size()));
    md.append('\n');
    if (tables.isEmpty()) {
      return;
    }
    boolean notes = false;
    for (ContenderResult first : tables.get(0).results()) {
      md.append("| ").append(displayName(first)).append(" |");
      for (WorkloadResult t : tables) {
        Optional<ContenderResult> found = t.results().stream().filter(r -> r.name().equals(first.name())).findFirst();
        if (found.isEmpty() || !found.get().ran()) {
          md.append(" n/a |");
          continue;
        }
        ContenderResult r = found.get();
        double value = ratio.applyAsDouble(t, r);
        notes |= r.note() != null;
        md.append(' ').append(Double.isNaN(value) ? "n/a" : ratio(value) + "x")
            .append(r.note() == null ? "" : "*")
            .append(r.failures() > 0 ? " (" + r.failures() + " failures)" : "").append(" |");
      }
      md.append('\n');
    }
    md.append('\n');
    if (notes) {
      md.append("\\* ran differently from the others; see its table.\n\n");
    }
  }

  /**
   * Client CPU and bytes per call of every contender, one pair of columns per workload (fan-out has
   * contenders of its own and counts requests, so it is left to its table).
   */
  private static void costPerCall(StringBuilder md, List<WorkloadResult> tables) {
    List<WorkloadResult> shown = tables.stream().filter(t -> t.workload() != Workload.FAN_OUT).toList();
    if (shown.isEmpty()) {
      return;
    }
    md.append("## Cost per call in the benchmark JVM: client CPU and bytes allocated\n\n| contender |");
    for (WorkloadResult t : shown) {
      md.append(' ').append(t.workload().label()).append(": CPU | ").append(t.workload().label()).append(": bytes |");
    }
    md.append("\n|---|").append("---:|".repeat(2 * shown.size())).append('\n');
    for (ContenderResult first : shown.get(0).results()) {
      md.append("| ").append(displayName(first)).append(" |");
      for (WorkloadResult t : shown) {
        Optional<ContenderResult> found = t.ran(first.name());
        md.append(found.map(r -> " " + micros(r.clientCpuMicrosPerCall()) + " | " + bytes(r.clientBytesPerCall()) + " |")
            .orElse(" n/a | n/a |"));
      }
      md.append('\n');
    }
    md.append('\n');
  }

  /** The subject in bold, peers marked, so the headline table reads without the legend. */
  private static String displayName(ContenderResult r) {
    if (r.name().equals(Targets.SUBJECT)) {
      return "**" + r.name() + "**";
    }
    return r.peer() ? r.name() + " (peer)" : r.name();
  }

  private static void table(StringBuilder md, WorkloadResult t) {
    boolean crowd = t.workload() == Workload.CROWD;
    boolean bound = t.workload() == Workload.LATENCY_BOUND;
    boolean fanOut = t.workload() == Workload.FAN_OUT;
    // Diagnostics tables hold no peers: a column of n/a would only say that.
    boolean peers = t.results().stream().anyMatch(ContenderResult::peer);
    Optional<ContenderResult> fastest = t.fastestPeer();
    md.append("### ").append(t.title()).append(" (").append(t.workload().description()).append("; ")
        .append(String.format(Locale.ROOT, "%,d", t.callers())).append(" callers, pool ").append(t.poolSize()).append(")\n\n");
    if (peers) {
      md.append("Fastest peer: ").append(fastest.map(p -> p.name() + String.format(Locale.ROOT, ", %,.0f calls/s",
          p.throughput())).orElse("none (no peer ran)")).append(".\n\n");
    }
    if (bound) {
      md.append(String.format(Locale.ROOT, "One call on an idle connection takes %.0f us, so %d connections can "
          + "serve at most %,.0f calls/s.%n%n", t.serialLatencyMicros(), t.poolSize(), t.latencyBound()));
    }
    if (crowd) {
      md.append("The percentiles hold the calls that completed in a window. *callers answered* is how many "
          + "callers had at least one answer in the window (the fewest over the windows): a pool that serves some "
          + "callers over and over leaves the others waiting, and their wait is in no percentile, only in *longest "
          + "wait*, the oldest call still unanswered when a window closed.\n\n");
    }
    if (fanOut) {
      md.append("A request is " + Workload.FAN_OUT_QUERIES + " queries: throughput counts requests. *x sequential* is "
          + "over five sequential calls on one connection; *connections/request* is what the contender's requests "
          + "took from its pool, counted by the contender.\n\n");
    }
    List<String> headers = new ArrayList<>(List.of(fanOut ? "requests/s" : "calls/s", "spread"));
    if (peers) {
      headers.add("x fastest peer");
    }
    headers.add(fanOut ? "x sequential" : "x sync");
    if (fanOut) {
      headers.add("connections/request");
    }
    if (bound) {
      headers.add("of bound");
    }
    headers.addAll(List.of("p50", "p99", "client CPU/call", "client bytes/call", "DB CPU/call"));
    if (crowd) {
      headers.addAll(List.of("threads added (peak live)", "peak heap", "callers answered (fewest in a window)",
          "longest wait at a window's close"));
    }
    headers.add("failures");
    md.append("| contender | ").append(String.join(" | ", headers)).append(" |\n");
    md.append("|---|").append("---:|".repeat(headers.size())).append('\n');
    for (ContenderResult r : t.results()) {
      md.append("| ").append(r.name());
      if (fastest.isPresent() && fastest.get().name().equals(r.name())) {
        md.append(" (fastest peer)");
      } else if (r.peer()) {
        md.append(" (peer)");
      }
      md.append(r.note() == null ? "" : " (" + r.note() + ")").append(" | ");
      if (!r.ran()) {
        md.append("n/a: ").append(r.notApplicable()).append(" |").append(" |".repeat(headers.size() - 1)).append('\n');
        continue;
      }
      md.append(String.format(Locale.ROOT, "%,.0f | %s | ", r.throughput(),
          r.throughput() > 0 ? String.format(Locale.ROOT, "%.0f%%", r.spread() * 100) : "n/a"));
      if (peers) {
        md.append(ratioOrNa(t.peerRatio(r))).append(" | ");
      }
      md.append(ratioOrNa(t.ratio(r))).append(" | ");
      if (fanOut) {
        md.append(Double.isNaN(r.connectionsPerRequest()) ? "n/a"
            : String.format(Locale.ROOT, "%.2f", r.connectionsPerRequest())).append(" | ");
      }
      if (bound) {
        md.append(String.format(Locale.ROOT, "%.2f | ", r.throughput() / t.latencyBound()));
      }
      md.append(latency(r.p50Micros())).append(" | ").append(latency(r.p99Micros())).append(" | ")
          .append(micros(r.clientCpuMicrosPerCall())).append(" | ").append(bytes(r.clientBytesPerCall())).append(" | ")
          .append(micros(r.serverCpuMicrosPerCall())).append(" | ");
      if (crowd) {
        md.append(String.format(Locale.ROOT, "%,d (%,d) | %,d MiB | %,d of %,d | %s | ", r.addedThreads(),
            r.peakThreads(), r.peakHeapBytes() / (1024 * 1024), r.minServedCallers(), r.callers(),
            latency(r.longestWaitMicros())));
      }
      md.append(r.failures());
      if (r.firstFailure() != null) {
        md.append(" (").append(r.firstFailure().replace('|', '/').replace('\n', ' ')).append(')');
      }
      md.append(" |\n");
    }
    md.append('\n');
  }

  private static String ratio(double ratio) {
    return String.format(Locale.ROOT, "%.2f", ratio);
  }

  private static String ratioOrNa(double ratio) {
    return Double.isNaN(ratio) ? "n/a" : ratio(ratio) + "x";
  }

  private static String latency(double micros) {
    if (Double.isNaN(micros)) {
      return "n/a";
    }
    return micros >= 10_000 ? String.format(Locale.ROOT, "%,.0f ms", micros / 1000)
        : String.format(Locale.ROOT, "%.2f ms", micros / 1000);
  }

  private static String micros(double micros) {
    return Double.isNaN(micros) ? "n/a" : String.format(Locale.ROOT, "%.0f us", micros);
  }

  private static String bytes(double bytes) {
    return Double.isNaN(bytes) ? "n/a" : String.format(Locale.ROOT, "%,.0f B", bytes);
  }
}
