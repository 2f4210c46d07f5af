package io.asyncoracle;

import static io.asyncoracle.TestFutures.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cancelling a stream breaks the statement it is waiting on, so its connection comes back promptly. */
class StreamCancelTest {

  private AsyncPool pool;

  @BeforeEach
  void setUp() {
    pool = TestDatabases.pool(1);
  }

  @AfterEach
  void tearDown() {
    await(pool.close(true, true));
  }

  @Test
  void cancelWhileTheQueryRunsCancelsTheStatement() throws Exception {
    AsyncConnection conn = await(pool.acquire());
    CompletableFuture<Flow.Subscription> subscribed = new CompletableFuture<>();
    CompletableFuture<Throwable> signalled = new CompletableFuture<>();
    conn.stream(TestDatabases.VERY_SLOW_QUERY).subscribe(new Flow.Subscriber<Row>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        subscribed.complete(s);
        s.request(1);
      }

      @Override
      public void onNext(Row item) {
        signalled.complete(null);
      }

      @Override
      public void onError(Throwable t) {
        signalled.complete(t);
      }

      @Override
      public void onComplete() {
        signalled.complete(null);
      }
    });
    TestDatabases.awaitRunning(pool, "system_range(1, 20000)", 1);
    long start = System.nanoTime();
    subscribed.get(10, TimeUnit.SECONDS).cancel();
    // The query runs about 30 s: giving the connection back waits for it unless the cancel broke it.
    conn.close().get(10, TimeUnit.SECONDS);
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(10);
    assertThat(pool.stats().busy()).isZero();
    assertThat(signalled).isNotDone();
    AsyncConnection again = await(pool.acquire());
    assertThat(await(again.fetchOne("select 1 from dual")).get(0, Integer.class)).isEqualTo(1);
    await(again.close());
  }
}
