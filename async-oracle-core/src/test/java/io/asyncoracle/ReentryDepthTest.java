package io.asyncoracle;

import static io.asyncoracle.PoolTestSupport.eventually;
import static io.asyncoracle.TestFutures.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiPredicate;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Whatever completes one of our futures may run application code that calls straight back into the
 * pool or the connection. No such path may recurse once per item: each test drives one of them
 * tens of thousands of times deep, on a thread with the default stack size, and checks that
 * everything completes and no connection is lost.
 */
@Tag("workers")
class ReentryDepthTest {

  /** Runs {@code body} on a new thread with the JVM's default stack size (not the main thread's larger one). */
  private static void onDefaultStack(ThrowingRunnable body) throws Exception {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        body.run();
      } catch (Throwable e) {
        failure.set(e);
      }
    }, "default-stack");
    t.start();
    t.join(TimeUnit.SECONDS.toMillis(120));
    assertThat(t.isAlive()).as("the test body finished").isFalse();
    if (failure.get() instanceof Exception e) {
      throw e;
    }
    if (failure.get() instanceof Error e) {
      throw e;
    }
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  /** Waits for a chain; if it stops, says how far it got and where the pool's threads are. */
  private static void awaitChain(CompletableFuture<Void> all, AtomicInteger progress, AsyncPool pool) throws Exception {
    try {
      all.get(TestFutures.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      StringBuilder where = new StringBuilder("the chain stopped after " + progress.get() + " steps; " + pool.stats());
      Thread.getAllStackTraces().forEach((thread, stack) -> {
        if (thread.getName().startsWith("async-oracle") || thread.getName().equals("default-stack")) {
          where.append("\n").append(thread.getName()).append(' ').append(thread.getState());
          for (StackTraceElement frame : stack) {
            where.append("\n    ").append(frame);
          }
        }
      });
      throw new AssertionError(where.toString(), e);
    }
  }

  /** Closes the pool; a close that does not finish fails the test without hiding why the test failed. */
  private static void closeAfterwards(AsyncPool pool) {
    try {
      pool.close(true, true).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the pool did not close: " + pool.stats(), e);
    }
  }

  private static AsyncPool pool(int max, int maxWaiters) {
    return AsyncOracle.createPool(TestDatabases.options().min(max).max(max).maxWaiters(maxWaiters)
        .acquireTimeout(Duration.ofSeconds(60)).build()).join();
  }

  private static void assertIdle(AsyncPool pool) {
    eventually("every connection back in the pool", () -> pool.stats().busy() == 0);
    assertThat(pool.stats().waiting()).isZero();
  }

  @Test
  void waitersThatReleaseFromTheirCallbacksAllGetTheirTurn() throws Exception {
    AsyncPool pool = pool(4, 25_000);
    try {
      onDefaultStack(() -> {
        List<AsyncConnection> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          held.add(await(pool.acquire()));
        }
        List<CompletableFuture<Void>> waiters = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
          waiters.add(pool.acquire().thenCompose(AsyncConnection::close));
        }
        held.forEach(AsyncConnection::close);
        await(CompletableFuture.allOf(waiters.toArray(new CompletableFuture<?>[0])));
      });
      assertIdle(pool);
      // The pool still works afterwards.
      assertThat(await(pool.withConnection(c -> c.fetchOne("select 1 from dual"))).get(0, Integer.class)).isEqualTo(1);
    } finally {
      closeAfterwards(pool);
    }
  }

  /**
   * Runs {@code depth} calls, each started from the previous one's completion, and returns how many
   * ended as {@code counted} says; one that does not stops the chain with a failure.
   */
  private static int chain(AsyncPool pool, int depth, IntFunction<CompletableFuture<?>> call,
      BiPredicate<Object, Throwable> counted) throws Exception {
    AtomicInteger done = new AtomicInteger();
    CompletableFuture<Void> all = new CompletableFuture<>();
    class Chain {
      void next(int i) {
        if (i == depth) {
          all.complete(null);
          return;
        }
        call.apply(i).whenComplete((v, e) -> {
          if (!counted.test(v, e)) {
            all.completeExceptionally(new AssertionError("step " + i + " ended with " + v + ", " + e, e));
            return;
          }
          done.incrementAndGet();
          next(i + 1);
        });
      }
    }
    new Chain().next(0);
    awaitChain(all, done, pool);
    return done.get();
  }

  @Test
  void withConnectionStartedFromThePreviousCompletionFiftyThousandTimes() throws Exception {
    AsyncPool pool = pool(2, 100);
    try {
      onDefaultStack(() -> {
        int depth = 50_000;
        int done = chain(pool, depth, i -> pool.withConnection(c -> CompletableFuture.completedFuture(i)),
            (v, e) -> e == null);
        assertThat(done).isEqualTo(depth);
      });
      assertIdle(pool);
    } finally {
      closeAfterwards(pool);
    }
  }

  @Test
  void withConnectionWhoseWorkThrowsFiftyThousandTimesInAChain() throws Exception {
    AsyncPool pool = pool(1, 100);
    try {
      onDefaultStack(() -> {
        int depth = 50_000;
        int failed = chain(pool, depth, i -> pool.withConnection(c -> {
          throw new IllegalStateException("boom " + i);
        }), (v, e) -> e != null);
        assertThat(failed).isEqualTo(depth);
      });
      assertIdle(pool);
    } finally {
      closeAfterwards(pool);
    }
  }

  @Test
  void queuedWithConnectionCallsWhoseWorkIsAlreadyDoneAllComplete() throws Exception {
    AsyncPool pool = pool(1, 25_000);
    try {
      onDefaultStack(() -> {
        AsyncConnection held = await(pool.acquire());
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
          int value = i;
          calls.add(pool.withConnection(c -> CompletableFuture.completedFuture(value)));
        }
        held.close();
        await(CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0])));
        for (int i = 0; i < calls.size(); i++) {
          assertThat(calls.get(i).join()).isEqualTo(i);
        }
      });
      assertIdle(pool);
      assertThat(await(pool.close())).isNull();
    } finally {
      closeAfterwards(pool);
    }
  }

  @Test
  void queuedWithConnectionCallsWhoseWorkThrowsAnErrorLoseNoConnection() throws Exception {
    AsyncPool pool = pool(1, 25_000);
    try {
      onDefaultStack(() -> {
        AsyncConnection held = await(pool.acquire());
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
          calls.add(pool.withConnection(c -> {
            throw new AssertionError("an Error from user code");
          }));
        }
        held.close();
        for (CompletableFuture<Integer> call : calls) {
          assertThat(call).failsWithin(TestFutures.TIMEOUT);
        }
      });
      assertIdle(pool);
    } finally {
      closeAfterwards(pool);
    }
  }

  @Test
  void fetchOneLoopDrivenFromCompletions() throws Exception {
    AsyncPool pool = pool(1, 100);
    try {
      onDefaultStack(() -> {
        int rows = 50_000;
        long count = await(pool.withConnection(c -> {
          AsyncCursor cursor = c.cursor();
          cursor.setArraySize(1000);
          CompletableFuture<Long> counted = new CompletableFuture<>();
          AtomicLong seen = new AtomicLong();
          class Loop {
            void next() {
              cursor.fetchOne().whenComplete((row, e) -> {
                if (e != null) {
                  counted.completeExceptionally(e);
                } else if (row == null) {
                  counted.complete(seen.get());
                } else {
                  seen.incrementAndGet();
                  next();
                }
              });
            }
          }
          return cursor.execute("select x from system_range(1, " + rows + ")").thenCompose(cur -> {
            new Loop().next();
            return counted;
          });
        }));
        assertThat(count).isEqualTo(rows);
      });
      assertIdle(pool);
    } finally {
      closeAfterwards(pool);
    }
  }

  @Test
  void subscriberThatRequestsOneInsideOnNextOverTwoHundredThousandRows() throws Exception {
    AsyncPool pool = pool(1, 100);
    try {
      onDefaultStack(() -> {
        int rows = 200_000;
        CompletableFuture<Long> counted = new CompletableFuture<>();
        AsyncConnection c = await(pool.acquire());
        try {
          AsyncCursor cursor = c.cursor();
          cursor.setArraySize(5000);
          await(cursor.execute("select x from system_range(1, " + rows + ")"));
          cursor.stream().subscribe(new Flow.Subscriber<Row>() {
            Flow.Subscription subscription;
            long seen;

            @Override
            public void onSubscribe(Flow.Subscription s) {
              subscription = s;
              s.request(1);
            }

            @Override
            public void onNext(Row item) {
              seen++;
              subscription.request(1);
            }

            @Override
            public void onError(Throwable throwable) {
              counted.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
              counted.complete(seen);
            }
          });
          assertThat(await(counted)).isEqualTo(rows);
        } finally {
          await(c.close());
        }
      });
      assertIdle(pool);
    } finally {
      closeAfterwards(pool);
    }
  }

  @Test
  void pipelineOfFiveThousandSteps() throws Exception {
    AsyncPool pool = pool(1, 100);
    try {
      onDefaultStack(() -> {
        List<PipelineResult> results = await(pool.withConnection(c -> {
          Pipeline pipeline = c.pipeline();
          for (int i = 0; i < 5_000; i++) {
            pipeline.addFetchOne("select " + i + " from dual");
          }
          return pipeline.run();
        }));
        assertThat(results).hasSize(5_000);
        assertThat(results.get(4_999).rows().get(0).get(0, Integer.class)).isEqualTo(4_999);
      });
      assertIdle(pool);
    } finally {
      closeAfterwards(pool);
    }
  }
}
