package io.asyncoracle.internal;

import static io.asyncoracle.TestFutures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncCursor;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.Row;
import io.asyncoracle.TestDatabases;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Signals to a stream's subscriber are serial (Reactive Streams rule 1.3), also when the
 * subscription is used from another thread while a row is being delivered. The TCK cannot see
 * this: its subscribers never call the subscription from a second thread during {@code onNext}.
 */
class RowPublisherTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String QUERY = "select x from system_range(1, 100)";

  private AsyncPool pool;
  private AsyncConnection conn;

  @BeforeEach
  void setUp() {
    pool = TestDatabases.pool(1);
    conn = await(pool.acquire());
  }

  @AfterEach
  void tearDown() {
    await(conn.close());
    await(pool.close(true, true));
  }

  @Test
  void aBadRequestFromAnotherThreadIsSignalledOnlyAfterTheOnNextInProgressReturns() throws Exception {
    SignalRecorder subscriber = new SignalRecorder(10, s -> { });
    subscribeFromAnotherThread(conn.stream(QUERY), subscriber);
    assertThat(subscriber.firstOnNextEntered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    Thread other = new Thread(() -> subscriber.subscription.request(-1), "bad-request");
    other.start();
    other.join(WAIT.toMillis());
    assertThat(other.isAlive()).as("request() returns without waiting for the onNext in progress").isFalse();
    assertThat(subscriber.errors).as("onError entered while onNext was still running").hasValue(0);

    subscriber.letFirstOnNextReturn.countDown();
    assertThat(subscriber.error).succeedsWithin(WAIT).isInstanceOf(IllegalArgumentException.class)
        .extracting(Throwable::getMessage).asString().contains("request(-1)").contains("3.9");
    // The statement and the connection's queue are free: the next call runs, after any late fetch.
    assertThat(await(conn.fetchOne("select 7 from dual")).get(0, Integer.class)).isEqualTo(7);
    subscriber.assertSerialAndEndedByOneError();
  }

  @Test
  void aBadRequestFromInsideOnNextIsSignalledAfterOnNextReturns() throws Exception {
    SignalRecorder subscriber = new SignalRecorder(10, s -> s.request(0));
    subscriber.letFirstOnNextReturn.countDown();
    conn.stream(QUERY).subscribe(subscriber);

    assertThat(subscriber.error).succeedsWithin(WAIT).isInstanceOf(IllegalArgumentException.class);
    assertThat(await(conn.fetchOne("select 7 from dual")).get(0, Integer.class)).isEqualTo(7);
    subscriber.assertSerialAndEndedByOneError();
  }

  @Test
  void aPublisherThatOwnsItsCursorClosesItWhenABadRequestEndsTheStream() throws Exception {
    AsyncCursor cursor = conn.cursor();
    await(cursor.execute(QUERY));
    SignalRecorder subscriber = new SignalRecorder(10, s -> { });
    subscribeFromAnotherThread(new RowPublisher((CursorImpl) cursor, null, true), subscriber);
    assertThat(subscriber.firstOnNextEntered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    CompletableFuture.runAsync(() -> subscriber.subscription.request(0)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(subscriber.errors).as("onError entered while onNext was still running").hasValue(0);
    subscriber.letFirstOnNextReturn.countDown();

    assertThat(subscriber.error).succeedsWithin(WAIT).isInstanceOf(IllegalArgumentException.class);
    assertThat(cursor.isClosed()).isTrue();
    assertThat(await(conn.fetchOne("select 7 from dual")).get(0, Integer.class)).isEqualTo(7);
    subscriber.assertSerialAndEndedByOneError();
  }

  @Test
  void aCancelFromAnotherThreadStopsTheRowsOnceOnNextReturns() throws Exception {
    AsyncCursor cursor = conn.cursor();
    await(cursor.execute(QUERY));
    SignalRecorder subscriber = new SignalRecorder(10, s -> { });
    subscribeFromAnotherThread(new RowPublisher((CursorImpl) cursor, null, true), subscriber);
    assertThat(subscriber.firstOnNextEntered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    CompletableFuture.runAsync(() -> subscriber.subscription.cancel()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    // Cancelling frees the statement at once, without waiting for the subscriber.
    assertThat(cursor.isClosed()).isTrue();
    subscriber.letFirstOnNextReturn.countDown();

    // Calls on the connection queue behind whatever the stream still had running.
    assertThat(await(conn.fetchOne("select 7 from dual")).get(0, Integer.class)).isEqualTo(7);
    assertThat(subscriber.nexts).hasValue(1);
    assertThat(subscriber.errors).hasValue(0);
    assertThat(subscriber.completes).hasValue(0);
    assertThat(subscriber.overlaps).hasValue(0);
  }

  @Test
  void requestsFromOtherThreadsDuringDeliveryNeverOverlapSignals() throws Exception {
    // Every onNext hands the next request to another thread and returns at once, so requests
    // arrive while rows are still being delivered.
    int rows = 2_000;
    AsyncCursor cursor = conn.cursor();
    cursor.setArraySize(7);
    await(cursor.execute("select x from system_range(1, " + rows + ")"));
    SignalRecorder subscriber = new SignalRecorder(1,
        s -> CompletableFuture.runAsync(() -> s.request(1)));
    subscriber.letFirstOnNextReturn.countDown();
    CompletableFuture<Void> done = new CompletableFuture<>();
    subscriber.onTerminal = done;
    cursor.stream().subscribe(subscriber);

    assertThat(done).succeedsWithin(Duration.ofSeconds(60));
    assertThat(subscriber.nexts).hasValue(rows);
    assertThat(subscriber.completes).hasValue(1);
    assertThat(subscriber.errors).hasValue(0);
    assertThat(subscriber.overlaps).hasValue(0);
  }

  /**
   * Subscribes from a thread of its own. Rows may be delivered on the subscribing thread (when a
   * fetch is complete before the publisher chains to it), and the first onNext blocks until the
   * test lets it go: the test's own thread must stay free.
   */
  private static void subscribeFromAnotherThread(Flow.Publisher<Row> publisher, SignalRecorder subscriber) {
    Thread subscribing = new Thread(() -> publisher.subscribe(subscriber), "subscribing");
    subscribing.setDaemon(true);
    subscribing.start();
  }

  /**
   * Requests some rows, blocks in the first {@code onNext} until the test lets it go, and counts
   * every signal and every signal that started while another was still running.
   */
  private static final class SignalRecorder implements Flow.Subscriber<Row> {
    final CountDownLatch firstOnNextEntered = new CountDownLatch(1);
    final CountDownLatch letFirstOnNextReturn = new CountDownLatch(1);
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger overlaps = new AtomicInteger();
    final AtomicInteger nexts = new AtomicInteger();
    final AtomicInteger errors = new AtomicInteger();
    final AtomicInteger completes = new AtomicInteger();
    final CompletableFuture<Throwable> error = new CompletableFuture<>();
    volatile CompletableFuture<Void> onTerminal = new CompletableFuture<>();
    volatile Flow.Subscription subscription;
    private final long initialDemand;
    private final Consumer<Flow.Subscription> inOnNext;

    SignalRecorder(long initialDemand, Consumer<Flow.Subscription> inOnNext) {
      this.initialDemand = initialDemand;
      this.inOnNext = inOnNext;
    }

    private void enter() {
      if (running.incrementAndGet() > 1) {
        overlaps.incrementAndGet();
      }
    }

    private void exit() {
      running.decrementAndGet();
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      enter();
      this.subscription = subscription;
      subscription.request(initialDemand);
      exit();
    }

    @Override
    public void onNext(Row row) {
      enter();
      try {
        if (nexts.incrementAndGet() == 1) {
          firstOnNextEntered.countDown();
          if (!letFirstOnNextReturn.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the test never let onNext return");
          }
        }
        inOnNext.accept(subscription);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        exit();
      }
    }

    @Override
    public void onError(Throwable throwable) {
      enter();
      errors.incrementAndGet();
      error.complete(throwable);
      onTerminal.completeExceptionally(throwable);
      exit();
    }

    @Override
    public void onComplete() {
      enter();
      completes.incrementAndGet();
      onTerminal.complete(null);
      exit();
    }

    void assertSerialAndEndedByOneError() {
      assertThat(overlaps).as("signals that overlapped another").hasValue(0);
      assertThat(nexts).as("rows delivered after the bad request").hasValue(1);
      assertThat(errors).hasValue(1);
      assertThat(completes).hasValue(0);
    }
  }
}
