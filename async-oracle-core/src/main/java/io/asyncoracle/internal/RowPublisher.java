package io.asyncoracle.internal;

import io.asyncoracle.Row;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Streams a cursor's rows with backpressure. Rows are read only when demanded, at most the
 * cursor's array size per round trip, one fetch at a time; each batch is delivered on a callback
 * thread, never on a JDBC worker, and the next fetch starts only after the batch was delivered.
 */
final class RowPublisher implements Flow.Publisher<Row> {

  private final CursorImpl cursor;
  private final Supplier<CompletableFuture<?>> start;
  private final boolean closeCursorWhenDone;
  private final AtomicBoolean subscribed = new AtomicBoolean();

  RowPublisher(CursorImpl cursor, Supplier<CompletableFuture<?>> start, boolean closeCursorWhenDone) {
    this.cursor = cursor;
    this.start = start;
    this.closeCursorWhenDone = closeCursorWhenDone;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super Row> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    if (!subscribed.compareAndSet(false, true)) {
      subscriber.onSubscribe(new Flow.Subscription() {
        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
      });
      subscriber.onError(new IllegalStateException("this row publisher allows one subscriber; it already has one"));
      return;
    }
    new RowSubscription(subscriber).begin();
  }

  private final class RowSubscription implements Flow.Subscription {
    private final Flow.Subscriber<? super Row> subscriber;
    private final AtomicLong demand = new AtomicLong();
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile boolean started;
    private volatile boolean cancelled;

    RowSubscription(Flow.Subscriber<? super Row> subscriber) {
      this.subscriber = subscriber;
    }

    void begin() {
      subscriber.onSubscribe(this);
      if (cancelled) {
        return;
      }
      CompletableFuture<?> ready;
      try {
        ready = start == null ? CompletableFuture.completedFuture(null) : start.get();
      } catch (RuntimeException e) {
        ready = CompletableFuture.failedFuture(e);
      }
      ready.whenComplete((ignored, error) -> {
        if (error != null) {
          fail(error);
        } else {
          started = true;
          fetchIfDemanded();
        }
      });
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        cancelled = true;
        if (finish()) {
          subscriber.onError(new IllegalArgumentException("request(" + n
              + "): demand must be positive (Reactive Streams rule 3.9)"));
        }
        return;
      }
      demand.getAndUpdate(d -> d + n < 0 ? Long.MAX_VALUE : d + n);
      fetchIfDemanded();
    }

    @Override
    public void cancel() {
      cancelled = true;
      finish();
    }

    private void fetchIfDemanded() {
      if (started && !cancelled && !finished.get() && demand.get() > 0 && busy.compareAndSet(false, true)) {
        int batch = (int) Math.min(demand.get(), cursor.arraySize());
        cursor.fetch("stream", batch).whenComplete((rows, error) -> deliver(rows, batch, error));
      }
    }

    private void deliver(List<Row> rows, int batch, Throwable error) {
      if (error != null) {
        fail(error);
        return;
      }
      for (Row row : rows) {
        if (cancelled) {
          return;
        }
        demand.getAndUpdate(d -> d == Long.MAX_VALUE ? d : d - 1);
        subscriber.onNext(row);
      }
      if (rows.size() < batch) {
        if (finish() && !cancelled) {
          subscriber.onComplete();
        }
        return;
      }
      busy.set(false);
      fetchIfDemanded();
    }

    private void fail(Throwable error) {
      if (finish()) {
        subscriber.onError(Errors.map(error));
      }
    }

    /** Ends the stream once; returns whether this call ended it. */
    private boolean finish() {
      if (!finished.compareAndSet(false, true)) {
        return false;
      }
      if (closeCursorWhenDone) {
        cursor.close();
      }
      return true;
    }
  }
}
