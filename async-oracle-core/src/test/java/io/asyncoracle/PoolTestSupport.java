package io.asyncoracle;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Helpers of the pool tests: H2 session counts, and polling with a bound instead of sleeping. */
public final class PoolTestSupport {

  private PoolTestSupport() {
  }

  /**
   * Counts the sessions open in the pool's H2 database, not counting the one asking.
   *
   * @param pool the pool
   * @return the number of sessions
   */
  public static int openSessions(AsyncPool pool) {
    PoolOptions o = pool.options();
    try (Connection c = DriverManager.getConnection(o.jdbcUrl(), o.user(), o.password());
        ResultSet rs = c.createStatement().executeQuery(
            "select count(*) from information_schema.sessions where session_id <> session_id()")) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Waits up to 20 s for a condition.
   *
   * @param what what is awaited, for the failure
   * @param condition the condition
   */
  public static void eventually(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 20 s: " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
