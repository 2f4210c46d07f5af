package io.asyncoracle.internal;

import io.asyncoracle.Row;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Streams a cursor's rows with backpressure. Rows are read only when demanded, at most the
 * cursor's array size per round trip, one fetch at a time, and the next fetch starts only after
 * the batch was delivered.
 *
 * <p>Every signal to the subscriber ({@code onSubscribe}, {@code onNext}, {@code onError},
 * {@code onComplete}) goes through {@link RowSubscription#drain()}, which one thread at a time
 * runs: whichever thread moves its work counter from zero. Threads that find it taken (a request
 * from another thread, a fetch completing, a request made inside {@code onNext}) only leave word
 * and return; the thread in the drain picks that up before it lets go. So signals are serial
 * (Reactive Streams rule 1.3) and a request inside {@code onNext} never recurses (rule 3.3).
 */
final class RowPublisher implements Flow.Publisher<Row> {

  private static final System.Logger LOG = System.getLogger(RowPublisher.class.getName());

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
    new RowSubscription(subscriber).drain();
  }

  /** Rows a fetch returned, and whether they are the last. */
  private record Batch(List<Row> rows, boolean last) {
  }

  private final class RowSubscription implements Flow.Subscription {
    private final Flow.Subscriber<? super Row> subscriber;
    /** Calls to {@link #drain()} not yet handled; the thread that raised it from 0 runs the drain. */
    private final AtomicInteger work = new AtomicInteger();
    private final AtomicLong demand = new AtomicLong();
    /** The failure to signal: a bad request, or a failed execute or fetch. The first one wins. */
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile boolean cancelled;
    // Handed to the drain by the threads that complete the execute and the fetches.
    private volatile boolean executed;
    private volatile Batch fetched;
    /** The execute or fetch out now, so a cancel can break it rather than wait for it. */
    private volatile CompletableFuture<?> inFlight;

    // Confined to the drain.
    private boolean subscribedSignalled;
    private boolean executeStarted;
    /** A fetch is out: set when it starts, cleared only when the drain takes up what it returned. */
    private boolean fetching;
    private boolean done;
    private int nextRow;

    RowSubscription(Flow.Subscriber<? super Row> subscriber) {
      this.subscriber = subscriber;
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        // Rule 3.9. Signalled by whoever runs the drain: maybe this thread, maybe the one in onNext.
        failure.compareAndSet(null, new IllegalArgumentException("request(" + n
            + "): demand must be positive (Reactive Streams rule 3.9)"));
      } else {
        demand.getAndUpdate(d -> d + n < 0 ? Long.MAX_VALUE : d + n);
      }
      drain();
    }

    @Override
    public void cancel() {
      cancelled = true;
      // A long execute or fetch is broken now rather than run to its end: the cursor close (and
      // a release of the connection) queue behind it on the lane.
      CompletableFuture<?> running = inFlight;
      if (running != null && !running.isDone()) {
        cursor.session().cancelCall(running);
      }
      // The statement is freed at once, not only when an onNext in progress returns.
      release();
      drain();
    }

    void drain() {
      if (work.getAndIncrement() != 0) {
        return;
      }
      int missed = 1;
      do {
        try {
          emit();
        } catch (Throwable subscriberError) {
          // Rule 2.13: the subscriber broke the contract; its subscription counts as cancelled.
          done = true;
          cancelled = true;
          fetched = null;
          release();
          LOG.log(Level.WARNING, "a stream subscriber threw from a signal; its subscription is cancelled"
              + " (Reactive Streams rule 2.13)", subscriberError);
        }
        missed = work.addAndGet(-missed);
      } while (missed != 0);
    }

    /** Delivers whatever can be delivered now; runs only inside {@link #drain()}. */
    private void emit() {
      if (!subscribedSignalled) {
        subscribedSignalled = true;
        subscriber.onSubscribe(this);
      }
      while (!done) {
        if (cancelled) {
          done = true;
          fetched = null;
          release();
          return;
        }
        Throwable error = failure.get();
        if (error != null) {
          done = true;
          fetched = null;
          release();
          subscriber.onError(error);
          return;
        }
        if (!executeStarted) {
          executeStarted = true;
          execute();
          continue;
        }
        Batch batch = fetched;
        if (batch != null) {
          fetching = false;
          if (nextRow < batch.rows().size()) {
            if (demand.get() == 0) {
              return;
            }
            Row row = batch.rows().get(nextRow++);
            demand.getAndUpdate(d -> d == Long.MAX_VALUE ? d : d - 1);
            subscriber.onNext(row);
            continue;
          }
          fetched = null;
          nextRow = 0;
          if (batch.last()) {
            done = true;
            release();
            subscriber.onComplete();
            return;
          }
        }
        if (!executed || fetching || demand.get() == 0) {
          return;
        }
        fetch();
      }
    }

    /** Runs the statement, when the publisher has one; its completion comes back through the drain. */
    private void execute() {
      CompletableFuture<?> ready;
      try {
        ready = start == null ? CompletableFuture.completedFuture(null) : start.get();
      } catch (Throwable e) {
        ready = CompletableFuture.failedFuture(e);
      }
      inFlight = ready;
      ready.whenComplete((ignored, error) -> {
        if (error != null) {
          failure.compareAndSet(null, Errors.failure(error));
        } else {
          executed = true;
        }
        drain();
      });
    }

    /** Reads the next batch; the rows come back through the drain. */
    private void fetch() {
      fetching = true;
      int max = (int) Math.min(demand.get(), cursor.currentArraySize());
      CompletableFuture<List<Row>> rowsRead;
      try {
        rowsRead = cursor.fetch("stream", max);
      } catch (Throwable e) {
        rowsRead = CompletableFuture.failedFuture(e);
      }
      inFlight = rowsRead;
      rowsRead.whenComplete((rows, error) -> {
        if (error != null) {
          failure.compareAndSet(null, Errors.failure(error));
        } else {
          fetched = new Batch(rows, rows.size() < max);
        }
        drain();
      });
    }

    /** Closes the cursor once, when this stream owns it. */
    private void release() {
      if (released.compareAndSet(false, true) && closeCursorWhenDone) {
        cursor.close();
      }
    }
  }
}
