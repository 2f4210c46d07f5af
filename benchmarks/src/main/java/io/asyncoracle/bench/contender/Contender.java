package io.asyncoracle.bench.contender;

import java.util.Optional;

/**
 * A way of running the benchmark's calls against the database, e.g. "HikariCP + CompletableFuture".
 * A contender is opened once per workload and closed after it.
 */
public interface Contender {

  /**
   * The name shown in tables and charts.
   *
   * @return e.g. {@code async-oracle}
   */
  String name();

  /**
   * How the contender is set up, for the report: the pool, the threads, anything not at its
   * library's defaults.
   *
   * @return a one-line description
   */
  String setup();

  /**
   * Why this contender cannot run on this JVM, if it cannot.
   *
   * @return the reason, or empty when it can run
   */
  default Optional<String> notApplicable() {
    return Optional.empty();
  }

  /**
   * Why this contender cannot run one workload, if it cannot. The harness asks this, not
   * {@link #notApplicable()}, before opening a contender for a workload, so a contender can decline a
   * workload whose shape it does not fit (one connection per caller cannot serve a crowd of
   * 10,000 with the pool size everyone else gets).
   *
   * @param context the database, pool size, workload and callers the contender would be opened with
   * @return the reason, or empty when it can run; by default {@link #notApplicable()}
   */
  default Optional<String> notApplicable(ContenderContext context) {
    return notApplicable();
  }

  /**
   * Whether this contender is a <em>peer</em>: one of the ways Java applications reach a database
   * asynchronously today, which async-oracle has to beat to be worth using. The report's headline
   * is every contender as a multiple of the fastest peer of the same run. Baselines and references
   * (threaded sync, dedicated connections, virtual threads on UCP) and async-oracle's own contenders
   * are not peers: a reference shows what the driver can do, not what users would pick instead.
   *
   * @return {@code true} for a peer; {@code false} by default
   */
  default boolean peer() {
    return false;
  }

  /**
   * Creates the contender's pool and threads for one workload. The pool must hold
   * {@link ContenderContext#poolSize()} connections at most, and be ready to use when this returns.
   *
   * @param context the database, pool size and workload
   * @return the opened contender, to close after the workload
   * @throws Exception if it cannot be opened
   */
  Client open(ContenderContext context) throws Exception;
}
