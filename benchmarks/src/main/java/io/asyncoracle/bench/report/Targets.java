package io.asyncoracle.bench.report;

import io.asyncoracle.bench.run.ContenderResult;
import io.asyncoracle.bench.run.WorkloadResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a run against the goals async-oracle set itself (project issue 8), one line per goal: met,
 * missed or not measured, and by how much. The goals are relative to the <em>fastest peer</em> of the
 * same run (see {@link WorkloadResult#fastestPeer()}), not to threaded sync: users choose between
 * async-oracle and the peers, so beating a slow baseline proves nothing.
 *
 * <ul>
 *   <li>fast query and insert: async-oracle's throughput at least {@value #PEER_GOAL_VIRTUAL_THREADS}x the
 *       fastest peer's on Java {@value #VIRTUAL_THREADS_JAVA}+, at least {@value #PEER_GOAL_PLATFORM_THREADS}x
 *       on older JVMs (there its JDBC work runs on platform threads);</li>
 *   <li>latency-bound: at least {@value #LATENCY_BOUND_GOAL} of pool size / latency;</li>
 *   <li>crowd: throughput at least the fastest peer's, p99 no higher than the lowest p99 of a peer
 *       that answered every caller in every window without failures,
 *       at most pool size + {@value #THREAD_HEADROOM} threads added to the JVM, no failures;</li>
 *   <li>fast query and insert: client CPU per call and client bytes allocated per call no more than
 *       {@value #CPU_PEER}'s;</li>
 *   <li>fan-out: the pipeline at least {@value #FAN_OUT_GOAL}x five sequential calls on one connection, and
 *       one connection per request;</li>
 *   <li>every workload but fan-out: the starter's template at least {@value #TEMPLATE_GOAL}x async-oracle's
 *       throughput.</li>
 * </ul>
 */
public final class Targets {

  /** The contender the goals are about. */
  public static final String SUBJECT = "async-oracle";
  /** The starter's template contender, which must keep up with {@link #SUBJECT}. */
  public static final String TEMPLATE = "async-oracle template";
  /**
   * The peer whose client CPU and bytes per call async-oracle must not exceed: what most applications
   * run today.
   */
  public static final String CPU_PEER = "HikariCP + supplyAsync";
  /** The first Java feature version with virtual threads, which async-oracle uses for its workers. */
  public static final int VIRTUAL_THREADS_JAVA = 21;
  /** Fast query and insert, on Java 21+: async-oracle / fastest peer at least this. */
  public static final double PEER_GOAL_VIRTUAL_THREADS = 1.0;
  /** Fast query and insert, before Java 21: async-oracle / fastest peer at least this. */
  public static final double PEER_GOAL_PLATFORM_THREADS = 0.9;
  /** Latency-bound: async-oracle's throughput / (pool size / latency) at least this. */
  public static final double LATENCY_BOUND_GOAL = 0.97;
  /** Crowd: threads async-oracle may add to the JVM beyond the pool size. */
  public static final int THREAD_HEADROOM = 16;
  /** Fan-out: the pipeline's requests/s over five sequential calls' at least this (on H2). */
  public static final double FAN_OUT_GOAL = 1.5;
  /** Fan-out: the contender the pipeline is measured against. */
  public static final String FAN_OUT_SEQUENTIAL = "async-oracle: 5 sequential calls";
  /** Every workload: template throughput / async-oracle throughput at least this. */
  public static final double TEMPLATE_GOAL = 0.95;

  private Targets() {
  }

  /** Whether a goal was met. */
  public enum Status {
    /** The run meets the goal. */
    MET,
    /** The run misses the goal. */
    MISSED,
    /** The run has no number to check the goal with (a contender did not run). */
    NOT_MEASURED
  }

  /**
   * One goal's verdict.
   *
   * @param status met, missed or not measured
   * @param text what was measured against what, and by how much it was met or missed
   */
  public record Goal(Status status, String text) {

    /**
     * The goal as a Markdown task-list bullet.
     *
     * @return e.g. {@code - [x] met: fast query: ...}
     */
    public String markdown() {
      return switch (status) {
        case MET -> "- [x] met: " + text;
        case MISSED -> "- [ ] **missed**: " + text;
        case NOT_MEASURED -> "- [ ] not measured: " + text;
      };
    }
  }

  /**
   * Evaluates the goals as Markdown bullets.
   *
   * @param tables the run's main tables
   * @param poolSize the pool size
   * @param javaFeatureVersion the feature version of the JVM the run was on
   * @return one Markdown bullet per goal
   */
  public static List<String> evaluate(List<WorkloadResult> tables, int poolSize, int javaFeatureVersion) {
    return goals(tables, poolSize, javaFeatureVersion).stream().map(Goal::markdown).toList();
  }

  /**
   * Evaluates the goals, for each workload of the run in table order.
   *
   * @param tables the run's main tables
   * @param poolSize the pool size
   * @param javaFeatureVersion the feature version of the JVM the run was on
   * @return one verdict per goal
   */
  public static List<Goal> goals(List<WorkloadResult> tables, int poolSize, int javaFeatureVersion) {
    List<Goal> goals = new ArrayList<>();
    for (WorkloadResult t : tables) {
      Optional<ContenderResult> subject = t.ran(SUBJECT);
      String label = t.workload().label();
      switch (t.workload()) {
        case FAST_QUERY, INSERT -> {
          double goal = peerGoal(javaFeatureVersion);
          goals.add(againstFastestPeer(t, subject, goal, (javaFeatureVersion >= VIRTUAL_THREADS_JAVA
              ? " on Java " + VIRTUAL_THREADS_JAVA + "+" : " before Java " + VIRTUAL_THREADS_JAVA)
              + ", this run is on Java " + javaFeatureVersion));
          goals.add(clientCpu(t, subject));
          goals.add(clientBytes(t, subject));
        }
        case LATENCY_BOUND -> goals.add(latencyBound(t, subject));
        case CROWD -> {
          goals.add(againstFastestPeer(t, subject, 1.0, ""));
          goals.add(crowdP99(t, subject));
          goals.add(crowdThreads(t, subject, poolSize));
          goals.add(subject.map(s -> new Goal(s.failures() == 0 ? Status.MET : Status.MISSED,
              label + ": async-oracle had " + s.failures() + " failures; goal 0"
                  + (s.failures() == 0 ? "" : "; " + s.failures() + " too many")))
              .orElseGet(() -> notRun(label + ": failures (goal 0)", SUBJECT)));
        }
        case FAN_OUT -> {
          goals.add(fanOutAgainstSequential(t, subject));
          goals.add(fanOutConnections(t, subject));
          // The template has no pipeline: no template goal here.
          continue;
        }
        default -> throw new IllegalStateException(t.workload().name());
      }
      goals.add(template(t, subject));
    }
    return goals;
  }

  /**
   * The goal for async-oracle / fastest peer on fast query and insert.
   *
   * @param javaFeatureVersion the JVM's feature version
   * @return {@value #PEER_GOAL_VIRTUAL_THREADS} on Java 21+, else {@value #PEER_GOAL_PLATFORM_THREADS}
   */
  public static double peerGoal(int javaFeatureVersion) {
    return javaFeatureVersion >= VIRTUAL_THREADS_JAVA ? PEER_GOAL_VIRTUAL_THREADS : PEER_GOAL_PLATFORM_THREADS;
  }

  private static Goal againstFastestPeer(WorkloadResult t, Optional<ContenderResult> subject, double goal,
      String when) {
    String label = t.workload().label();
    String what = label + ": throughput >= " + ratio(goal) + "x the fastest peer" + when;
    Optional<ContenderResult> peer = t.fastestPeer();
    if (subject.isEmpty()) {
      return notRun(what, SUBJECT);
    }
    if (peer.isEmpty()) {
      return new Goal(Status.NOT_MEASURED, what + ": no peer ran in this run");
    }
    ContenderResult s = subject.get();
    ContenderResult p = peer.get();
    double r = s.throughput() / p.throughput();
    boolean met = r >= goal;
    return new Goal(met ? Status.MET : Status.MISSED, label + ": async-oracle at " + ratio(r)
        + "x the fastest peer, " + p.name() + " (" + calls(s.throughput()) + " against " + calls(p.throughput())
        + " calls/s); goal >= " + ratio(goal) + "x" + when + "; "
        + (met ? margin(r - goal) + "x above the goal"
            : "short by " + margin(goal - r) + "x (" + calls(goal * p.throughput() - s.throughput()) + " calls/s)"));
  }

  private static Goal clientCpu(WorkloadResult t, Optional<ContenderResult> subject) {
    String label = t.workload().label();
    String what = label + ": client CPU per call <= " + CPU_PEER + "'s";
    Optional<ContenderResult> peer = t.ran(CPU_PEER);
    if (subject.isEmpty()) {
      return notRun(what, SUBJECT);
    }
    if (peer.isEmpty()) {
      return notRun(what, CPU_PEER);
    }
    double s = subject.get().clientCpuMicrosPerCall();
    double p = peer.get().clientCpuMicrosPerCall();
    if (Double.isNaN(s) || Double.isNaN(p)) {
      return new Goal(Status.NOT_MEASURED, what + ": this JVM's CPU time could not be read");
    }
    boolean met = s <= p;
    return new Goal(met ? Status.MET : Status.MISSED, label + ": async-oracle used " + micros(s)
        + " of client CPU per call against " + micros(p) + " for " + CPU_PEER + "; goal: no more; "
        + (met ? micros(p - s) + " less" : micros(s - p) + " more (" + ratio(s / p) + "x)"));
  }

  private static Goal clientBytes(WorkloadResult t, Optional<ContenderResult> subject) {
    String label = t.workload().label();
    String what = label + ": client bytes allocated per call <= " + CPU_PEER + "'s";
    Optional<ContenderResult> peer = t.ran(CPU_PEER);
    if (subject.isEmpty()) {
      return notRun(what, SUBJECT);
    }
    if (peer.isEmpty()) {
      return notRun(what, CPU_PEER);
    }
    double s = subject.get().clientBytesPerCall();
    double p = peer.get().clientBytesPerCall();
    if (Double.isNaN(s) || Double.isNaN(p)) {
      return new Goal(Status.NOT_MEASURED, what + ": this JVM's allocated bytes could not be read");
    }
    boolean met = s <= p;
    return new Goal(met ? Status.MET : Status.MISSED, label + ": async-oracle allocated " + bytes(s)
        + " per call against " + bytes(p) + " for " + CPU_PEER + "; goal: no more; "
        + (met ? bytes(p - s) + " less" : bytes(s - p) + " more (" + ratio(s / p) + "x)"));
  }

  private static Goal latencyBound(WorkloadResult t, Optional<ContenderResult> subject) {
    String label = t.workload().label();
    String what = label + ": throughput >= " + ratio(LATENCY_BOUND_GOAL) + " of pool / latency";
    if (subject.isEmpty()) {
      return notRun(what, SUBJECT);
    }
    if (Double.isNaN(t.latencyBound())) {
      return new Goal(Status.NOT_MEASURED, what + ": the serial latency was not measured");
    }
    double s = subject.get().throughput();
    double of = s / t.latencyBound();
    boolean met = of >= LATENCY_BOUND_GOAL;
    return new Goal(met ? Status.MET : Status.MISSED, label + ": async-oracle at " + ratio(of)
        + " of pool / latency (" + calls(s) + " of " + calls(t.latencyBound()) + " calls/s); goal >= "
        + ratio(LATENCY_BOUND_GOAL) + "; " + (met ? margin(of - LATENCY_BOUND_GOAL) + " above the goal"
            : "short by " + margin(LATENCY_BOUND_GOAL - of) + " ("
                + calls(LATENCY_BOUND_GOAL * t.latencyBound() - s) + " calls/s)"));
  }

  /**
   * The crowd's p99 against the lowest p99 of a peer that served the whole crowd correctly: a peer
   * with failures, or one that left callers without any answer in a window (an unfair pool serving
   * a few callers over and over), kept those callers out of its histogram, so its p99 is not
   * comparable; the verdict names such peers.
   */
  private static Goal crowdP99(WorkloadResult t, Optional<ContenderResult> subject) {
    String label = t.workload().label();
    String what = label + ": p99 <= the lowest p99 of a peer";
    Optional<ContenderResult> best = t.results().stream()
        .filter(r -> r.peer() && r.ran() && r.failures() == 0 && r.throughput() > 0 && r.servedEveryCaller())
        .min(Comparator.comparingDouble(ContenderResult::p99Micros));
    String unfair = t.results().stream()
        .filter(r -> r.peer() && r.ran() && r.failures() == 0 && r.throughput() > 0 && !r.servedEveryCaller())
        .map(r -> r.name() + " (p99 " + ms(r.p99Micros()) + " of the calls that completed, but only "
            + String.format(Locale.ROOT, "%,d of %,d", r.minServedCallers(), r.callers())
            + " callers had an answer in a window; the longest wait at a window's close was "
            + ms(r.longestWaitMicros()) + ")")
        .reduce((a, b) -> a + ", " + b).map(names -> "; not compared, callers left unanswered: " + names).orElse("");
    if (subject.isEmpty()) {
      return notRun(what, SUBJECT);
    }
    if (best.isEmpty()) {
      return new Goal(Status.NOT_MEASURED, what + ": no peer ran the crowd without failures, answering every caller"
          + unfair);
    }
    double s = subject.get().p99Micros();
    double p = best.get().p99Micros();
    boolean met = s <= p && subject.get().throughput() > 0;
    return new Goal(met ? Status.MET : Status.MISSED, label + ": async-oracle p99 " + ms(s) + " against "
        + ms(p) + " for " + best.get().name() + ", the lowest of a peer; goal: no higher; "
        + (met ? ms(p - s) + " lower" : subject.get().throughput() > 0
            ? ms(s - p) + " higher (" + ratio(s / p) + "x)" : "async-oracle completed no call") + unfair);
  }

  private static Goal crowdThreads(WorkloadResult t, Optional<ContenderResult> subject, int poolSize) {
    String label = t.workload().label();
    int limit = poolSize + THREAD_HEADROOM;
    String what = label + ": threads added <= pool max + " + THREAD_HEADROOM + " = " + limit;
    if (subject.isEmpty()) {
      return notRun(what, SUBJECT);
    }
    int added = subject.get().addedThreads();
    if (added < 0) {
      return new Goal(Status.NOT_MEASURED, what + ": no thread baseline was taken");
    }
    boolean met = added <= limit;
    return new Goal(met ? Status.MET : Status.MISSED, label + ": async-oracle added " + added
        + " threads to the JVM at peak; goal <= pool max + " + THREAD_HEADROOM + " = " + limit + "; "
        + (met ? (limit - added) + " under the limit" : (added - limit) + " over the limit"));
  }

  private static Goal template(WorkloadResult t, Optional<ContenderResult> subject) {
    String label = t.workload().label();
    String what = label + ": " + TEMPLATE + " >= " + ratio(TEMPLATE_GOAL) + "x async-oracle's throughput";
    Optional<ContenderResult> template = t.ran(TEMPLATE);
    if (subject.isEmpty()) {
      return notRun(what, SUBJECT);
    }
    if (template.isEmpty()) {
      return notRun(what, TEMPLATE);
    }
    double s = subject.get().throughput();
    double r = template.get().throughput() / s;
    boolean met = r >= TEMPLATE_GOAL;
    return new Goal(met ? Status.MET : Status.MISSED, label + ": " + TEMPLATE + " at " + ratio(r)
        + "x async-oracle (" + calls(template.get().throughput()) + " against " + calls(s) + " calls/s); goal >= "
        + ratio(TEMPLATE_GOAL) + "x; " + (met ? margin(r - TEMPLATE_GOAL) + "x above the goal"
            : "short by " + margin(TEMPLATE_GOAL - r) + "x"));
  }

  private static Goal fanOutAgainstSequential(WorkloadResult t, Optional<ContenderResult> subject) {
    String label = t.workload().label();
    String what = label + ": pipeline >= " + ratio(FAN_OUT_GOAL) + "x five sequential calls on one connection";
    Optional<ContenderResult> sequential = t.ran(FAN_OUT_SEQUENTIAL);
    if (subject.isEmpty()) {
      return notRun(what, SUBJECT);
    }
    if (sequential.isEmpty()) {
      return notRun(what, FAN_OUT_SEQUENTIAL);
    }
    double s = subject.get().throughput();
    double q = sequential.get().throughput();
    double r = s / q;
    boolean met = r >= FAN_OUT_GOAL;
    return new Goal(met ? Status.MET : Status.MISSED, label + ": the pipeline at " + ratio(r)
        + "x five sequential calls (" + calls(s) + " against " + calls(q) + " requests/s); goal >= "
        + ratio(FAN_OUT_GOAL) + "x; " + (met ? margin(r - FAN_OUT_GOAL) + "x above the goal"
            : "short by " + margin(FAN_OUT_GOAL - r) + "x"));
  }

  private static Goal fanOutConnections(WorkloadResult t, Optional<ContenderResult> subject) {
    String label = t.workload().label();
    String what = label + ": the pipeline holds one connection per request";
    if (subject.isEmpty()) {
      return notRun(what, SUBJECT);
    }
    double held = subject.get().connectionsPerRequest();
    if (Double.isNaN(held)) {
      return new Goal(Status.NOT_MEASURED, what + ": connections were not counted");
    }
    boolean met = held <= 1.0;
    return new Goal(met ? Status.MET : Status.MISSED, label + ": the pipeline took "
        + String.format(Locale.ROOT, "%.2f", held) + " connections per request; goal 1");
  }

  private static Goal notRun(String what, String contender) {
    return new Goal(Status.NOT_MEASURED, what + ": " + contender + " did not run in this workload");
  }

  private static String ratio(double ratio) {
    return String.format(Locale.ROOT, "%.2f", ratio);
  }

  /** A margin to a goal: two decimals, but never a misleading "0.00" for a goal missed by a hair. */
  private static String margin(double difference) {
    return difference > 0 && difference < 0.005 ? "< 0.01" : ratio(difference);
  }

  private static String calls(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f", perSecond);
  }

  private static String micros(double micros) {
    return String.format(Locale.ROOT, "%.0f us", micros);
  }

  private static String bytes(double bytes) {
    return String.format(Locale.ROOT, "%,.0f bytes", bytes);
  }

  private static String ms(double micros) {
    return Double.isNaN(micros) ? "n/a" : String.format(Locale.ROOT, "%,.1f ms", micros / 1000);
  }
}
