package io.asyncoracle;

import org.reactivestreams.tck.TestEnvironment;

/** Settings shared by the Reactive Streams TCK runs against the two {@code stream()} publishers. */
final class StreamTck {

  /**
   * Generous for the signals a check waits for, so a loaded machine cannot fail a run; the
   * no-signal wait only bounds how long a check looks for a signal that must not come.
   */
  static final TestEnvironment ENVIRONMENT = new TestEnvironment(5_000, 200);
  /** How long rule 3.13's check waits for the subscriber to be collected after cancel. */
  static final long GC_TIMEOUT_MILLIS = 5_000;

  private StreamTck() {
  }

  /**
   * A one-connection pool whose queries H2 runs lazily, row by row as they are fetched: rule 3.17's
   * checks stream {@code Integer.MAX_VALUE} rows, which H2 would otherwise build in memory first.
   */
  static AsyncPool pool() {
    return AsyncOracle.createPool(TestDatabases.options().url(TestDatabases.newUrl() + ";LAZY_QUERY_EXECUTION=TRUE")
        .min(1).max(1).build()).join();
  }

  /** A query of exactly {@code elements} rows. */
  static String rows(long elements) {
    return "select x from system_range(1, " + elements + ")";
  }
}
