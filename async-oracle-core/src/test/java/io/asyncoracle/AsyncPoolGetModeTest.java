package io.asyncoracle;

import static io.asyncoracle.TestFutures.await;
import static io.asyncoracle.TestFutures.failure;
import static io.asyncoracle.PoolTestSupport.eventually;
import static io.asyncoracle.PoolTestSupport.openSessions;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * python-oracledb's {@code getmode} and {@code increment}, on H2: what an acquire does when every
 * connection is busy, and how many connections the pool opens when it grows.
 */
class AsyncPoolGetModeTest {

  private AsyncPool pool;

  @AfterEach
  void close() {
    if (pool != null) {
      pool.close(true, true).orTimeout(30, TimeUnit.SECONDS).join();
    }
  }

  private AsyncPool pool(PoolOptions.Builder options) {
    pool = AsyncOracle.createPool(options.build()).join();
    return pool;
  }

  @Test
  void waitQueuesUntilAConnectionComesBack() {
    pool(TestDatabases.options().max(1).getMode(GetMode.WAIT));
    AsyncConnection first = await(pool.acquire());
    CompletableFuture<AsyncConnection> second = pool.acquire();
    assertThat(second).isNotDone();
    assertThat(pool.stats().waiting()).isEqualTo(1);
    await(first.close());
    await(await(second).close());
  }

  @Test
  void noWaitFailsAtOnceWhenThePoolIsFullAndOpensWhileItHasRoom() {
    pool(TestDatabases.options().min(0).max(2).failFast(false).getMode(GetMode.NOWAIT));
    // Room below max: NOWAIT opens and waits for the connection, as python-oracledb's does.
    AsyncConnection first = await(pool.acquire());
    AsyncConnection second = await(pool.acquire());

    CompletableFuture<AsyncConnection> third = pool.acquire();

    assertThat(third).as("failed before acquire() returned").isCompletedExceptionally();
    assertThat(failure(third)).isInstanceOf(PoolExhaustedException.class).hasMessageContaining("NOWAIT");
    assertThat(pool.stats().waiting()).isZero();
    await(first.close());
    assertThat(await(pool.acquire())).isNotNull().satisfies(c -> await(c.close()));
    await(second.close());
  }

  @Test
  void timedWaitWaitsUpToTheWaitTimeoutInsteadOfTheAcquireTimeout() {
    pool(TestDatabases.options().max(1).acquireTimeout(Duration.ofSeconds(60))
        .getMode(GetMode.TIMEDWAIT).waitTimeout(Duration.ofMillis(200)));
    AsyncConnection held = await(pool.acquire());

    Throwable timedOut = failure(pool.acquire());

    assertThat(timedOut).isInstanceOf(AcquireTimeoutException.class)
        .hasMessageContaining("200ms").hasMessageContaining("waitTimeout");
    // Given back within the wait timeout, the connection goes to the waiter.
    CompletableFuture<AsyncConnection> waiting = pool.acquire();
    await(held.close());
    await(await(waiting).close());
  }

  @Test
  void timedWaitWithAZeroWaitTimeoutDoesNotWait() {
    pool(TestDatabases.options().max(1).getMode(GetMode.TIMEDWAIT));
    AsyncConnection held = await(pool.acquire());
    assertThat(failure(pool.acquire())).isInstanceOf(AcquireTimeoutException.class);
    // An idle connection is still lent at once.
    await(held.close());
    await(await(pool.acquire()).close());
  }

  @Test
  void forceGetOpensBeyondMaxAndClosesTheExtraConnectionWhenItComesBack() {
    pool(TestDatabases.options().min(1).max(2).getMode(GetMode.FORCEGET));
    List<AsyncConnection> lent = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      lent.add(await(pool.acquire()));
    }
    // Every one of them is a session of its own, doing real work.
    for (AsyncConnection c : lent) {
      assertThat(await(c.fetchOne("select 1 from dual")).get(0, Integer.class)).isEqualTo(1);
    }
    assertThat(pool.stats().busy()).isEqualTo(4);
    assertThat(pool.stats().beyondMax()).isEqualTo(2);
    assertThat(pool.stats().toString()).contains("beyondMax=2");
    assertThat(openSessions(pool)).isEqualTo(4);

    for (AsyncConnection c : lent) {
      await(c.close());
    }

    assertThat(pool.stats().beyondMax()).isZero();
    assertThat(pool.stats().busy()).isZero();
    eventually("the two extra sessions are closed", () -> openSessions(pool) == 2);
    assertThat(pool.stats().opened()).isLessThanOrEqualTo(2);
  }

  @Test
  void incrementOpensSeveralConnectionsWhenThePoolGrows() {
    pool(TestDatabases.options().min(0).max(5).failFast(false).increment(3));
    assertThat(pool.stats().opened()).isZero();

    AsyncConnection first = await(pool.acquire());

    // One for the caller and two more, opened one after another.
    eventually("three connections are open", () -> pool.stats().opened() == 3);
    assertThat(pool.stats().idle()).isEqualTo(2);
    assertThat(openSessions(pool)).isEqualTo(3);
    await(first.close());
    // Growing again never goes beyond max.
    List<AsyncConnection> lent = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      lent.add(await(pool.acquire()));
    }
    eventually("five connections are open", () -> pool.stats().opened() == 5);
    assertThat(pool.stats().opened()).isEqualTo(5);
    lent.forEach(c -> await(c.close()));
  }
}
