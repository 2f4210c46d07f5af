package io.asyncoracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Release validates, rolls back, and never returns a dirty connection to the pool. */
class ReleaseTest {

  @Test
  void uncommittedWorkIsRolledBackOnRelease() {
    AsyncPool pool = TestDatabases.pool(1);
    pool.withConnection(c -> c.execute("create table t(id number)")).join();

    AsyncConnection conn = pool.acquire().join();
    conn.execute("insert into t values (1)").join();
    assertThat(conn.transactionInProgress().join()).isTrue();
    conn.close().join();

    // max=1: the same physical connection comes back, without the insert.
    AsyncConnection again = pool.acquire().join();
    assertThat(again.transactionInProgress().join()).isFalse();
    assertThat(again.fetchOne("select count(*) from t").join().get(0, Integer.class)).isZero();
    again.execute("insert into t values (2)").join();
    again.commit().join();
    again.close().join();
    assertThat(pool.withConnection(c -> c.fetchOne("select count(*) from t")).join().get(0, Integer.class)).isEqualTo(1);
    pool.close().join();
  }

  @Test
  void autocommitAndSchemaAreRestoredOnRelease() {
    AsyncPool pool = TestDatabases.pool(1);
    AsyncConnection conn = pool.acquire().join();
    assertThat(conn.autocommit()).isFalse();
    String schema = conn.currentSchema().join();
    conn.execute("create schema other").join();
    conn.setCurrentSchema("OTHER").join();
    conn.setAutocommit(true).join();
    assertThat(conn.autocommit()).isTrue();
    assertThat(conn.currentSchema().join()).isEqualTo("OTHER");
    conn.close().join();

    AsyncConnection again = pool.acquire().join();
    assertThat(again.autocommit()).isFalse();
    assertThat(again.currentSchema().join()).isEqualTo(schema);
    again.close().join();
    pool.close().join();
  }

  @Test
  void brokenConnectionIsDiscardedNotPooled() {
    AtomicInteger invalidated = new AtomicInteger();
    PoolListener listener = new PoolListener() {
      @Override
      public void onConnectionInvalidated() {
        invalidated.incrementAndGet();
      }
    };
    AsyncPool pool = AsyncOracle.createPool(TestDatabases.options().max(2).listener(listener)
        .acquireTimeout(Duration.ofSeconds(5)).build()).join();
    AsyncConnection victim = pool.acquire().join();
    int sessionId = victim.fetchOne("select session_id() from dual").join().get(0, Integer.class);
    // Another session kills the victim's session: its physical connection is now dead.
    pool.withConnection(c -> c.fetchOne("select abort_session(?) from dual", sessionId)).join();
    victim.execute("insert into dual values (1)").exceptionally(e -> 0L).join();
    victim.close().join();

    assertThat(invalidated.get()).isEqualTo(1);
    assertThat(pool.stats().busy()).isZero();
    // Every connection the pool hands out now works.
    for (int i = 0; i < 3; i++) {
      assertThat(pool.withConnection(c -> c.fetchOne("select 1 from dual")).join().get(0, Integer.class)).isEqualTo(1);
    }
    pool.close().join();
  }

  @Test
  void closeIsIdempotentAndLaterCallsFail() {
    AsyncPool pool = TestDatabases.pool(1);
    AsyncConnection conn = pool.acquire().join();
    conn.close().join();
    conn.close().join();
    assertThat(conn.isClosed()).isTrue();
    assertThat(conn.fetchOne("select 1 from dual")).failsWithin(TestFutures.TIMEOUT);
    assertThat(pool.stats().busy()).isZero();
    pool.close().join();
  }

  @Test
  void openCursorsAreClosedOnRelease() {
    AsyncPool pool = TestDatabases.pool(1);
    AsyncConnection conn = pool.acquire().join();
    AsyncCursor cursor = conn.cursor();
    cursor.execute("select x from system_range(1, 1000)").join();
    assertThat(cursor.fetchOne().join().get(0, Integer.class)).isEqualTo(1);
    conn.close().join();
    assertThat(cursor.isClosed()).isTrue();
    assertThat(cursor.fetchOne()).failsWithin(TestFutures.TIMEOUT);
    pool.close().join();
  }
}
