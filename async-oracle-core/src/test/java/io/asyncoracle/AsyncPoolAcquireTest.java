package io.asyncoracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The admission queue: permits, FIFO waiters, bounds, timeouts and cancellation. */
@org.junit.jupiter.api.Tag("workers")
class AsyncPoolAcquireTest {

  private AsyncPool pool;

  @AfterEach
  void closePool() {
    if (pool != null) {
      pool.close(true, true).join();
    }
  }

  @Test
  void acquireAndReleaseUpdatesStatsWithoutBorrowing() {
    pool = TestDatabases.pool(2);
    AsyncConnection first = pool.acquire().join();
    AsyncConnection second = pool.acquire().join();
    PoolStats busy = pool.stats();
    assertThat(busy.busy()).isEqualTo(2);
    assertThat(busy.opened()).isEqualTo(2);
    assertThat(busy.max()).isEqualTo(2);
    assertThat(busy.min()).isEqualTo(1);
    first.close().join();
    second.close().join();
    PoolStats idle = pool.stats();
    assertThat(idle.busy()).isZero();
    assertThat(idle.idle()).isEqualTo(2);
    assertThat(idle.waiting()).isZero();
  }

  @Test
  void waitersAreServedInArrivalOrder() {
    pool = TestDatabases.pool(1);
    AsyncConnection held = pool.acquire().join();
    List<Integer> order = new CopyOnWriteArrayList<>();
    List<CompletableFuture<Void>> waiters = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int id = i;
      waiters.add(pool.acquire().thenCompose(c -> {
        order.add(id);
        return c.close();
      }));
    }
    assertThat(pool.stats().waiting()).isEqualTo(5);
    held.close().join();
    CompletableFuture.allOf(waiters.toArray(new CompletableFuture[0])).join();
    assertThat(order).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void fullWaiterQueueRefusesAtOnce() {
    pool = AsyncOracle.createPool(TestDatabases.options().max(1).maxWaiters(2).build()).join();
    AsyncConnection held = pool.acquire().join();
    CompletableFuture<AsyncConnection> w1 = pool.acquire();
    CompletableFuture<AsyncConnection> w2 = pool.acquire();
    CompletableFuture<AsyncConnection> refused = pool.acquire();
    assertThat(refused).isCompletedExceptionally();
    assertThatThrownBy(refused::join).hasCauseInstanceOf(PoolExhaustedException.class)
        .hasMessageContaining("maxWaiters=2");
    held.close().join();
    w1.join().close().join();
    w2.join().close().join();
    assertThat(pool.stats().busy()).isZero();
  }

  @Test
  void acquireTimeoutCarriesThePoolState() {
    pool = AsyncOracle.createPool(TestDatabases.options().max(1).acquireTimeout(Duration.ofMillis(200)).build()).join();
    AsyncConnection held = pool.acquire().join();
    CompletableFuture<AsyncConnection> waiter = pool.acquire();
    assertThatThrownBy(waiter::join).isInstanceOf(CompletionException.class)
        .cause().isInstanceOf(AcquireTimeoutException.class)
        .hasMessageContaining(pool.name())
        .hasMessageContaining("200ms")
        .hasMessageContaining("total=1").hasMessageContaining("busy=1").hasMessageContaining("waiting=");
    assertThat(pool.stats().waiting()).isZero();
    held.close().join();
    // The timed-out waiter left no trace: the next acquire is served at once.
    pool.acquire().join().close().join();
    assertThat(pool.stats().busy()).isZero();
  }

  @Test
  void cancelledWaiterLeavesTheQueueAndLeaksNoPermit() {
    pool = TestDatabases.pool(1);
    AsyncConnection held = pool.acquire().join();
    CompletableFuture<AsyncConnection> waiter = pool.acquire();
    assertThat(pool.stats().waiting()).isEqualTo(1);
    assertThat(waiter.cancel(true)).isTrue();
    assertThat(pool.stats().waiting()).isZero();
    held.close().join();
    assertThat(pool.stats().busy()).isZero();
    AsyncConnection next = pool.acquire().orTimeout(5, TimeUnit.SECONDS).join();
    next.close().join();
  }

