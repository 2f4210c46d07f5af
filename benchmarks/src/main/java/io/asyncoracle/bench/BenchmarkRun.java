package io.asyncoracle.bench;

import io.asyncoracle.bench.contender.BlockingClient;
import io.asyncoracle.bench.contender.Client;
import io.asyncoracle.bench.contender.Contender;
import io.asyncoracle.bench.contender.ContenderContext;
import io.asyncoracle.bench.contender.Contenders;
import io.asyncoracle.bench.contender.FanOutContenders;
import io.asyncoracle.bench.db.DatabaseTarget;
import io.asyncoracle.bench.db.Schema;
import io.asyncoracle.bench.probe.UcpAsyncBorrowProbe;
import io.asyncoracle.bench.report.MachineInfo;
import io.asyncoracle.bench.run.ContenderResult;
import io.asyncoracle.bench.run.Measurement;
import io.asyncoracle.bench.run.RunResult;
import io.asyncoracle.bench.run.WindowRunner;
import io.asyncoracle.bench.run.WorkloadResult;
import io.asyncoracle.bench.workload.Workload;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the benchmark against a database that is already up: for each workload, every contender
 * with the same pool size, statements and callers.
 *
 * <p>Fast query, insert and latency-bound: all contenders are opened together, each warms up, then
 * the measured windows are interleaved (window 1 of every contender, then window 2, each round in a
 * rotated order), so drift in the machine's load spreads over all of them. Crowd: each contender
 * runs alone (opened, warmed up, measured, closed), so the threads it adds can be counted.
 */
public final class BenchmarkRun implements AutoCloseable {

  private static final Duration DIAGNOSTICS_WARMUP = Duration.ofMillis(1000);

  private final BenchmarkSettings settings;
  private final DatabaseTarget target;
  private final WindowRunner runner;
  private final Consumer<String> log;

  /**
   * Creates a run.
   *
   * @param settings the settings
   * @param target the database
   * @param serverCpu the database server's CPU clock
   * @param log where progress lines go
   */
  public BenchmarkRun(BenchmarkSettings settings, DatabaseTarget target, WindowRunner.ServerCpu serverCpu,
      Consumer<String> log) {
    this.settings = settings;
    this.target = target;
    this.runner = new WindowRunner(settings, settings.acquireTimeout().plusSeconds(30), serverCpu);
    this.log = log;
  }

  /**
   * Runs everything the settings ask for.
   *
   * @return the results
   * @throws Exception if the database cannot be set up
   */
  public RunResult run() throws Exception {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    String machine = MachineInfo.describe();
    Schema.create(target);
    List<Contender> contenders = selected(Contenders.all());
    List<WorkloadResult> tables = new ArrayList<>();
    for (Workload workload : settings.workloads()) {
      if (workload == Workload.FAN_OUT) {
        // Its own contenders: the four ways of making five independent queries for one request.
        tables.add(interleaved(workload, workload.label(), settings.callers(), FanOutContenders.all(),
            settings.warmup(), settings.reps()));
        continue;
      }
      tables.add(workload == Workload.CROWD ? isolated(workload, contenders)
          : interleaved(workload, workload.label(), settings.callers(), contenders, settings.warmup(), settings.reps()));
    }
    List<WorkloadResult> diagnostics = new ArrayList<>();
    if (settings.diagnostics()) {
      List<Contender> variants = new ArrayList<>();
      variants.add(Contenders.all().get(0));
      variants.add(Contenders.all().get(1));
      variants.addAll(Contenders.asyncOracleVariants());
      // Shorter than the main tables, to keep the whole run within a few minutes.
      Duration warmup = settings.warmup().compareTo(DIAGNOSTICS_WARMUP) < 0 ? settings.warmup() : DIAGNOSTICS_WARMUP;
      int reps = Math.min(2, settings.reps());
      diagnostics.add(interleaved(Workload.FAST_QUERY, "diagnostics: fast query, " + settings.callers() + " callers",
          settings.callers(), variants, warmup, reps));
      diagnostics.add(interleaved(Workload.FAST_QUERY, "diagnostics: fast query, 1 caller", 1, variants, warmup, reps));
    }
    String probe = null;
    if (settings.ucpProbe()) {
      log.accept("UCP async-borrow probe");
      probe = new UcpAsyncBorrowProbe(target, settings.poolSize(), settings.probeWatch()).run();
    }
    List<String[]> setups = new ArrayList<>();
    for (Contender c : contenders) {
      setups.add(new String[] {c.name(), c.setup()});
    }
    if (settings.workloads().contains(Workload.FAN_OUT)) {
      for (Contender c : FanOutContenders.all()) {
        setups.add(new String[] {c.name() + " (fan-out)", c.setup()});
      }
    }
    return new RunResult(started, Duration.ofNanos(System.nanoTime() - t0), settings.toString(), machine,
        target.describe(), tables, diagnostics, probe, setups, MachineInfo.javaFeatureVersion());
  }

