package io.asyncoracle;

import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

/** Embedded H2 databases in Oracle mode for tests, one per call so tests never share state. */
public final class TestDatabases {

  /** A query that runs about 3 seconds on these machines and stops at once when cancelled. */
  public static final String SLOW_QUERY =
      "select count(*) from system_range(1, 5000) a, system_range(1, 5000) b where a.x + b.x > 3";
  /** A query that runs about 30 seconds. */
  public static final String VERY_SLOW_QUERY =
      "select count(*) from system_range(1, 20000) a, system_range(1, 20000) b where a.x + b.x > 3";

  private TestDatabases() {
  }

  public static String newUrl() {
    return "jdbc:h2:mem:t" + UUID.randomUUID().toString().replace("-", "") + ";MODE=Oracle;DB_CLOSE_DELAY=-1";
  }

  public static PoolOptions.Builder options() {
    return withTestWorkers(PoolOptions.builder().url(newUrl()).user("sa").password("secret-pw")
        .min(1).max(4).acquireTimeout(Duration.ofSeconds(10)));
  }

  /**
   * The worker mode of this test run: the build's JDK 25 run of the worker tests sets
   * {@code asyncoracle.test.virtualThreads}, so the same tests exercise virtual-thread workers
   * (the default, on every JVM, is platform workers).
   */
  public static PoolOptions.Builder withTestWorkers(PoolOptions.Builder builder) {
    return Boolean.getBoolean("asyncoracle.test.virtualThreads")
        ? builder.virtualThreads(io.asyncoracle.VirtualThreads.ENABLED)
        : builder;
  }

  public static AsyncPool pool(int max) {
    return AsyncOracle.createPool(options().max(max).build()).join();
  }

  /**
   * Waits until H2 reports {@code sessions} sessions of the pool's database running a statement
   * that contains {@code sql}. A test that cancels, times out or interrupts a query needs it to
   * be running in the database, not merely handed to the pool: a cancel that comes before the
   * statement starts has nothing to stop. A sleep only makes that likely.
   *
   * @param pool the pool whose database to watch
   * @param sql the statement text to look for
   * @param sessions how many sessions must be running it
   */
  public static void awaitRunning(AsyncPool pool, String sql, int sessions) {
    PoolOptions options = pool.options();
    long deadline = System.nanoTime() + TestFutures.TIMEOUT.toNanos();
    try (Connection watcher = DriverManager.getConnection(options.jdbcUrl(), options.user(), options.password());
        PreparedStatement running = watcher.prepareStatement("select count(*) from information_schema.sessions"
            + " where locate(?, executing_statement) > 0 and session_id <> session_id()")) {
      running.setString(1, sql);
      while (true) {
        try (ResultSet rs = running.executeQuery()) {
          rs.next();
          if (rs.getInt(1) >= sessions) {
            return;
          }
        }
        if (System.nanoTime() > deadline) {
          fail("fewer than " + sessions + " session(s) ran '" + sql + "' within " + TestFutures.TIMEOUT);
        }
        Thread.sleep(5);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
