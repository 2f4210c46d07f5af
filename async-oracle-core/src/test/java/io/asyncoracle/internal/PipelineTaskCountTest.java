package io.asyncoracle.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.PipelineResult;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.TestDatabases;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A pipeline is one call: one worker task for the whole run, whatever its number of steps, where
 * the same steps as separate calls cost one task each (counted as in {@link FastPathTest}).
 */
@org.junit.jupiter.api.Tag("workers")
class PipelineTaskCountTest {

  private static final String FAST_QUERY = "select ? from dual";

  private AsyncPool pool;
  private CountingExecutor delegate;

  @AfterEach
  void close() {
    if (pool != null) {
      pool.close(true, true).orTimeout(30, TimeUnit.SECONDS).join();
    }
    if (delegate != null) {
      delegate.shutdownNow();
    }
  }

  private CountingExecutor countingWorkers() {
    delegate = new CountingExecutor();
    return delegate;
  }

  private java.util.concurrent.CompletableFuture<List<PipelineResult>> fiveQueries(AsyncConnection c, int base) {
    return c.pipeline().addFetchOne(FAST_QUERY, base).addFetchOne(FAST_QUERY, base + 1)
        .addFetchOne(FAST_QUERY, base + 2).addFetchOne(FAST_QUERY, base + 3).addFetchOne(FAST_QUERY, base + 4)
        .run();
  }

  @Test
  void aPipelineOfFiveQueriesCostsOneWorkerTask() {
    CountingExecutor workers = countingWorkers();
    pool = AsyncOracle.createPool(TestDatabases.withTestWorkers(PoolOptions.builder().url(TestDatabases.newUrl())
        .user("sa").password("pipeline-pw").min(1).max(2).acquireTimeout(Duration.ofSeconds(10))
        // A connection idle past the window is checked on a worker before it is lent: on a busy
        // machine that could land between two pipelines and count here. Not what this test is about.
        .aliveBypass(Duration.ofMinutes(5)))
        .workerExecutor(workers).build()).join();
    pool.withConnection(c -> c.fetchOne(FAST_QUERY, 0)).join();

    for (int i = 0; i < 20; i++) {
      int base = i * 10;
      long before = workers.tasks.get();
      List<PipelineResult> results = pool.withConnection(c -> fiveQueries(c, base)).orTimeout(30, TimeUnit.SECONDS).join();
      assertThat(workers.tasks.get() - before).as("tasks for pipeline %d", i).isEqualTo(1);
      assertThat(results).extracting(r -> r.row().get(0, Integer.class))
          .containsExactly(base, base + 1, base + 2, base + 3, base + 4);
    }

    long before = workers.tasks.get();
    AsyncConnection c = pool.acquire().join();
    for (int k = 0; k < 5; k++) {
      c.fetchOne(FAST_QUERY, k).join();
    }
    c.close().join();
    assertThat(workers.tasks.get() - before).as("the same five queries as separate calls").isEqualTo(5);
  }
}
