package io.asyncoracle.boot.shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.boot.TestDatabases;
import io.asyncoracle.boot.autoconfigure.AsyncOracleAutoConfiguration;
import io.asyncoracle.boot.template.AsyncOracleTemplate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Each shutdown mode with queries in flight. The slow query takes about 2 s (n=4000) or 30 s
 * (n=20000) on the build machines; a cancelled one stops at once, so "the query failed" is what
 * proves an interrupt, and "it returned its count" is what proves a drain.
 */
class AsyncPoolLifecycleTest {

  private static final int DRAINABLE = 4000;
  private static final long DRAINABLE_COUNT = (long) DRAINABLE * DRAINABLE - 3;
  private static final int ENDLESS = 20_000;
  private static final Duration BOUND = Duration.ofSeconds(60);
  /** Well below the 30 s the endless query needs: failing within it means it was cancelled. */
  private static final Duration CANCELLED = Duration.ofSeconds(10);

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AsyncOracleAutoConfiguration.class, LifecycleAutoConfiguration.class))
      .withPropertyValues("async-oracle.url=" + TestDatabases.memUrl(), "async-oracle.max=2",
          "spring.lifecycle.timeout-per-shutdown-phase=60s");

  @Test
  void stopsAfterTheWebServersPhases() {
    assertThat(AsyncPoolLifecycle.PHASE).isLessThan(SmartLifecycle.DEFAULT_PHASE - 2048);
    runner.withBean("webServerStop", WebServerLikeLifecycle.class).run(context -> {
      AsyncPool pool = context.getBean(AsyncPool.class);
      WebServerLikeLifecycle webServer = context.getBean(WebServerLikeLifecycle.class);
      assertThat(context.getBean(AsyncPoolLifecycle.class).isRunning()).isTrue();
      context.close();
      assertThat(webServer.poolWasOpenWhenStopped).isTrue();
      assertThat(pool.isClosed()).isTrue();
    });
  }

  @Test
  void gracefulDrainsQueriesInFlightAndRefusesNewWork() {
    runner.withPropertyValues("async-oracle.shutdown.mode=graceful", "async-oracle.shutdown.timeout=50s")
        .run(context -> {
          AsyncPool pool = context.getBean(AsyncPool.class);
          AsyncOracleTemplate template = context.getBean(AsyncOracleTemplate.class);
          CompletableFuture<Long> inFlight = template.queryForObject(TestDatabases.slowQuery(DRAINABLE), Long.class);
          awaitRunning(pool, DRAINABLE, 1);
          CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
          awaitClosing(pool);
          assertThat(template.queryForObject("select 1 from dual", Integer.class))
              .failsWithin(BOUND).withThrowableThat().havingCause().isInstanceOf(DataAccessResourceFailureException.class);
          assertThat(inFlight.get(BOUND.toSeconds(), TimeUnit.SECONDS)).isEqualTo(DRAINABLE_COUNT);
          closing.get(BOUND.toSeconds(), TimeUnit.SECONDS);
          assertThat(pool.stats().busy()).isZero();
        });
  }

  @Test
  void gracefulInterruptsWhatIsStillRunningWhenTheTimeoutPasses() {
    runner.withPropertyValues("async-oracle.shutdown.mode=graceful", "async-oracle.shutdown.timeout=500ms")
        .run(context -> {
          AsyncPool pool = context.getBean(AsyncPool.class);
          CompletableFuture<Long> endless = context.getBean(AsyncOracleTemplate.class)
              .queryForObject(TestDatabases.slowQuery(ENDLESS), Long.class);
          awaitRunning(pool, ENDLESS, 1);
          context.close();
          assertThat(pool.isClosed()).isTrue();
          assertThat(endless).failsWithin(BOUND).withThrowableThat().havingCause().isInstanceOf(DataAccessException.class);
        });
  }

  @Test
  void forceWaitsForEveryBorrowedConnection() {
    runner.withPropertyValues("async-oracle.shutdown.mode=force").run(context -> {
      AsyncPool pool = context.getBean(AsyncPool.class);
      CompletableFuture<Long> inFlight = context.getBean(AsyncOracleTemplate.class)
          .queryForObject(TestDatabases.slowQuery(DRAINABLE), Long.class);
      awaitRunning(pool, DRAINABLE, 1);
      context.close();
      assertThat(inFlight.get(BOUND.toSeconds(), TimeUnit.SECONDS)).isEqualTo(DRAINABLE_COUNT);
      assertThat(pool.isClosed()).isTrue();
    });
  }

  @Test
  void interruptCancelsRunningQueriesAtOnce() {
    runner.withPropertyValues("async-oracle.shutdown.mode=interrupt").run(context -> {
      AsyncPool pool = context.getBean(AsyncPool.class);
      AsyncOracleTemplate template = context.getBean(AsyncOracleTemplate.class);
      CompletableFuture<Long> first = template.queryForObject(TestDatabases.slowQuery(ENDLESS), Long.class);
      CompletableFuture<Long> second = template.queryForObject(TestDatabases.slowQuery(ENDLESS), Long.class);
      awaitRunning(pool, ENDLESS, 2);
      context.close();
      assertThat(pool.isClosed()).isTrue();
      // Both were cancelled rather than left to run their 30 s.
      assertThat(first).failsWithin(CANCELLED).withThrowableThat().havingCause()
          .isInstanceOf(DataAccessException.class);
      assertThat(second).failsWithin(CANCELLED);
    });
  }

  @Test
  void stopWithCallbackReturnsAtOnceAndCallsBackWhenClosed() throws Exception {
    AsyncPool pool = AsyncOracle.createPool(PoolOptions.builder().url(TestDatabases.memUrl()).build()).join();
    AsyncPoolLifecycle lifecycle = new AsyncPoolLifecycle(pool, AsyncPoolLifecycle.Mode.FORCE, Duration.ZERO);
    lifecycle.start();
    CompletableFuture<Long> inFlight = new AsyncOracleTemplate(pool)
        .queryForObject(TestDatabases.slowQuery(DRAINABLE), Long.class);
    awaitRunning(pool, DRAINABLE, 1);
    CountDownLatch called = new CountDownLatch(1);
    lifecycle.stop(called::countDown);
    assertThat(lifecycle.isRunning()).isFalse();
    assertThat(called.getCount()).as("still draining").isEqualTo(1);
    assertThat(called.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(inFlight.get(BOUND.toSeconds(), TimeUnit.SECONDS)).isEqualTo(DRAINABLE_COUNT);
    assertThat(pool.isClosed()).isTrue();
  }

  @Test
  void destroyClosesAPoolThatWasNeverStopped() {
    AsyncPool pool = AsyncOracle.createPool(PoolOptions.builder().url(TestDatabases.memUrl()).build()).join();
    new AsyncPoolLifecycle(pool, AsyncPoolLifecycle.Mode.GRACEFUL, Duration.ofSeconds(30)).destroy();
    assertThat(pool.isClosed()).isTrue();
    assertThat(pool.acquire()).isCompletedExceptionally();
  }

  @Test
  void destroyInterruptsACloseThatIsStillDraining() throws Exception {
    AsyncPool pool = AsyncOracle.createPool(PoolOptions.builder().url(TestDatabases.memUrl()).build()).join();
    AsyncPoolLifecycle lifecycle = new AsyncPoolLifecycle(pool, AsyncPoolLifecycle.Mode.FORCE, Duration.ZERO);
    lifecycle.start();
    CompletableFuture<Long> endless = new AsyncOracleTemplate(pool)
        .queryForObject(TestDatabases.slowQuery(ENDLESS), Long.class);
    awaitRunning(pool, ENDLESS, 1);
    CountDownLatch stopped = new CountDownLatch(1);
    lifecycle.stop(stopped::countDown);
    assertThat(stopped.getCount()).as("still draining").isEqualTo(1);
    // As when spring.lifecycle.timeout-per-shutdown-phase passes and the context destroys its beans.
    lifecycle.destroy();
    assertThat(endless).failsWithin(CANCELLED);
    // The callback hangs on the first close's future: it may run just after destroy() returns.
    assertThat(stopped.await(CANCELLED.toSeconds(), TimeUnit.SECONDS)).as("stop callback called").isTrue();
  }

  /** Waits until the slow query of size {@code n} runs in H2 on {@code sessions} connections. */
  private static void awaitRunning(AsyncPool pool, int n, int sessions) {
    TestDatabases.awaitRunning(pool, TestDatabases.slowQuery(n), sessions, BOUND);
  }

  private static void awaitClosing(AsyncPool pool) throws InterruptedException {
    long deadline = System.nanoTime() + BOUND.toNanos();
    while (!pool.isClosed() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  /** Stands for Boot's web server stop, at its phase: records whether the pool was still open. */
  static class WebServerLikeLifecycle implements SmartLifecycle {
    private final AsyncPool pool;
    volatile boolean running;
    volatile boolean poolWasOpenWhenStopped;

    WebServerLikeLifecycle(AsyncPool pool) {
      this.pool = pool;
    }

    @Override
    public void start() {
      running = true;
    }

    @Override
    public void stop() {
      poolWasOpenWhenStopped = !pool.isClosed();
      running = false;
    }

    @Override
    public boolean isRunning() {
      return running;
    }

    @Override
    public int getPhase() {
      return SmartLifecycle.DEFAULT_PHASE - 2048;
    }
  }
}
