package io.asyncoracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Close semantics of DESIGN.md, with long-running queries in flight. */
@Tag("workers")
class AsyncPoolCloseTest {

  @Test
  void closeWhileBusyFailsAndLeavesThePoolWorking() {
    AsyncPool pool = TestDatabases.pool(2);
    AsyncConnection held = pool.acquire().join();

    CompletableFuture<Void> refused = pool.close();
    assertThatThrownBy(refused::join).cause().isInstanceOf(PoolBusyException.class)
        .hasMessageContaining("1 connection(s) still in use");
    assertThat(pool.isClosed()).isFalse();
    assertThat(pool.withConnection(c -> c.fetchOne("select 1 from dual")).join().get(0, Integer.class)).isEqualTo(1);

    held.close().join();
    pool.close().join();
    assertThat(pool.isClosed()).isTrue();
    assertThat(pool.stats().opened()).isZero();
  }

  @Test
  void closeIdlePoolThenAcquireFails() {
    AsyncPool pool = TestDatabases.pool(2);
    pool.close().join();
    assertThatThrownBy(pool.acquire()::join).cause().isInstanceOf(PoolClosedException.class);
    // Closing again is harmless.
    pool.close().join();
    pool.close(true, true).join();
  }

  @Test
  void forceCloseStopsAdmittingAndWaitsForTheRunningQuery() throws Exception {
    AsyncPool pool = TestDatabases.pool(1);
    AsyncConnection conn = pool.acquire().join();
    CompletableFuture<Row> running = conn.fetchOne(TestDatabases.SLOW_QUERY);
    CompletableFuture<Void> released = running.handle((r, e) -> null).thenCompose(x -> conn.close());
    CompletableFuture<AsyncConnection> queued = pool.acquire();
    TestDatabases.awaitRunning(pool, TestDatabases.SLOW_QUERY, 1);

    CompletableFuture<Void> closed = pool.close(true, false);

    assertThatThrownBy(queued::join).cause().isInstanceOf(PoolClosedException.class);
    assertThatThrownBy(pool.acquire()::join).cause().isInstanceOf(PoolClosedException.class);
    assertThat(closed).isNotDone();
    // The drained query finishes normally, then the close completes.
    assertThat(running.get(30, TimeUnit.SECONDS).get(0, Long.class)).isPositive();
    released.get(10, TimeUnit.SECONDS);
    closed.get(10, TimeUnit.SECONDS);
    assertThat(pool.stats().opened()).isZero();
  }

  @Test
  void forceInterruptCancelsLongQueriesAndReturnsPromptly() throws Exception {
    AsyncPool pool = TestDatabases.pool(2);
    AsyncConnection first = pool.acquire().join();
    AsyncConnection second = pool.acquire().join();
    CompletableFuture<Row> q1 = first.fetchOne(TestDatabases.VERY_SLOW_QUERY);
    CompletableFuture<Row> q2 = second.fetchOne(TestDatabases.VERY_SLOW_QUERY);
    TestDatabases.awaitRunning(pool, TestDatabases.VERY_SLOW_QUERY, 2);

    long start = System.nanoTime();
    pool.close(true, true).get(10, TimeUnit.SECONDS);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    System.out.println("close(force, interrupt) with two 30 s queries running took " + millis + " ms");

    // Thirty-second queries cannot have finished: they were cancelled.
    assertThat(millis).isLessThan(10_000);
    assertThatThrownBy(q1::join).cause().isInstanceOf(PoolClosedException.class);
    assertThatThrownBy(q2::join).cause().isInstanceOf(PoolClosedException.class);
    // Calls on a reclaimed connection are refused; closing it is harmless.
    assertThatThrownBy(first.fetchOne("select 1 from dual")::join).cause().isInstanceOf(PoolClosedException.class);
    first.close().join();
    assertThat(pool.stats().opened()).isZero();
    assertThat(pool.stats().busy()).isZero();
  }

  @Test
  void forceWithTimeoutEscalatesToInterrupt() throws Exception {
    AsyncPool pool = TestDatabases.pool(1);
    AsyncConnection conn = pool.acquire().join();
    CompletableFuture<Row> running = conn.fetchOne(TestDatabases.VERY_SLOW_QUERY);
    TestDatabases.awaitRunning(pool, TestDatabases.VERY_SLOW_QUERY, 1);

    long start = System.nanoTime();
    CompletableFuture<Void> closed = pool.close(true, false, Duration.ofMillis(500));
    closed.get(10, TimeUnit.SECONDS);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    // It waited out its timeout before interrupting, and did not wait for the 30 s query.
    assertThat(millis).isBetween(500L, 10_000L);
    assertThatThrownBy(running::join).cause().isInstanceOf(PoolClosedException.class);
  }

  @Test
  void forceCloseWaitsForAConnectionTheApplicationStillHolds() throws Exception {
    AsyncPool pool = TestDatabases.pool(1);
    AsyncConnection conn = pool.acquire().join();
    CompletableFuture<Void> closed = pool.close(true, false);
    Thread.sleep(200);
    assertThat(closed).isNotDone();
    // The held connection still works until the application gives it back.
    assertThat(conn.fetchOne("select 7 from dual").join().get(0, Integer.class)).isEqualTo(7);
    conn.close().join();
    closed.get(10, TimeUnit.SECONDS);
  }

  @Test
  void closingRightAfterTheLastReleaseAlwaysCompletes() throws Exception {
    // Regression: the "already drained" path once ran before the close future was published.
    for (int i = 0; i < 100; i++) {
      AsyncPool pool = TestDatabases.pool(1);
      pool.acquire().join().close().join();
      pool.close().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void negativeCloseTimeoutIsRejected() {
    AsyncPool pool = TestDatabases.pool(1);
    assertThatThrownBy(pool.close(true, false, Duration.ofSeconds(-1))::join).cause()
        .isInstanceOf(InvalidArgumentException.class);
    assertThat(pool.isClosed()).isFalse();
    pool.close().join();
  }
}
