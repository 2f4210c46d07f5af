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
   * Creates the contender's pool and threads for one workload. The pool must hold
   * {@link ContenderContext#poolSize()} connections at most, and be ready to use when this returns.
   *
   * @param context the database, pool size and workload
   * @return the opened contender, to close after the workload
   * @throws Exception if it cannot be opened
   */
  Client open(ContenderContext context) throws Exception;
}