  private List<Contender> selected(List<Contender> all) {
    if (settings.contenders().isEmpty()) {
      return all;
    }
    List<Contender> chosen = new ArrayList<>();
    chosen.add(all.get(0)); // the baseline is always in, for the ratios
    for (String name : settings.contenders()) {
      Contender c = Contenders.named(name.trim());
      if (!chosen.contains(c) && chosen.stream().noneMatch(x -> x.name().equals(c.name()))) {
        chosen.add(c);
      }
    }
    return chosen;
  }

  private WorkloadResult interleaved(Workload workload, String title, int callers, List<Contender> contenders,
      Duration warmup, int reps) throws Exception {
    log.accept(title + ": " + callers + " callers, pool " + settings.poolSize());
    double serial = workload == Workload.LATENCY_BOUND ? serialLatencyMicros() : Double.NaN;
    Map<Contender, Client> open = new LinkedHashMap<>();
    Map<Contender, String> notApplicable = new LinkedHashMap<>();
    Map<Contender, List<Measurement>> measured = new LinkedHashMap<>();
    Map<Contender, Double> connections = new LinkedHashMap<>();
    try {
      for (Contender c : contenders) {
        String reason = c.notApplicable(context(workload, callers)).orElse(null);
        if (reason == null) {
          try {
            open.put(c, c.open(context(workload, callers)));
          } catch (Exception e) {
            reason = "failed to open: " + e;
          }
        }
        if (reason != null) {
          notApplicable.put(c, reason);
        }
        measured.put(c, new ArrayList<>());
      }
      for (Map.Entry<Contender, Client> e : open.entrySet()) {
        log.accept("  warm-up " + e.getKey().name());
        window(workload, e.getValue(), callers, warmup, -1);
      }
      List<Contender> order = new ArrayList<>(open.keySet());
      for (int rep = 0; rep < reps; rep++) {
        for (Contender c : order) {
          Measurement m = window(workload, open.get(c), callers, settings.window(), -1);
          measured.get(c).add(m);
          log.accept(progress(c, rep, m));
        }
        order.add(order.remove(0));
      }
    } finally {
      for (Map.Entry<Contender, Client> e : open.entrySet()) {
        if (e.getValue() instanceof FanOutContenders.ConnectionCounting counting) {
          connections.put(e.getKey(), counting.connectionsPerRequest());
        }
        closeQuietly(e.getKey(), e.getValue());
      }
    }
    List<ContenderResult> results = new ArrayList<>();
    for (ContenderResult r : results(contenders, notApplicable, measured, Map.of())) {
      Double perRequest = connections.entrySet().stream().filter(e -> e.getKey().name().equals(r.name()))
          .map(Map.Entry::getValue).findFirst().orElse(Double.NaN);
      results.add(new ContenderResult(r.name(), r.setup(), r.notApplicable(), r.reps(), r.note(), r.peer(), perRequest));
    }
    return new WorkloadResult(workload, title, callers, results, serial, settings.poolSize());
  }

