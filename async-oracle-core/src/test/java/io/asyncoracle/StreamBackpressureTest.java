package io.asyncoracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code stream()} reads rows only as they are requested. */
class StreamBackpressureTest {

  private static final int ROWS = 5_000;
  private AsyncPool pool;
  private AsyncConnection conn;
  /** Rows read from the JDBC result set, counted by an output type handler. */
  private final AtomicInteger rowsRead = new AtomicInteger();

  @BeforeEach
  void setUp() {
    pool = TestDatabases.pool(1);
    conn = pool.acquire().join();
    conn.setOutputTypeHandler((rs, index, column) -> {
      if (index == 1) {
        rowsRead.incrementAndGet();
      }
      return OutputTypeHandler.DEFAULT;
    });
  }

  @AfterEach
  void tearDown() {
    conn.close().join();
    pool.close().join();
  }

  /** Requests one row at a time, and only when the test says so. */
  private static final class SlowSubscriber implements Flow.Subscriber<Row> {
    /** Written by whichever thread delivers, read by the test. */
    final List<Row> received = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> done = new CompletableFuture<>();
    volatile Flow.Subscription subscription;
    volatile CompletableFuture<Row> next = new CompletableFuture<>();

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
    }

    @Override
    public void onNext(Row row) {
      received.add(row);
      CompletableFuture<Row> current = next;
      next = new CompletableFuture<>();
      current.complete(row);
    }

    @Override
    public void onError(Throwable error) {
      done.completeExceptionally(error);
      next.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      done.complete(null);
      next.complete(null);
    }

    Row pull() throws Exception {
      CompletableFuture<Row> awaited = next;
      subscription.request(1);
      return awaited.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void slowSubscriberNeverMakesTheCursorBufferTheResult() throws Exception {
    AsyncCursor cursor = conn.cursor();
    cursor.setArraySize(50);
    cursor.execute("select x from system_range(1, " + ROWS + ")").join();
    SlowSubscriber subscriber = new SlowSubscriber();
    cursor.stream().subscribe(subscriber);
    for (int i = 1; i <= 200; i++) {
      Row row = subscriber.pull();
      assertThat(row.get(0, Integer.class)).isEqualTo(i);
      // Nothing is read ahead of demand beyond one fetch batch.
      assertThat(rowsRead.get()).isLessThanOrEqualTo(i + cursor.arraySize());
    }
    Thread.sleep(100);
    assertThat(rowsRead.get()).isLessThanOrEqualTo(200 + cursor.arraySize());
    subscriber.subscription.cancel();
    // The connection is free for other work after cancelling.
    assertThat(conn.fetchOne("select 1 from dual").join()).isNotNull();
  }

  @Test
  void boundedDemandIsHonouredExactly() throws Exception {
    SlowSubscriber subscriber = new SlowSubscriber();
    conn.stream("select x from system_range(1, ?)", ROWS).subscribe(subscriber);
    subscriber.subscription.request(10);
    long deadline = System.nanoTime() + TestFutures.TIMEOUT.toNanos();
    while (subscriber.received.size() < 10 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(subscriber.received).hasSize(10);
    // Time for a stream that reads ahead of demand to show it; a correct one stays at 10.
    Thread.sleep(200);
    assertThat(subscriber.received).hasSize(10);
    assertThat(rowsRead.get()).isEqualTo(10);
    subscriber.subscription.cancel();
  }

  @Test
  void unboundedDemandStreamsEveryRowThenCompletes() throws Exception {
    List<Integer> values = new ArrayList<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    conn.stream("select x from system_range(1, ?)", ROWS).subscribe(new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(Row item) {
        values.add(item.get(0, Integer.class));
      }

      @Override
      public void onError(Throwable throwable) {
        done.completeExceptionally(throwable);
      }

      @Override
      public void onComplete() {
        done.complete(null);
      }
    });
    done.get(30, TimeUnit.SECONDS);
    assertThat(values).hasSize(ROWS);
    assertThat(values.get(0)).isEqualTo(1);
    assertThat(values.get(ROWS - 1)).isEqualTo(ROWS);
  }

  @Test
  void errorsAndBadDemandReachTheSubscriber() throws Exception {
    SlowSubscriber missingTable = new SlowSubscriber();
    conn.stream("select * from no_such_table").subscribe(missingTable);
    missingTable.subscription.request(1);
    assertThat(missingTable.done).failsWithin(10, TimeUnit.SECONDS)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(DatabaseException.class);

    SlowSubscriber badDemand = new SlowSubscriber();
    conn.stream("select 1 from dual").subscribe(badDemand);
    badDemand.subscription.request(0);
    assertThat(badDemand.done).failsWithin(10, TimeUnit.SECONDS)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSecondSubscriberIsRefused() throws Exception {
    Flow.Publisher<Row> publisher = conn.stream("select 1 from dual");
    SlowSubscriber first = new SlowSubscriber();
    SlowSubscriber second = new SlowSubscriber();
    publisher.subscribe(first);
    publisher.subscribe(second);
    assertThat(second.done).isCompletedExceptionally();
    assertThat(first.pull().get(0, Integer.class)).isEqualTo(1);
  }
}
