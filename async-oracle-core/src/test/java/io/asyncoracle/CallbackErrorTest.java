package io.asyncoracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Whatever application code throws, {@code Error}s included, every future the core returns
 * completes, failed with that very throwable, and the connection goes back to the pool.
 */
@Tag("workers")
class CallbackErrorTest {

  private AsyncPool pool;
  private ExecutorService callbacks;

  @AfterEach
  void close() {
    if (pool != null) {
      pool.close(true, true).orTimeout(30, TimeUnit.SECONDS).join();
    }
    if (callbacks != null) {
      callbacks.shutdownNow();
    }
  }

  /** Waits (briefly: a hang is the bug) for a future that must fail, and returns its failure. */
  static Throwable failureOf(CompletionStage<?> stage) {
    try {
      Object value = stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure, got " + value);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      throw new AssertionError("the future never completed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private void assertPoolIsFine() {
    assertThat(TestFutures.await(pool.withConnection(c -> c.fetchOne("select 7 from dual"))).get(0, Integer.class))
        .isEqualTo(7);
    assertThat(pool.stats().busy()).isZero();
  }

  @Test
  void anErrorThrownByTheWorkOfWithConnectionIsTheFailure() {
    pool = TestDatabases.pool(2);
    AssertionError boom = new AssertionError("work failed");
    CompletableFuture<Object> result = pool.withConnection(c -> {
      throw boom;
    });
    assertThat(failureOf(result)).isSameAs(boom);
    assertPoolIsFine();
  }

  @Test
  void anErrorInTheStageOfWithConnectionIsTheFailure() {
    pool = TestDatabases.pool(2);
    AssertionError boom = new AssertionError("stage failed");
    CompletableFuture<Object> result = pool.withConnection(c -> c.fetchOne("select 1 from dual").thenApply(row -> {
      throw boom;
    }));
    assertThat(failureOf(result)).isSameAs(boom);
    assertPoolIsFine();
  }

  @Test
  void anErrorThrownByARowMapperIsTheFailureAndTheConnectionStaysUsable() {
    pool = TestDatabases.pool(1);
    AsyncConnection conn = TestFutures.await(pool.acquire());
    AssertionError boom = new AssertionError("mapper failed");
    Throwable failure = failureOf(conn.fetchAll("select 1 from dual", row -> {
      throw boom;
    }));
    assertThat(failure).isSameAs(boom);
    assertThat(TestFutures.await(conn.fetchOne("select 2 from dual")).get(0, Integer.class)).isEqualTo(2);
    TestFutures.await(conn.close());
    assertPoolIsFine();
  }

  @Test
  void anErrorThrownByAnInputTypeHandlerIsTheFailure() {
    pool = TestDatabases.pool(1);
    AsyncConnection conn = TestFutures.await(pool.acquire());
    StackOverflowError boom = new StackOverflowError("handler failed");
    conn.setInputTypeHandler(value -> {
      throw boom;
    });
    assertThat(failureOf(conn.fetchOne("select ? from dual", 1))).isSameAs(boom);
    conn.setInputTypeHandler(null);
    assertThat(TestFutures.await(conn.fetchOne("select ? from dual", 3)).get(0, Integer.class)).isEqualTo(3);
    TestFutures.await(conn.close());
  }

  @Test
  void anErrorThrownByARowMapperWithACallbackExecutorIsTheFailure() {
    callbacks = Executors.newFixedThreadPool(2);
    pool = AsyncOracle.createPool(TestDatabases.options().max(1).callbackExecutor(callbacks).build()).join();
    AssertionError boom = new AssertionError("mapper failed");
    CompletableFuture<Object> result = pool.withConnection(c -> c.fetchOne("select 1 from dual", row -> {
      throw boom;
    }));
    assertThat(failureOf(result)).isSameAs(boom);
    assertPoolIsFine();
  }

  @Test
  void anErrorThrownByACursorRowMapperIsTheFailure() {
    pool = TestDatabases.pool(1);
    AssertionError boom = new AssertionError("cursor mapper failed");
    CompletableFuture<Object> result = pool.withConnection(c -> c.cursor().execute("select 1 from dual")
        .thenCompose(AsyncCursor::fetchOne)
        .thenApply(row -> {
          throw boom;
        }));
    assertThat(failureOf(result)).isSameAs(boom);
    assertPoolIsFine();
  }

  @Test
  void anErrorThrownByTheWorkOfAStandaloneCallIsTheFailure() {
    pool = TestDatabases.pool(1);
    AsyncConnection conn = TestFutures.await(AsyncOracle.connect("sa", "secret-pw", pool.options().jdbcUrl()));
    try {
      AssertionError boom = new AssertionError("standalone mapper failed");
      assertThat(failureOf(conn.fetchOne("select 1 from dual", row -> {
        throw boom;
      }))).isSameAs(boom);
      assertThat(TestFutures.await(conn.fetchOne("select 4 from dual")).get(0, Integer.class)).isEqualTo(4);
    } finally {
      TestFutures.await(conn.close());
    }
  }

  @Test
  void anErrorThrownByAPoolListenerDoesNotStopAcquiresNorReleases() {
    PoolListener failing = new PoolListener() {
      @Override
      public void onAcquire(Duration waited) {
        throw new AssertionError("listener failed on acquire");
      }

      @Override
      public void onRelease(Duration used) {
        throw new AssertionError("listener failed on release");
      }
    };
    pool = AsyncOracle.createPool(TestDatabases.options().max(1).listener(failing).build()).join();
    for (int i = 0; i < 3; i++) {
      assertPoolIsFine();
    }
    AsyncConnection conn = TestFutures.await(pool.acquire());
    TestFutures.await(conn.close());
    assertThat(pool.stats().busy()).isZero();
  }

  @Test
  void anErrorWhileTheCallTimeoutIsSetIsTheFailure() {
    pool = AsyncOracle.createPool(TestDatabases.options().max(1).callTimeout(Duration.ofSeconds(20)).build()).join();
    AssertionError boom = new AssertionError("mapper failed under a call timeout");
    assertThat(failureOf(pool.withConnection(c -> c.fetchOne("select 1 from dual", row -> {
      throw boom;
    })))).isSameAs(boom);
    assertPoolIsFine();
  }
}