  private WorkloadResult isolated(Workload workload, List<Contender> contenders) throws Exception {
    int callers = settings.crowd();
    log.accept(workload.label() + ": " + callers + " callers, pool " + settings.poolSize() + ", one contender at a time");
    Map<Contender, String> notApplicable = new LinkedHashMap<>();
    Map<Contender, List<Measurement>> measured = new LinkedHashMap<>();
    Map<Contender, String> notes = new LinkedHashMap<>();
    for (Contender c : contenders) {
      measured.put(c, new ArrayList<>());
      String reason = c.notApplicable(context(workload, callers)).orElse(null);
      if (reason != null) {
        notApplicable.put(c, reason);
        continue;
      }
      settle();
      int baseline = io.asyncoracle.bench.run.WindowRunner.liveThreads();
      Client client;
      try {
        client = c.open(context(workload, callers));
      } catch (Exception e) {
        notApplicable.put(c, "failed to open: " + e);
        continue;
      }
      int crowd = callers;
      if (client instanceof BlockingClient blocking && blocking.platformThreads() && callers > settings.crowdPlatformThreads()) {
        // A safety cap, reported next to the result: with 10,000 platform threads blocked in UCP's
        // borrow (part of which spins on Thread.yield) a 2-core machine stops making progress.
        crowd = settings.crowdPlatformThreads();
        notes.put(c, String.format(java.util.Locale.ROOT, "%,d platform threads, not %,d (safety cap)", crowd, callers));
      }
      try {
        log.accept("  warm-up " + c.name() + " (" + crowd + " callers)");
        crowdWindow(client, crowd, settings.crowdWarmup(), baseline);
        for (int rep = 0; rep < settings.crowdReps(); rep++) {
          Measurement m = crowdWindow(client, crowd, settings.crowdWindow(), baseline);
          measured.get(c).add(m);
          log.accept(progress(c, rep, m) + ", threads +" + m.addedThreads());
        }
      } finally {
        closeQuietly(c, client);
      }
    }
    return new WorkloadResult(workload, workload.label(), callers, results(contenders, notApplicable, measured, notes),
        Double.NaN, settings.poolSize());
  }

  private Measurement window(Workload workload, Client client, int callers, Duration length, int baselineThreads)
      throws Exception {
    if (workload.writes()) {
      Schema.truncateInserts(target);
    }
    return runner.run(client, workload, callers, settings.ramp(), length, baselineThreads);
  }

  private Measurement crowdWindow(Client client, int callers, Duration length, int baselineThreads)
      throws InterruptedException {
    return runner.run(client, Workload.CROWD, callers, settings.crowdRamp(), length, baselineThreads);
  }

  private ContenderContext context(Workload workload, int callers) {
    return new ContenderContext(target, settings.poolSize(), settings.acquireTimeout(), workload, callers);
  }

  private static List<ContenderResult> results(List<Contender> contenders, Map<Contender, String> notApplicable,
      Map<Contender, List<Measurement>> measured, Map<Contender, String> notes) {
    List<ContenderResult> results = new ArrayList<>();
    for (Contender c : contenders) {
      String reason = notApplicable.get(c);
      results.add(reason != null
          ? ContenderResult.notApplicable(c.name(), c.setup(), reason, c.peer())
          : new ContenderResult(c.name(), c.setup(), null, List.copyOf(measured.get(c)), notes.get(c), c.peer()));
    }
    return results;
  }

  /** One call's latency on an idle connection: the median of 50 serial calls after 20 warm-up calls. */
  private double serialLatencyMicros() throws SQLException {
    long[] samples = new long[50];
    try (Connection c = target.connect(); PreparedStatement ps = c.prepareStatement("SELECT BENCH_SLEEP(?) FROM DUAL")) {
      ps.setLong(1, settings.serverMicros());
      for (int i = -20; i < samples.length; i++) {
        long start = System.nanoTime();
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
        }
        if (i >= 0) {
          samples[i] = System.nanoTime() - start;
        }
      }
    }
    Arrays.sort(samples);
    return samples[samples.length / 2] / 1_000.0;
  }

  /** Lets threads of a closed contender end and garbage go, before a thread baseline is taken. */
  private static void settle() throws InterruptedException {
    System.gc();
    Thread.sleep(300);
  }

  /** Stops the run's own threads. */
  @Override
  public void close() {
    runner.close();
  }

  private void closeQuietly(Contender c, Client client) {
    try {
      client.close();
    } catch (Exception e) {
      log.accept("  closing " + c.name() + " failed: " + e);
    }
  }

  private static String progress(Contender c, int rep, Measurement m) {
    return String.format(java.util.Locale.ROOT, "  %-34s rep %d: %,9.0f calls/s  p50 %,7d us  p99 %,8d us  failures %d",
        c.name(), rep + 1, m.throughput(), m.p50Micros(), m.p99Micros(), m.failures())
        + (m.firstFailure() == null ? "" : " (" + m.firstFailure() + ")");
  }
}
