package io.asyncoracle.bench.report;

import io.asyncoracle.bench.run.ContenderResult;
import io.asyncoracle.bench.run.RunResult;
import io.asyncoracle.bench.run.WorkloadResult;
import io.asyncoracle.bench.workload.Workload;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Renders a run as Markdown: summary, one table per workload, goals, diagnostics, probe. */
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
    StringBuilder md = new StringBuilder();
    md.append("# async-oracle benchmark: latest run\n\n");
    md.append("- **When**: ").append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(run.started().atOffset(ZoneOffset.UTC)
        .toLocalDateTime().withNano(0))).append(" UTC, took ").append(run.elapsed().toSeconds()).append(" s\n");
    md.append("- **Command**: `").append(command).append("`\n");
    md.append("- **Machine**: ").append(run.machine()).append('\n');
    md.append("- **Load average at the end**: ").append(String.format(Locale.ROOT, "%.2f",
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())).append('\n');
    md.append("- **Database**: ").append(run.database()).append('\n');
    md.append("- **Settings**: ").append(run.settings()).append("\n\n");
    md.append("Throughput is the median of the measured windows, the spread is (max - min) / median over them, and "
        + "every ratio is to *threaded sync* in the same run. Latencies are medians over windows of each window's "
        + "percentile. CPU columns are CPU time per correct call: the benchmark JVM (all contenders share it, so it "
        + "includes the harness's own small cost) and the database server process. A wrong answer counts as a failure.\n\n");
    summary(md, run.workloads());
    md.append("![throughput chart](latest.png)\n\n");
    for (WorkloadResult t : run.workloads()) {
      table(md, t);
    }
    md.append("## Goals\n\n");
    for (String line : Targets.evaluate(run.workloads(), poolSize)) {
      md.append(line).append('\n');
    }
    md.append("\n## Contenders\n\n| contender | setup |\n|---|---|\n");
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

  private static void summary(StringBuilder md, List<WorkloadResult> tables) {
    md.append("## Summary: throughput as a multiple of threaded sync\n\n| contender |");
    for (WorkloadResult t : tables) {
      md.append(' ').append(t.workload().label()).append(" |");
    }
    md.append("\n|---|");
    md.append("---:|".repeat(tables.size()));
    md.append('\n');
    if (tables.isEmpty()) {
      return;
    }
    for (int i = 0; i < tables.get(0).results().size(); i++) {
      md.append("| ").append(tables.get(0).results().get(i).name()).append(" |");
      for (WorkloadResult t : tables) {
        ContenderResult r = t.results().get(i);
        md.append(' ').append(r.ran() ? String.format(Locale.ROOT, "%.2fx", t.ratio(r)) : "n/a")
            .append(r.note() == null ? "" : "*")
            .append(r.ran() && r.failures() > 0 ? " (" + r.failures() + " failures)" : "").append(" |");
      }
      md.append('\n');
    }
    md.append("\n\\* ran differently from the others; see its table.\n\n");
  }

  private static void table(StringBuilder md, WorkloadResult t) {
    boolean crowd = t.workload() == Workload.CROWD;
    boolean bound = t.workload() == Workload.LATENCY_BOUND;
    md.append("### ").append(t.title()).append(" (").append(t.workload().description()).append("; ")
        .append(String.format(Locale.ROOT, "%,d", t.callers())).append(" callers, pool ").append(t.poolSize()).append(")\n\n");
    if (bound) {
      md.append(String.format(Locale.ROOT, "One call on an idle connection takes %.0f us, so %d connections can "
          + "serve at most %,.0f calls/s.%n%n", t.serialLatencyMicros(), t.poolSize(), t.latencyBound()));
    }
    md.append("| contender | calls/s | spread | x sync |").append(bound ? " of bound |" : "")
        .append(" p50 | p99 | client CPU/call | DB CPU/call |").append(crowd ? " threads added (peak live) | peak heap |" : "")
        .append(" failures |\n");
    md.append("|---|---:|---:|---:|").append(bound ? "---:|" : "").append("---:|---:|---:|---:|")
        .append(crowd ? "---:|---:|" : "").append("---:|\n");
    for (ContenderResult r : t.results()) {
      md.append("| ").append(r.name()).append(r.note() == null ? "" : " (" + r.note() + ")").append(" | ");
      if (!r.ran()) {
        int blanks = 8 + (bound ? 1 : 0) + (crowd ? 2 : 0);
        md.append("n/a: ").append(r.notApplicable()).append(" |").append(" |".repeat(blanks - 1)).append('\n');
        continue;
      }
      md.append(String.format(Locale.ROOT, "%,.0f | %s | %.2fx | ", r.throughput(),
          r.throughput() > 0 ? String.format(Locale.ROOT, "%.0f%%", r.spread() * 100) : "n/a", t.ratio(r)));
      if (bound) {
        md.append(String.format(Locale.ROOT, "%.2f | ", r.throughput() / t.latencyBound()));
      }
      md.append(latency(r.p50Micros())).append(" | ").append(latency(r.p99Micros())).append(" | ")
          .append(micros(r.clientCpuMicrosPerCall())).append(" | ").append(micros(r.serverCpuMicrosPerCall())).append(" | ");
      if (crowd) {
        md.append(String.format(Locale.ROOT, "%,d (%,d) | %,d MiB | ", r.addedThreads(), r.peakThreads(),
            r.peakHeapBytes() / (1024 * 1024)));
      }
      md.append(r.failures());
      if (r.firstFailure() != null) {
        md.append(" (").append(r.firstFailure().replace('|', '/').replace('\n', ' ')).append(')');
      }
      md.append(" |\n");
    }
    md.append('\n');
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
}