  @Test
  void cancellingWaitersWhileConnectionsComeBackNeverLeaksPermits() {
    pool = TestDatabases.pool(2);
    List<CompletableFuture<Void>> work = new ArrayList<>();
    List<CompletableFuture<AsyncConnection>> cancellable = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      CompletableFuture<AsyncConnection> acquire = pool.acquire();
      if (i % 3 == 0) {
        cancellable.add(acquire);
      } else {
        work.add(acquire.thenCompose(c -> c.fetchOne("select 1 from dual").thenCompose(r -> c.close())));
      }
    }
    for (CompletableFuture<AsyncConnection> c : cancellable) {
      if (ThreadLocalRandom.current().nextBoolean()) {
        Thread.yield();
      }
      if (!c.cancel(true)) {
        // Already granted: give it back.
        c.join().close().join();
      }
    }
    CompletableFuture.allOf(work.toArray(new CompletableFuture[0])).join();
    assertThat(pool.stats().busy()).isZero();
    assertThat(pool.stats().waiting()).isZero();
  }

  @Test
  void withConnectionReleasesOnSuccessAndFailure() {
    pool = TestDatabases.pool(1);
    Integer value = pool.withConnection(c -> c.fetchOne("select 41 + 1 from dual")
        .thenApply(row -> row.get(0, Integer.class))).join();
    assertThat(value).isEqualTo(42);
    assertThat(pool.stats().busy()).isZero();

    CompletableFuture<Object> failed = pool.withConnection(c -> c.fetchOne("select * from no_such_table")
        .thenApply(row -> (Object) row));
    assertThatThrownBy(failed::join).cause().isInstanceOf(DatabaseException.class);
    assertThat(pool.stats().busy()).isZero();

    CompletableFuture<Object> thrown = pool.withConnection(c -> {
      throw new IllegalStateException("application bug");
    });
    assertThatThrownBy(thrown::join).cause().isInstanceOf(IllegalStateException.class).hasMessage("application bug");
    assertThat(pool.stats().busy()).isZero();
  }

  @Test
  void callbacksRunOnTheApplicationsCallbackExecutorWhenOneIsGiven() {
    java.util.concurrent.ExecutorService mine = java.util.concurrent.Executors.newSingleThreadExecutor(
        r -> new Thread(r, "my-callbacks"));
    try {
      pool = AsyncOracle.createPool(TestDatabases.options().max(1).callbackExecutor(mine).build()).join();
      AsyncConnection held = pool.acquire().join();
      // Queued, so the callback is registered before the connection comes back.
      CompletableFuture<String> thread = pool.acquire().thenApply(c -> {
        String name = Thread.currentThread().getName();
        c.close();
        return name;
      });
      held.close().join();
      assertThat(thread.orTimeout(30, TimeUnit.SECONDS).join()).isEqualTo("my-callbacks");
    } finally {
      mine.shutdown();
    }
  }

  @Test
  void callbacksChainedBeforeCompletionMayBlockOnThePool() {
    // Which thread runs a callback is the pool's business; what it must never do is run one where
    // blocking would stall the pool. With platform workers, one connection and the callback
    // registered before the acquire completes, the callback blocks on a query on the connection
    // it got and then on a second acquire, which needs that connection back.
    pool = AsyncOracle.createPool(TestDatabases.options().max(1).virtualThreads(VirtualThreads.DISABLED).build()).join();
    AsyncConnection held = pool.acquire().join();
    CompletableFuture<Integer> result = pool.acquire().thenApply(c -> {
      int first;
      try {
        first = c.fetchOne("select 1 from dual").join().get(0, Integer.class);
      } finally {
        c.close().join();
      }
      return first + pool.withConnection(again -> again.fetchOne("select 2 from dual")).join().get(0, Integer.class);
    });
    assertThat(result).as("queued behind the held connection").isNotDone();
    held.close().join();
    assertThat(result.orTimeout(30, TimeUnit.SECONDS).join()).isEqualTo(3);
  }

  @Test
  void callbacksNeverRunInsideTheConnectionsQueue() {
    // Whatever thread runs a callback, it is never one still serving the connection's calls: a
    // callback that waits for another call on the same connection must not deadlock.
    pool = TestDatabases.pool(1);
    CompletableFuture<Integer> nested = pool.withConnection(c -> c.fetchOne("select 1 from dual")
        .thenApply(first -> c.fetchOne("select 2 from dual").join().get(0, Integer.class) + first.get(0, Integer.class)));
    assertThat(nested.orTimeout(30, TimeUnit.SECONDS).join()).isEqualTo(3);
  }

  @Test
  void blockingCallbacksCannotStarveTheWorkersOnPlatformThreads() {
    // The cx_Oracle_async deadlock: every waiting acquire parks a worker, none is left to release.
    pool = AsyncOracle.createPool(TestDatabases.options().max(1).virtualThreads(VirtualThreads.DISABLED).build()).join();
    List<CompletableFuture<Integer>> results = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      int id = i;
      // Each callback blocks its thread until a query on the same pool finishes.
      results.add(pool.acquire().thenApply(c -> {
        try {
          return c.fetchOne("select ? from dual", id).join().get(0, Integer.class);
        } finally {
          c.close().join();
        }
      }));
    }
    for (int i = 0; i < 20; i++) {
      assertThat(results.get(i).orTimeout(30, TimeUnit.SECONDS).join()).isEqualTo(i);
    }
  }

  @Test
  void poolNamesAreUniqueInTheJvm() {
    pool = AsyncOracle.createPool(TestDatabases.options().poolName("unique-name").build()).join();
    CompletableFuture<AsyncPool> duplicate = AsyncOracle.createPool(TestDatabases.options().poolName("unique-name").build());
    assertThatThrownBy(duplicate::join).cause().isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("unique-name");
  }

  @Test
  void createPoolFailsFastWhenTheDatabaseCannotBeReached() {
    PoolOptions unreachable = PoolOptions.builder().url("jdbc:h2:tcp://127.0.0.1:1/nothing;MODE=Oracle")
        .user("sa").password("hunter2").build();
    CompletableFuture<AsyncPool> created = AsyncOracle.createPool(unreachable);
    assertThatThrownBy(created::join).cause().isInstanceOf(DatabaseException.class)
        .satisfies(e -> assertThat(e.toString()).doesNotContain("hunter2"));
  }

  @Test
  void lazyPoolStartsWithoutTheDatabaseAndFailsOnAcquire() {
    PoolOptions unreachable = PoolOptions.builder().url("jdbc:h2:tcp://127.0.0.1:1/nothing;MODE=Oracle")
        .user("sa").password("hunter2").failFast(false).acquireTimeout(Duration.ofSeconds(5)).build();
    pool = AsyncOracle.createPool(unreachable).join();
    assertThat(pool.stats().opened()).isZero();
    CompletableFuture<AsyncConnection> acquire = pool.acquire();
    assertThatThrownBy(acquire::join).cause().isInstanceOf(DatabaseException.class);
    assertThat(pool.stats().busy()).isZero();
  }
}
