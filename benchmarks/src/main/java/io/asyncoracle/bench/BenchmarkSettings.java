package io.asyncoracle.bench;

import io.asyncoracle.bench.workload.Workload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The run's settings. Defaults give a run of a few minutes on two cores; {@code --quick} a smoke
 * run of seconds. Every option is {@code --name=value}; {@link #usage()} lists them.
 *
 * @param poolSize connections in every contender's pool
 * @param callers concurrent callers for the fast query, insert and latency-bound workloads; by default
 *     the pool size, so the threaded-sync baseline never waits for a connection and runs at its ceiling
 * @param crowd concurrent callers for the crowd workload
 * @param warmup warm-up window per contender and workload
 * @param window measured window length
 * @param reps measured windows per contender and workload
 * @param ramp how long callers run before each measured window opens
 * @param crowdWarmup warm-up window for the crowd
 * @param crowdWindow measured window length for the crowd
 * @param crowdReps measured windows for the crowd
 * @param crowdRamp ramp before each crowd window
 * @param crowdPlatformThreads at most this many platform threads for a blocking contender in the
 *     crowd (a safety cap: 10,000 platform threads spinning in UCP's borrow overload the machine)
 * @param serverMicros time the latency-bound query spends in the database
 * @param acquireTimeout how long any caller may wait for a connection
 * @param workloads the workloads to run
 * @param contenders names of the contenders to run (empty: all)
 * @param diagnostics whether to run the async-oracle diagnostics
 * @param ucpProbe whether to run the UCP async-borrow probe
 * @param outputDirectory where latest.md and latest.png go
 * @param oracleUrl a real Oracle JDBC URL instead of the H2 server (null: H2)
 * @param oracleUser the Oracle user
 * @param oraclePassword the Oracle password
 */
public record BenchmarkSettings(int poolSize, int callers, int crowd, Duration warmup, Duration window, int reps,
    Duration ramp, Duration crowdWarmup, Duration crowdWindow, int crowdReps, Duration crowdRamp,
    int crowdPlatformThreads, long serverMicros,
    Duration acquireTimeout, Set<Workload> workloads, List<String> contenders, boolean diagnostics, boolean ucpProbe,
    Path outputDirectory, String oracleUrl, String oracleUser, String oraclePassword)
    implements Workload.BenchmarkShape {

  /**
   * The default run.
   *
   * @return the defaults
   */
  public static BenchmarkSettings defaults() {
    return new BenchmarkSettings(8, 8, 10_000, Duration.ofMillis(1500), Duration.ofMillis(1500), 3,
        Duration.ofMillis(300), Duration.ofMillis(1500), Duration.ofMillis(2500), 2, Duration.ofMillis(1000), 1_000, 2_000,
        Duration.ofSeconds(30), EnumSet.allOf(Workload.class), List.of(), true, true,
        Path.of("benchmarks", "results"), null, null, null);
  }

  /**
   * Parses command-line options over the defaults.
   *
   * @param args e.g. {@code --quick --reps=5 --workloads=fast_query,crowd}
   * @return the settings
   * @throws IllegalArgumentException on an unknown or malformed option
   */
  public static BenchmarkSettings parse(String... args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "'\n" + usage());
      }
      int eq = arg.indexOf('=');
      options.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
    }
    BenchmarkSettings s = Boolean.parseBoolean(options.remove("quick")) ? quick() : defaults();
    Path out = s.outputDirectory;
    String url = s.oracleUrl;
    String user = s.oracleUser;
    String password = s.oraclePassword;
    int pool = s.poolSize;
    int callers = s.callers;
    int crowd = s.crowd;
    int reps = s.reps;
    int crowdReps = s.crowdReps;
    int crowdThreads = s.crowdPlatformThreads;
    Duration warmup = s.warmup;
    Duration window = s.window;
    Duration crowdWarmup = s.crowdWarmup;
    Duration crowdWindow = s.crowdWindow;
    long serverMicros = s.serverMicros;
    Set<Workload> workloads = s.workloads;
    List<String> contenders = s.contenders;
    boolean diagnostics = s.diagnostics;
    boolean probe = s.ucpProbe;
    for (Map.Entry<String, String> e : options.entrySet()) {
      String v = e.getValue();
      switch (e.getKey()) {
        case "pool" -> pool = positive(e.getKey(), v);
        case "callers" -> callers = positive(e.getKey(), v);
        case "crowd" -> crowd = positive(e.getKey(), v);
        case "reps" -> reps = positive(e.getKey(), v);
        case "crowd-reps" -> crowdReps = positive(e.getKey(), v);
        case "crowd-platform-threads" -> crowdThreads = positive(e.getKey(), v);
        case "warmup" -> warmup = Duration.ofMillis(positive(e.getKey(), v));
        case "window" -> window = Duration.ofMillis(positive(e.getKey(), v));
        case "crowd-warmup" -> crowdWarmup = Duration.ofMillis(positive(e.getKey(), v));
        case "crowd-window" -> crowdWindow = Duration.ofMillis(positive(e.getKey(), v));
        case "server-micros" -> serverMicros = positive(e.getKey(), v);
        case "workloads" -> workloads = workloads(v);
        case "contenders" -> contenders = List.of(v.split(","));
        case "diagnostics" -> diagnostics = Boolean.parseBoolean(v);
        case "ucp-probe" -> probe = Boolean.parseBoolean(v);
        case "out" -> out = Path.of(v);
        case "oracle-url" -> url = v;
        case "oracle-user" -> user = v;
        case "oracle-password" -> password = v;
        default -> throw new IllegalArgumentException("unknown option --" + e.getKey() + "\n" + usage());
      }
    }
    if (url == null) {
      url = System.getenv("BENCH_ORACLE_URL");
    }
    if (url != null && user == null) {
      user = System.getenv("BENCH_ORACLE_USER");
    }
    if (url != null && password == null) {
      password = System.getenv("BENCH_ORACLE_PASSWORD");
    }
    return new BenchmarkSettings(pool, callers, crowd, warmup, window, reps, s.ramp, crowdWarmup, crowdWindow,
        crowdReps, s.crowdRamp, crowdThreads, serverMicros, s.acquireTimeout, workloads, contenders, diagnostics, probe,
        out, url, user, password);
  }

  /**
   * A run of seconds, to check the harness works (used by the smoke test and {@code --quick}).
   *
   * @return tiny settings
   */
  public static BenchmarkSettings quick() {
    BenchmarkSettings d = defaults();
    return new BenchmarkSettings(d.poolSize, 8, 500, Duration.ofMillis(300), Duration.ofMillis(300), 1,
        Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofMillis(400), 1, Duration.ofMillis(200),
        d.crowdPlatformThreads, d.serverMicros, d.acquireTimeout, d.workloads, d.contenders, true, true,
        d.outputDirectory, null, null, null);
  }

  /**
   * Returns these settings with another output directory.
   *
   * @param directory the directory
   * @return the new settings
   */
  public BenchmarkSettings withOutputDirectory(Path directory) {
    return new BenchmarkSettings(poolSize, callers, crowd, warmup, window, reps, ramp, crowdWarmup, crowdWindow,
        crowdReps, crowdRamp, crowdPlatformThreads, serverMicros, acquireTimeout, workloads, contenders, diagnostics,
        ucpProbe, directory, oracleUrl, oracleUser, oraclePassword);
  }

  /**
   * The option list.
   *
   * @return the usage text
   */
  public static String usage() {
    return String.join("\n",
        "options (durations in milliseconds):",
        "  --quick                 tiny settings: a smoke run of seconds",
        "  --pool=8                connections in every contender's pool",
        "  --callers=8             concurrent callers (fast query, insert, latency-bound)",
        "  --crowd=10000           concurrent callers in the crowd workload",
        "  --warmup=1500 --window=1500 --reps=3   (diagnostics: at most 2 reps, 1000 ms warm-up)",
        "  --crowd-warmup=1500 --crowd-window=2500 --crowd-reps=2",
        "  --crowd-platform-threads=1000   cap on platform caller threads in the crowd (threaded sync)",
        "  --server-micros=2000    time the latency-bound query spends in the database",
        "  --workloads=fast_query,insert,latency_bound,fan_out,crowd   (fan_out alone: --workloads=fan_out)",
        "  --contenders=NAME,...   run only these (see the table for names)",
        "  --diagnostics=false     skip the async-oracle variants",
        "  --ucp-probe=false       skip the UCP async-borrow probe",
        "  --out=benchmarks/results",
        "  --oracle-url=jdbc:oracle:thin:@//host:1521/service --oracle-user=U --oracle-password=P",
        "                          (or BENCH_ORACLE_URL, BENCH_ORACLE_USER, BENCH_ORACLE_PASSWORD)");
  }

  /**
   * How long the UCP probe watches waiting borrows (its throughput loops take twice this).
   *
   * @return 500 ms, or 100 ms for quick runs
   */
  public Duration probeWatch() {
    return window.compareTo(Duration.ofMillis(500)) < 0 ? Duration.ofMillis(100) : Duration.ofMillis(500);
  }

  @Override
  public long serverMicros() {
    return serverMicros;
  }

  /**
   * Whether this run targets a real Oracle Database.
   *
   * @return {@code true} with an Oracle URL
   */
  public boolean oracle() {
    return oracleUrl != null;
  }

  private static int positive(String name, String value) {
    try {
      int n = Integer.parseInt(value.replace("_", ""));
      if (n < 1) {
        throw new IllegalArgumentException("--" + name + " must be at least 1, got " + value);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a number, got '" + value + "'", e);
    }
  }

  private static Set<Workload> workloads(String value) {
    List<Workload> list = new ArrayList<>();
    for (String name : value.split(",")) {
      try {
        list.add(Workload.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown workload '" + name + "'; known: "
            + Arrays.toString(Workload.values()), e);
      }
    }
    return EnumSet.copyOf(list);
  }

  @Override
  public String toString() {
    return "pool=" + poolSize + ", callers=" + callers + ", crowd=" + crowd + ", warmup=" + warmup.toMillis()
        + "ms, window=" + window.toMillis() + "ms x " + reps + ", crowd window=" + crowdWindow.toMillis() + "ms x "
        + crowdReps + " (platform caller threads capped at " + crowdPlatformThreads + "), server time=" + serverMicros
        + "us, acquire timeout=" + acquireTimeout.toSeconds() + "s";
  }
}
