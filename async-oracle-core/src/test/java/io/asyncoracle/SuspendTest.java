package io.asyncoracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link AsyncPool#suspend(Duration)} leaves no connection to the database open (what a CRaC
 * checkpoint needs, and what a paused application context should do), and
 * {@link AsyncPool#resume()} brings the pool back, serving the acquires that waited.
 */
@Tag("workers")
class SuspendTest {

  private AsyncPool pool;

  @AfterEach
  void close() {
    if (pool != null) {
      pool.close(true, true).orTimeout(30, TimeUnit.SECONDS).join();
    }
  }

  private static <T> T promptly(CompletableFuture<T> future) {
    return future.orTimeout(10, TimeUnit.SECONDS).join();
  }

  /** Sessions the pool's H2 database has open, other than the one asking. */
  private int openSessions() throws Exception {
    PoolOptions options = pool.options();
    try (Connection watcher = DriverManager.getConnection(options.jdbcUrl(), options.user(), options.password());
        PreparedStatement ps = watcher.prepareStatement(
            "select count(*) from information_schema.sessions where session_id <> session_id()");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private int select(int value) {
    return promptly(pool.withConnection(c -> c.fetchOne("select ? from dual", value))).get(0, Integer.class);
  }

  @Test
  void suspendClosesEveryConnectionAndResumeOpensThemAgain() throws Exception {
    pool = AsyncOracle.createPool(TestDatabases.options().min(2).max(3).build()).join();
    assertThat(select(1)).isEqualTo(1);
    assertThat(openSessions()).isPositive();

    promptly(pool.suspend(Duration.ofSeconds(5)));
    assertThat(pool.isSuspended()).isTrue();
    assertThat(pool.isClosed()).isFalse();
    assertThat(openSessions()).isZero();
    assertThat(pool.stats().opened()).isZero();

    promptly(pool.resume());
    assertThat(pool.isSuspended()).isFalse();
    assertThat(select(2)).isEqualTo(2);
    assertThat(openSessions()).isPositive();
    // Again: a context may be paused and restarted many times.
    promptly(pool.suspend(Duration.ofSeconds(5)));
    assertThat(openSessions()).isZero();
    promptly(pool.resume());
    assertThat(select(3)).isEqualTo(3);
  }

  @Test
  void acquiresMadeWhileSuspendedWaitAndAreServedAfterTheResume() throws Exception {
    pool = AsyncOracle.createPool(TestDatabases.options().max(2).build()).join();
    promptly(pool.suspend(Duration.ZERO));
    CompletableFuture<Row> first = pool.withConnection(c -> c.fetchOne("select 10 from dual"));
    CompletableFuture<Row> second = pool.withConnection(c -> c.fetchOne("select 20 from dual"));
    CompletableFuture<Row> third = pool.withConnection(c -> c.fetchOne("select 30 from dual"));
    Thread.sleep(200);
    assertThat(first).isNotDone();
    assertThat(pool.stats().waiting()).isEqualTo(3);
    assertThat(openSessions()).isZero();

    promptly(pool.resume());
    assertThat(promptly(first).get(0, Integer.class)).isEqualTo(10);
    assertThat(promptly(second).get(0, Integer.class)).isEqualTo(20);
    assertThat(promptly(third).get(0, Integer.class)).isEqualTo(30);
    assertThat(pool.stats().busy()).isZero();
  }

  @Test
  void anAcquireWhileSuspendedStillTimesOut() {
    pool = AsyncOracle.createPool(TestDatabases.options().max(1).acquireTimeout(Duration.ofMillis(200)).build()).join();
    promptly(pool.suspend(Duration.ZERO));
    assertThat(TestFutures.failure(pool.acquire())).isInstanceOf(AcquireTimeoutException.class);
    assertThat(pool.stats().waiting()).isZero();
  }

  @Test
  void suspendWaitsForBorrowedConnectionsToComeBack() throws Exception {
    pool = AsyncOracle.createPool(TestDatabases.options().max(2).build()).join();
    AsyncConnection borrowed = TestFutures.await(pool.acquire());
    CompletableFuture<Void> suspended = pool.suspend(Duration.ZERO);
    Thread.sleep(200);
    assertThat(suspended).isNotDone();
    // The borrower goes on with its work meanwhile.
    assertThat(promptly(borrowed.fetchOne("select 4 from dual")).get(0, Integer.class)).isEqualTo(4);

    promptly(borrowed.close());
    promptly(suspended);
    assertThat(openSessions()).isZero();
    promptly(pool.resume());
    assertThat(select(5)).isEqualTo(5);
  }

  @Test
  void afterTheSuspendTimeoutBorrowedConnectionsAreTakenBack() throws Exception {
    pool = AsyncOracle.createPool(TestDatabases.options().max(2).build()).join();
    AsyncConnection borrowed = TestFutures.await(pool.acquire());
    CompletableFuture<Row> slow = borrowed.fetchOne(TestDatabases.VERY_SLOW_QUERY);
    TestDatabases.awaitRunning(pool, TestDatabases.VERY_SLOW_QUERY, 1);

    promptly(pool.suspend(Duration.ofMillis(300)));
    assertThat(TestFutures.failure(slow)).isInstanceOf(PoolClosedException.class).hasMessageContaining("suspended");
    assertThat(openSessions()).isZero();
    assertThat(TestFutures.failure(borrowed.fetchOne("select 1 from dual"))).isInstanceOf(PoolClosedException.class);
    borrowed.close();

    promptly(pool.resume());
    assertThat(select(6)).isEqualTo(6);
    assertThat(pool.stats().busy()).isZero();
  }

  @Test
  void aSuspendedPoolCloses() throws Exception {
    pool = AsyncOracle.createPool(TestDatabases.options().max(2).build()).join();
    promptly(pool.suspend(Duration.ZERO));
    CompletableFuture<AsyncConnection> waiting = pool.acquire();
    promptly(pool.close(true, false));
    assertThat(pool.isClosed()).isTrue();
    assertThat(TestFutures.failure(waiting)).isInstanceOf(PoolClosedException.class);
    assertThat(TestFutures.failure(pool.suspend(Duration.ZERO))).isInstanceOf(PoolClosedException.class);
    assertThat(openSessions()).isZero();
  }

  @Test
  void aLazyPoolNeverUsedSuspendsAndResumes() throws Exception {
    pool = AsyncOracle.createPool(TestDatabases.options().failFast(false).max(2).build()).join();
    promptly(pool.suspend(Duration.ZERO));
    promptly(pool.resume());
    assertThat(select(7)).isEqualTo(7);
  }

  @Test
  void suspendingTwiceReturnsTheSameFutureAndResumingAnOpenPoolDoesNothing() {
    pool = AsyncOracle.createPool(TestDatabases.options().max(2).build()).join();
    promptly(pool.resume());
    CompletableFuture<Void> once = pool.suspend(Duration.ZERO);
    assertThat(pool.suspend(Duration.ZERO)).isSameAs(once);
    promptly(once);
    promptly(pool.resume());
    assertThat(select(8)).isEqualTo(8);
  }
}
