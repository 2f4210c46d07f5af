package io.asyncoracle;

import static io.asyncoracle.TestFutures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncoracle.internal.CountingDataSource;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Isolation level and read-only mode are set for one lending and reset when it ends. */
class TransactionSettingsTest {

  private final String url = TestDatabases.newUrl();
  private AsyncPool pool;

  @AfterEach
  void tearDown() {
    if (pool != null) {
      await(pool.close(true, true));
    }
  }

  private AsyncPool pool() {
    pool = await(AsyncOracle.createPool(TestDatabases.withTestWorkers(PoolOptions.builder().url(url).user("sa")
        .password("settings-pw").min(1).max(1).acquireTimeout(Duration.ofSeconds(10))
        .connectionFactoryClassName(CountingDataSource.class.getName())).build()));
    return pool;
  }

  @Test
  void isolationLevelHoldsForTheLendingAndIsRestoredOnRelease() {
    AsyncPool p = pool();
    AsyncConnection conn = await(p.acquire());
    int original = await(conn.transactionIsolation());
    assertThat(original).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
    await(conn.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE));
    assertThat(await(conn.transactionIsolation())).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
    await(conn.close());

    AsyncConnection next = await(p.acquire());
    assertThat(await(next.transactionIsolation())).isEqualTo(original);
    assertThatThrownBy(() -> await(next.setTransactionIsolation(42))).isInstanceOf(InvalidArgumentException.class);
    await(next.close());
  }

  @Test
  void readOnlyReachesTheDriverAndIsTurnedOffOnRelease() {
    AsyncPool p = pool();
    CountingDataSource.Log log = CountingDataSource.log(url);
    AsyncConnection conn = await(p.acquire());
    log.clear();
    await(conn.setReadOnly(true));
    assertThat(conn.readOnly()).isTrue();
    assertThat(log.calls()).contains("setReadOnly");
    log.clear();
    await(conn.close());
    // Release ends the (possibly read-only) transaction, then makes the session read-write again.
    assertThat(log.calls()).containsSubsequence("rollback", "setReadOnly");

    AsyncConnection next = await(p.acquire());
    assertThat(next.readOnly()).isFalse();
    await(next.close());
  }
}
