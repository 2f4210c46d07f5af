package io.asyncoracle.sample.report;

import io.asyncoracle.Row;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Bridges a {@link Flow.Publisher} of rows (the core's {@code AsyncConnection.stream}) to a
 * thread that writes them out, such as the one Spring MVC gives a {@code StreamingResponseBody}.
 *
 * <p>Backpressure: at most {@code prefetch} rows are ever requested and not yet taken, so the
 * queue never holds more than that, and the database is asked for more only as the writer takes
 * rows; a slow client slows the fetching down instead of filling the memory. The publisher's
 * signals, on whichever thread it delivers them (the writer's own among them, when its request
 * finds rows ready), only ever enqueue here and never block.
 *
 * <p>{@link #finished()} completes when the stream is over (all rows delivered, failed, or
 * cancelled): the connection it runs on can then go back to the pool.
 */
final class RowStream implements Flow.Subscriber<Row>, AutoCloseable {

  private static final Object END = new Object();

  /** A failure delivered by the publisher, queued behind the rows before it. */
  private record Failure(Throwable error) {
  }

  private final int prefetch;
  private final int refill;
  private final BlockingQueue<Object> queue;
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private final CompletableFuture<Void> finished = new CompletableFuture<>();
  private volatile Flow.Subscription subscription;
  private volatile boolean claimed;
  private int takenSinceRequest;
  private boolean ended;

  /**
   * Creates the bridge.
   *
   * @param prefetch how many rows may be requested ahead of the writer, at least 2
   */
  RowStream(int prefetch) {
    if (prefetch < 2) {
      throw new IllegalArgumentException("prefetch must be at least 2, was " + prefetch);
    }
    this.prefetch = prefetch;
    this.refill = prefetch / 2;
    this.queue = new ArrayBlockingQueue<>(prefetch + 1);
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(prefetch);
  }

  @Override
  public void onNext(Row row) {
    // Never full: the publisher may send only what was requested (Reactive Streams rule 1.1).
    queue.add(row);
    ready.complete(null);
  }

  @Override
  public void onError(Throwable error) {
    queue.add(new Failure(error));
    finished.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    queue.add(END);
    ready.complete(null);
    finished.complete(null);
  }

  /**
   * Completes when the first row arrived or the stream ended empty: the moment to commit to a
   * successful response. The owner fails it when the stream fails before that.
   *
   * @return the future
   */
  CompletableFuture<Void> ready() {
    return ready;
  }

  /**
   * Fails {@link #ready()} if no row arrived yet, so the caller can still answer with an error.
   *
   * @param error the (translated) failure
   */
  void failBeforeFirstRow(Throwable error) {
    ready.completeExceptionally(error);
  }

  /**
   * Completes when the stream is over, in whatever way.
   *
   * @return the future
   */
  CompletableFuture<Void> finished() {
    return finished;
  }

  /**
   * Returns whether a writer has started taking rows.
   *
   * @return {@code true} once {@link #next(Duration)} was called
   */
  boolean claimed() {
    return claimed;
  }

  /**
   * Takes the next row, waiting for the database if need be. Call from one thread only.
   *
   * @param maxWait how long to wait for one row before giving up
   * @return the row, or {@code null} at the end of the stream
   * @throws InterruptedIOException when no row came within {@code maxWait}, or the thread was interrupted
   * @throws StreamFailedException when the query failed
   */
  Row next(Duration maxWait) throws InterruptedIOException {
    claimed = true;
    if (ended) {
      return null;
    }
    Object item;
    try {
      item = queue.poll(maxWait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new InterruptedIOException("interrupted while waiting for the next row");
    }
    if (item == null) {
      close();
      throw new InterruptedIOException("no row from the database within " + maxWait);
    }
    if (item == END) {
      ended = true;
      return null;
    }
    if (item instanceof Failure failure) {
      ended = true;
      throw new StreamFailedException(failure.error());
    }
    if (++takenSinceRequest == refill) {
      takenSinceRequest = 0;
      subscription.request(refill);
    }
    return (Row) item;
  }

  /** Stops the stream if it is still running (the client went away, or the writer gave up). */
  @Override
  public void close() {
    Flow.Subscription s = subscription;
    if (!finished.isDone() && s != null) {
      s.cancel();
    }
    finished.complete(null);
  }

  /** The query behind the stream failed after rows had been sent. */
  static final class StreamFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    StreamFailedException(Throwable cause) {
      super("the report query failed after rows were sent: " + cause.getClass().getSimpleName(), cause);
    }
  }
}
