package io.asyncoracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code future.cancel(true)} on a call's future breaks the running statement ({@code Statement.cancel},
 * Oracle's break) and gives the connection back promptly and usable; a cancelled call still queued
 * never runs. The slow query runs about 30 seconds uncancelled: each test waits at most 10 seconds for
 * what a cancel must bring about, so on code where cancel does not cancel, it fails.
 */
@Tag("workers")
class CancelTest {

  private static final long PROMPTLY_SECONDS = 10;

  private AsyncPool pool;

  @AfterEach
  void close() {
    if (pool != null) {
      pool.close(true, true).orTimeout(30, TimeUnit.SECONDS).join();
    }
  }

  private static <T> T promptly(CompletableFuture<T> future) {
    return future.orTimeout(PROMPTLY_SECONDS, TimeUnit.SECONDS).join();
  }

  /** Waits until H2 runs no statement containing {@code sql} any more. */
  private void awaitNotRunning(String sql) throws Exception {
    PoolOptions options = pool.options();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROMPTLY_SECONDS);
    try (Connection watcher = DriverManager.getConnection(options.jdbcUrl(), options.user(), options.password());
        java.sql.PreparedStatement running = watcher.prepareStatement("select count(*) from information_schema.sessions"
            + " where locate(?, executing_statement) > 0 and session_id <> session_id()")) {
      running.setString(1, sql);
      while (true) {
        try (ResultSet rs = running.executeQuery()) {
          rs.next();
          if (rs.getInt(1) == 0) {
            return;
          }
        }
        assertThat(System.nanoTime()).as("the statement still runs in the database").isLessThan(deadline);
        Thread.sleep(5);
      }
    }
  }

  private void awaitNothingLent() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROMPTLY_SECONDS);
    while (pool.stats().busy() != 0) {
      assertThat(System.nanoTime()).as("the cancelled call's connection was not given back: " + pool.stats())
          .isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  @Test
  void cancellingACallFutureCancelsTheStatementAndKeepsTheConnection() throws Exception {
    pool = TestDatabases.pool(1);
    AsyncConnection conn = TestFutures.await(pool.acquire());
    CompletableFuture<Row> slow = conn.fetchOne(TestDatabases.VERY_SLOW_QUERY);
    TestDatabases.awaitRunning(pool, TestDatabases.VERY_SLOW_QUERY, 1);

    assertThat(slow.cancel(true)).isTrue();
    assertThat(slow).isCancelled();
    awaitNotRunning(TestDatabases.VERY_SLOW_QUERY);
    // The same connection, next call: it runs at once rather than behind the 30-second query.
    assertThat(promptly(conn.fetchOne("select 5 from dual")).get(0, Integer.class)).isEqualTo(5);
    assertThat(conn.isHealthy()).isTrue();
    promptly(conn.close());
    assertThat(pool.stats().busy()).isZero();
  }

  @Test
  void cancellingAQueuedCallRemovesItWithoutRunningIt() throws Exception {
    pool = TestDatabases.pool(1);
    AsyncConnection conn = TestFutures.await(pool.acquire());
    TestFutures.await(conn.execute("create table cancelled_calls (id number)"));
    CompletableFuture<Row> slow = conn.fetchOne(TestDatabases.VERY_SLOW_QUERY);
    CompletableFuture<Long> queued = conn.execute("insert into cancelled_calls values (1)");
    TestDatabases.awaitRunning(pool, TestDatabases.VERY_SLOW_QUERY, 1);

    assertThat(queued.cancel(true)).isTrue();
    assertThat(slow.cancel(true)).isTrue();
    assertThat(promptly(conn.fetchOne("select count(*) from cancelled_calls")).get(0, Integer.class)).isZero();
    promptly(conn.close());
  }

  @Test
  void cancellingWithConnectionCancelsItsStatementAndGivesTheConnectionBack() throws Exception {
    pool = TestDatabases.pool(1);
    CompletableFuture<Row> slow = pool.withConnection(c -> c.fetchOne(TestDatabases.VERY_SLOW_QUERY));
    TestDatabases.awaitRunning(pool, TestDatabases.VERY_SLOW_QUERY, 1);

    assertThat(slow.cancel(true)).isTrue();
    awaitNotRunning(TestDatabases.VERY_SLOW_QUERY);
    awaitNothingLent();
    // The one connection of the pool is back, usable.
    assertThat(promptly(pool.withConnection(c -> c.fetchOne("select 6 from dual"))).get(0, Integer.class))
        .isEqualTo(6);
    assertThat(pool.stats().busy()).isZero();
  }

  @Test
  void cancellingWithConnectionStopsTheCallsItsWorkHasQueued() throws Exception {
    pool = TestDatabases.pool(1);
    TestFutures.await(pool.withConnection(c -> c.execute("create table later_calls (id number)")
        .thenCompose(n -> c.commit())));
    CompletableFuture<Long> work = pool.withConnection(c -> c.fetchOne(TestDatabases.VERY_SLOW_QUERY)
        .thenCompose(row -> c.execute("insert into later_calls values (1)"))
        .thenCompose(n -> c.commit().thenApply(done -> n)));
    TestDatabases.awaitRunning(pool, TestDatabases.VERY_SLOW_QUERY, 1);

    assertThat(work.cancel(true)).isTrue();
    awaitNothingLent();
    assertThat(promptly(pool.withConnection(c -> c.fetchOne("select count(*) from later_calls"))).get(0, Integer.class))
        .isZero();
  }

  @Test
  void cancellingWithConnectionWhileItWaitsForAConnectionLeavesTheQueue() throws Exception {
    pool = TestDatabases.pool(1);
    AsyncConnection holder = TestFutures.await(pool.acquire());
    CompletableFuture<Row> waiting = pool.withConnection(c -> c.fetchOne("select 1 from dual"));
    assertThat(pool.stats().waiting()).isEqualTo(1);

    assertThat(waiting.cancel(true)).isTrue();
    assertThat(pool.stats().waiting()).isZero();
    promptly(holder.close());
    assertThat(pool.stats().busy()).isZero();
    assertThat(promptly(pool.withConnection(c -> c.fetchOne("select 8 from dual"))).get(0, Integer.class)).isEqualTo(8);
  }

  @Test
  void cancellingADerivedFutureDoesNotCancelTheStatement() throws Exception {
    // Cancelling what thenApply returned is the application's own business: the call it depends
    // on runs on (CompletableFuture never propagates a cancel upstream), as with any future.
    pool = TestDatabases.pool(1);
    AsyncConnection conn = TestFutures.await(pool.acquire());
    CompletableFuture<Row> call = conn.fetchOne("select count(*) from system_range(1, 200000)");
    CompletableFuture<Integer> derived = call.thenApply(row -> row.get(0, Integer.class));
    derived.cancel(true);
    assertThat(promptly(call).get(0, Integer.class)).isEqualTo(200000);
    promptly(conn.close());
  }

  @Test
  void cancellingACompletedCallChangesNothing() {
    pool = TestDatabases.pool(1);
    AsyncConnection conn = TestFutures.await(pool.acquire());
    CompletableFuture<Row> done = conn.fetchOne("select 1 from dual");
    TestFutures.await(done);
    assertThat(done.cancel(true)).isFalse();
    assertThat(promptly(conn.fetchOne("select 2 from dual")).get(0, Integer.class)).isEqualTo(2);
    promptly(conn.close());
  }

  @Test
  void aCancelledStatementLeavesNoSessionBehind() throws Exception {
    pool = TestDatabases.pool(2);
    CompletableFuture<Row> a = pool.withConnection(c -> c.fetchOne(TestDatabases.VERY_SLOW_QUERY));
    CompletableFuture<Row> b = pool.withConnection(c -> c.fetchOne(TestDatabases.VERY_SLOW_QUERY));
    TestDatabases.awaitRunning(pool, TestDatabases.VERY_SLOW_QUERY, 2);
    a.cancel(true);
    b.cancel(true);
    awaitNotRunning(TestDatabases.VERY_SLOW_QUERY);
    awaitNothingLent();
    try (Connection direct = DriverManager.getConnection(pool.options().jdbcUrl(), "sa", "secret-pw");
        Statement s = direct.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from information_schema.sessions")) {
      rs.next();
      assertThat(rs.getInt(1)).isPositive();
    }
  }
}
