package io.asyncoracle.bench.probe;

import io.asyncoracle.bench.BenchmarkSettings;
import io.asyncoracle.bench.contender.Client;
import io.asyncoracle.bench.contender.Contender;
import io.asyncoracle.bench.contender.ContenderContext;
import io.asyncoracle.bench.contender.Contenders;
import io.asyncoracle.bench.db.DatabaseTarget;
import io.asyncoracle.bench.db.H2ServerProcess;
import io.asyncoracle.bench.db.Schema;
import io.asyncoracle.bench.run.Measurement;
import io.asyncoracle.bench.run.WindowRunner;
import io.asyncoracle.bench.workload.Workload;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a contender's bytes go: runs one contender at a time on the benchmark's workloads against
 * its own H2 server process, records a JFR allocation profile ({@code jdk.ObjectAllocationSample},
 * with stacks) over the whole run, and writes, for each measured window, the owners and the largest
 * sites in bytes per call to {@code allocations.md} in the output directory (the recording,
 * {@code allocations.jfr}, stays next to it for {@code jfr view allocation-by-site} or
 * {@code jfr print}).
 *
 * <p>Options are the benchmark's ({@link BenchmarkSettings#parse}): {@code --contenders},
 * {@code --workloads} (fast query and insert by default here), {@code --callers}, {@code --pool},
 * {@code --warmup}, {@code --window} (10 s by default here), {@code --out}. Run it with
 * {@code benchmarks/profile-allocations.sh}; with {@code --exact} it runs on Epsilon GC and also
 * counts every object allocated in each window ({@link ClassHistogram}).
 */
public final class AllocationProfile {

  private static final String EVENT = "jdk.ObjectAllocationSample";
  /** Far above JFR's default of 150 samples a second, so that sites of a few bytes a call show. */
  private static final String THROTTLE = "20000/s";
  /** The harness allocates one of these for every call it makes ({@code Workload.next}). */
  private static final String PER_CALL_CLASS = "io.asyncoracle.bench.workload.Call";

  private AllocationProfile() {
  }

  /**
   * Entry point.
   *
   * @param args benchmark options
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    List<String> options = new ArrayList<>(List.of(args));
    if (options.stream().noneMatch(a -> a.startsWith("--workloads="))) {
      options.add("--workloads=fast_query,insert");
    }
    if (options.stream().noneMatch(a -> a.startsWith("--window="))) {
      options.add("--window=10000");
    }
    if (options.stream().noneMatch(a -> a.startsWith("--warmup="))) {
      options.add("--warmup=3000");
    }
    if (options.stream().noneMatch(a -> a.startsWith("--contenders="))) {
      options.add("--contenders=async-oracle,HikariCP + supplyAsync");
    }
    BenchmarkSettings settings = BenchmarkSettings.parse(options.toArray(String[]::new));
    Files.createDirectories(settings.outputDirectory());
    StringBuilder md = new StringBuilder("# Allocation profile\n\n")
        .append("JFR `").append(EVENT).append("` (throttle ").append(THROTTLE).append(", with stacks) over one ")
        .append(settings.window().toMillis()).append(" ms window per contender and workload, after a ")
        .append(settings.warmup().toMillis()).append(" ms warm-up, ").append(settings.callers()).append(" callers, pool ")
        .append(settings.poolSize()).append(", one contender open at a time; Java ").append(Runtime.version())
        .append("; JVM flags `").append(String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()))
        .append("`. *bytes/call* is each site's share of the sampled bytes "
            + "times the bytes per call the thread counters measured over the same window "
            + "(`ThreadMXBean.getTotalThreadAllocatedBytes`). A sample belongs to its first frame outside the JDK.\n\n");
    // One recording for the whole run: a sample's weight is what its thread allocated since that
    // thread's previous sample, so sampling must never pause (a recording started after the warm-up
    // would give each thread's first sample everything the thread allocated before it).
    Path jfr = settings.outputDirectory().resolve("allocations.jfr");
    List<Profiled> profiled = new ArrayList<>();
    try (Recording recording = new Recording()) {
      recording.enable(EVENT).with("throttle", THROTTLE).withStackTrace();
      recording.start();
      String java = ProcessHandle.current().info().command().orElse("java");
      try (H2ServerProcess server = H2ServerProcess.start(java, List.of("-Xms1g", "-Xmx1g"));
          WindowRunner runner = new WindowRunner(settings, settings.acquireTimeout().plusSeconds(30), OptionalLong::empty)) {
        DatabaseTarget target = server.target("bench");
        Schema.create(target);
        for (Workload workload : settings.workloads()) {
          for (String name : settings.contenders()) {
            Contender contender = Contenders.named(name.trim());
            profiled.add(measure(settings, target, runner, workload, contender));
            System.out.println("profiled " + contender.name() + " on " + workload.label());
          }
        }
      }
      recording.stop();
      recording.dump(jfr);
    }
    List<RecordedEvent> events = RecordingFile.readAllEvents(jfr);
    for (Profiled p : profiled) {
      md.append(p.markdown(events, jfr));
    }
    md.append(differences(profiled));
    Path out = settings.outputDirectory().resolve("allocations.md");
    Files.writeString(out, md);
    System.out.println("wrote " + out + " and " + jfr);
  }

  /**
   * One contender's measured window on one workload: when it ran, what the thread counters said,
   * and, on Epsilon GC, every object allocated over it (else null).
   */
  private record Profiled(Contender contender, Workload workload, String notApplicable, Instant from, Instant to,
      Measurement measured, List<ClassHistogram.Entry> allocated) {

    String markdown(List<RecordedEvent> events, Path jfr) {
      String heading = "## " + contender.name() + ", " + workload.label() + "\n\n";
      if (notApplicable != null) {
        return heading + "n/a: " + notApplicable + "\n\n";
      }
      AllocationSites sites = new AllocationSites();
      for (RecordedEvent event : events) {
        if (!event.getEventType().getName().equals(EVENT) || event.getStackTrace() == null
            || event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) {
          continue;
        }
        List<AllocationSites.Frame> frames = new ArrayList<>();
        for (RecordedFrame f : event.getStackTrace().getFrames()) {
          frames.add(new AllocationSites.Frame(f.getMethod().getType().getName(), f.getMethod().getName(),
              f.getLineNumber()));
        }
        sites.add(new AllocationSites.Sample(event.getLong("weight"), event.getClass("objectClass").getName(), frames));
      }
      return heading + String.format(Locale.ROOT, "%,.0f calls/s, %,.0f bytes and %.1f us of client CPU per call "
          + "(thread counters); %s from %s to %s.%n%n", measured.throughput(), measured.clientBytesPerCall(),
          measured.clientCpuMicrosPerCall(), jfr.getFileName(), from, to)
          + sites.markdown(measured.clientBytesPerCall(), 15, 12) + "\n"
          + (allocated == null ? "" : "**Every object allocated over the window, counted** (Epsilon GC, class "
              + "histograms without collection before and after; the window's ramp and stop included)\n\n"
              + ClassHistogram.markdown(allocated, PER_CALL_CLASS, 40, AllocationSites::owner) + "\n");
    }
  }

