package io.asyncoracle.bench;

import io.asyncoracle.bench.db.DatabaseTarget;
import io.asyncoracle.bench.db.H2ServerProcess;
import io.asyncoracle.bench.report.MarkdownReport;
import io.asyncoracle.bench.report.ThroughputChart;
import io.asyncoracle.bench.run.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * Runs the benchmark: starts an H2 TCP server in its own JVM (or uses the Oracle URL given), runs
 * every workload for every contender, and writes {@code latest.md} and {@code latest.png}.
 */
public final class BenchmarkMain {

  private BenchmarkMain() {
  }

  /**
   * Entry point.
   *
   * @param args options, see {@link BenchmarkSettings#usage()}
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    if (List.of(args).contains("--help")) {
      System.out.println(BenchmarkSettings.usage());
      return;
    }
    BenchmarkSettings settings = BenchmarkSettings.parse(args);
    String command = System.getProperty("bench.command", "benchmarks/run.sh " + String.join(" ", args)).trim();
    RunResult result = run(settings, System.out::println);
    Path markdown = write(result, settings, command);
    System.out.println("wrote " + markdown + " and " + markdown.resolveSibling("latest.png"));
  }

  /**
   * Runs the benchmark with the settings, starting and stopping the H2 server when no Oracle URL is given.
   *
   * @param settings the settings
   * @param log where progress goes
   * @return the results
   * @throws Exception on failure
   */
  public static RunResult run(BenchmarkSettings settings, java.util.function.Consumer<String> log) throws Exception {
    log.accept("settings: " + settings);
    if (settings.oracle()) {
      // Statement caching the same for every contender: ojdbc reads connection properties from system properties.
      System.setProperty("oracle.jdbc.implicitStatementCacheSize", "20");
      DatabaseTarget target = new DatabaseTarget(settings.oracleUrl(), settings.oracleUser(), settings.oraclePassword(), true);
      try (BenchmarkRun run = new BenchmarkRun(settings, target, OptionalLong::empty, log)) {
        return run.run();
      }
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    try (H2ServerProcess server = H2ServerProcess.start(java, List.of("-Xms1g", "-Xmx1g"))) {
      DatabaseTarget target = server.target("bench");
      log.accept("H2 server pid " + server.pid() + ": " + target.url());
      try (BenchmarkRun run = new BenchmarkRun(settings, target, () -> cpu(server.pid()), log)) {
        return run.run();
      }
    }
  }

  /**
   * Writes {@code latest.md} and {@code latest.png} into the settings' output directory.
   *
   * @param result the results
   * @param settings the settings
   * @param command the command line, for the report
   * @return the Markdown file
   * @throws java.io.IOException if they cannot be written
   */
  public static Path write(RunResult result, BenchmarkSettings settings, String command) throws java.io.IOException {
    Path dir = settings.outputDirectory();
    Files.createDirectories(dir);
    Path markdown = dir.resolve("latest.md");
    Files.writeString(markdown, MarkdownReport.render(result, settings.poolSize(), command));
    ThroughputChart.write(result.workloads(), result.machine().split("; JVM flags")[0], dir.resolve("latest.png"));
    return markdown;
  }

  private static OptionalLong cpu(long pid) {
    return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos)
        .map(OptionalLong::of).orElse(OptionalLong.empty());
  }
}
