package io.asyncoracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Call timeouts cancel the running statement; the connection stays usable. */
@Tag("workers")
class CallTimeoutTest {

  private AsyncPool pool;

  @AfterEach
  void closePool() {
    pool.close(true, true).join();
  }

  @Test
  void timeoutCancelsTheStatementAndKeepsTheConnection() {
    pool = TestDatabases.pool(1);
    AsyncConnection conn = pool.acquire().join();
    conn.setCallTimeout(Duration.ofMillis(250));
    assertThat(conn.callTimeout()).isEqualTo(Duration.ofMillis(250));

    CompletableFuture<Row> slow = conn.fetchOne(TestDatabases.SLOW_QUERY);
    assertThatThrownBy(slow::join).cause().isInstanceOf(CallTimeoutException.class)
        .hasMessageContaining("250 ms")
        .satisfies(e -> assertThat(((CallTimeoutException) e).timeout()).isEqualTo(Duration.ofMillis(250)));

    // Same connection, next call: fine.
    assertThat(conn.fetchOne("select 5 from dual").join().get(0, Integer.class)).isEqualTo(5);
    assertThat(conn.isHealthy()).isTrue();
    conn.close().join();
  }

  @Test
  void poolCallTimeoutAppliesToEveryBorrowedConnection() {
    pool = AsyncOracle.createPool(TestDatabases.options().max(1).callTimeout(Duration.ofMillis(200)).build()).join();
    CompletableFuture<Row> slow = pool.withConnection(c -> c.fetchOne(TestDatabases.SLOW_QUERY));
    assertThatThrownBy(slow::join).cause().isInstanceOf(CallTimeoutException.class);
    assertThat(pool.stats().busy()).isZero();
    // The connection went back to the pool healthy and is reused.
    assertThat(pool.withConnection(c -> c.fetchOne("select 1 from dual")).join()).isNotNull();
  }

  @Test
  void zeroMeansNoTimeoutAndNegativeIsRejected() {
    pool = TestDatabases.pool(1);
    AsyncConnection conn = pool.acquire().join();
    conn.setCallTimeout(Duration.ZERO);
    assertThat(conn.fetchOne("select count(*) from system_range(1, 1000)").join().get(0, Integer.class)).isEqualTo(1000);
    assertThatThrownBy(() -> conn.setCallTimeout(Duration.ofMillis(-1))).isInstanceOf(InvalidArgumentException.class);
    conn.close().join();
  }

  @Test
  void cancelBreaksTheRunningCall() {
    pool = TestDatabases.pool(1);
    AsyncConnection conn = pool.acquire().join();
    CompletableFuture<Row> slow = conn.fetchOne(TestDatabases.VERY_SLOW_QUERY);
    // A cancel before the statement started would have nothing to stop.
    TestDatabases.awaitRunning(pool, TestDatabases.VERY_SLOW_QUERY, 1);
    conn.cancel();
    assertThatThrownBy(slow::join).cause().isInstanceOf(DatabaseException.class);
    assertThat(conn.fetchOne("select 1 from dual").join()).isNotNull();
    conn.close().join();
  }
}