  /** On Epsilon: for each workload, every other contender's objects per call against the first's. */
  private static String differences(List<Profiled> profiled) {
    StringBuilder md = new StringBuilder();
    java.util.Map<Workload, List<Profiled>> byWorkload = new java.util.LinkedHashMap<>();
    profiled.stream().filter(p -> p.allocated() != null)
        .forEach(p -> byWorkload.computeIfAbsent(p.workload(), w -> new ArrayList<>()).add(p));
    for (List<Profiled> same : byWorkload.values()) {
      Profiled first = same.get(0);
      for (Profiled other : same.subList(1, same.size())) {
        md.append("## ").append(first.contender().name()).append(" against ").append(other.contender().name())
            .append(", ").append(first.workload().label()).append(": every object, counted\n\n")
            .append(ClassHistogram.difference(first.contender().name(), first.allocated(), other.contender().name(),
                other.allocated(), PER_CALL_CLASS, 8)).append('\n');
      }
    }
    return md.toString();
  }

  private static Profiled measure(BenchmarkSettings settings, DatabaseTarget target, WindowRunner runner,
      Workload workload, Contender contender) throws Exception {
    ContenderContext context = new ContenderContext(target, settings.poolSize(), settings.acquireTimeout(), workload,
        settings.callers());
    String reason = contender.notApplicable(context).orElse(null);
    if (reason != null) {
      return new Profiled(contender, workload, reason, null, null, null, null);
    }
    try (Client client = contender.open(context)) {
      window(runner, target, client, workload, settings, settings.warmup());
      if (workload.writes()) {
        // Before the first histogram: its own allocations must not count.
        Schema.truncateInserts(target);
      }
      ClassHistogram before = ClassHistogram.epsilon() ? ClassHistogram.take() : null;
      Instant from = Instant.now();
      Measurement measured = runner.run(client, workload, settings.callers(), settings.ramp(), settings.window(), -1);
      Instant to = Instant.now();
      List<ClassHistogram.Entry> allocated = before == null ? null : ClassHistogram.take().since(before);
      return new Profiled(contender, workload, null, from, to, measured, allocated);
    }
  }

  private static Measurement window(WindowRunner runner, DatabaseTarget target, Client client, Workload workload,
      BenchmarkSettings settings, Duration length) throws Exception {
    if (workload.writes()) {
      Schema.truncateInserts(target);
    }
    return runner.run(client, workload, settings.callers(), settings.ramp(), length, -1);
  }
}
