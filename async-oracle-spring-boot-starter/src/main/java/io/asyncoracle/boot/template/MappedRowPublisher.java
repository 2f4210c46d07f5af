package io.asyncoracle.boot.template;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.Row;
import io.micrometer.context.ContextSnapshot;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.springframework.jdbc.core.RowMapper;

/**
 * A query's rows, mapped by a Spring {@link RowMapper}, as a {@link Flow.Publisher} with
 * backpressure: the operations' {@code queryForStream}. It relays the core's row publisher
 * ({@link AsyncConnection#stream}), which reads rows only as they are requested.
 *
 * <p>Each subscription gets its connection at its first request (from the pool for the template,
 * the transaction's own inside a transaction), so a subscriber that has not asked for rows holds
 * none, and, when it borrowed it, gives it back as soon as
 * the stream ends: before {@code onComplete} or {@code onError} is signalled, and at once on
 * {@code cancel()}, which also breaks the statement if it is running (a long query or fetch does
 * not hold the connection until it finishes). A row mapper that throws ends the stream with its
 * (translated) error. Signals reach the subscriber with the subscribing thread's context (MDC,
 * observation) in place. One subscriber per publisher, as the core's.
 *
 * @param <T> the mapped type
 */
final class MappedRowPublisher<T> implements Flow.Publisher<T> {

  private static final System.Logger LOG = System.getLogger(MappedRowPublisher.class.getName());

  private final Supplier<CompletableFuture<AsyncConnection>> connection;
  private final boolean borrowed;
  private final String sql;
  private final Object[] args;
  private final RowMapper<T> mapper;
  private final AsyncOracleExceptionTranslator translator;
  private final CallContext context;
  /** Where the stream was asked for, or {@code null} when call sites are not captured. */
  private final CallSite callSite;
  private final AtomicBoolean subscribed = new AtomicBoolean();

  MappedRowPublisher(Supplier<CompletableFuture<AsyncConnection>> connection, boolean borrowed, String sql,
      Object[] args, RowMapper<T> mapper, AsyncOracleExceptionTranslator translator, CallContext context,
      CallSite callSite) {
    this.connection = connection;
    this.callSite = callSite;
    this.borrowed = borrowed;
    this.sql = sql;
    this.args = args;
    this.mapper = mapper;
    this.translator = translator;
    this.context = context;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super T> subscriber) {
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
      subscriber.onError(new IllegalStateException("this query publisher allows one subscriber; it already has one"));
      return;
    }
    new Relay(subscriber, context.capture()).start();
  }

  /** The subscription given to the application, and the subscriber of the core's row stream. */
  private final class Relay implements Flow.Subscription, Flow.Subscriber<Row> {
    private final Flow.Subscriber<? super T> downstream;
    private final ContextSnapshot snapshot;
    private final io.asyncoracle.RowMapper<T> rows = SpringRowMappers.adapt(mapper);
    private final AtomicReference<Flow.Subscription> upstream = new AtomicReference<>();
    /** Demand made before the core's stream existed, handed on when it does. */
    private final AtomicLong pending = new AtomicLong();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();
    /** Whether the first request came, which borrows the connection and runs the query. */
    private final AtomicBoolean begun = new AtomicBoolean();
    private volatile long badRequest;
    private volatile boolean cancelled;
    private volatile AsyncConnection conn;

    Relay(Flow.Subscriber<? super T> downstream, ContextSnapshot snapshot) {
      this.downstream = downstream;
      this.snapshot = snapshot;
    }

    void start() {
      try {
        downstream.onSubscribe(this);
      } catch (Throwable t) {
        // Rule 2.13: a subscriber that throws has cancelled.
        LOG.log(Level.WARNING, "a stream subscriber threw from onSubscribe; its subscription is cancelled", t);
        cancelled = true;
      }
    }

    /** Borrows the connection and starts the query: on the first request, not on subscribe. */
    private void begin() {
      CompletableFuture<AsyncConnection> lent;
      try {
        lent = connection.get();
      } catch (RuntimeException | Error e) {
        lent = CompletableFuture.failedFuture(e);
      }
      lent.whenComplete((c, error) -> {
        if (error != null) {
          fail(error);
          return;
        }
        conn = c;
        if (cancelled) {
          release();
          return;
        }
        try {
          c.stream(sql, args).subscribe(this);
        } catch (RuntimeException | Error e) {
          fail(e);
        }
      });
    }

    // ---- Flow.Subscription (the application's side) ---------------------------------------------

    @Override
    public void request(long n) {
      Flow.Subscription up = upstream.get();
      if (up != null) {
        up.request(n);
        return;
      }
      if (n <= 0) {
        if (!begun.get()) {
          // Rule 3.9, before anything was borrowed.
          fail(new IllegalArgumentException("request(" + n + "): demand must be positive (Reactive Streams rule 3.9)"));
          return;
        }
        badRequest = n;
      } else {
        pending.getAndUpdate(d -> d + n < 0 ? Long.MAX_VALUE : d + n);
        if (!cancelled && begun.compareAndSet(false, true)) {
          begin();
        }
      }
      up = upstream.get();
      if (up != null) {
        handOn(up);
      }
    }

    @Override
    public void cancel() {
      cancelled = true;
      Flow.Subscription up = upstream.get();
      if (up != null) {
        // The core breaks a running execute or fetch and closes the cursor on the lane.
        up.cancel();
      }
      ended.set(true);
      release();
    }

    private void handOn(Flow.Subscription up) {
      long bad = badRequest;
      if (bad != 0) {
        badRequest = 0;
        up.request(bad);
      }
      long n = pending.getAndSet(0);
      if (n > 0) {
        up.request(n);
      }
    }

    // ---- Flow.Subscriber<Row> (the core's side) ---------------------------------------------------

    @Override
    public void onSubscribe(Flow.Subscription s) {
      if (!upstream.compareAndSet(null, s)) {
        s.cancel();
        return;
      }
      if (cancelled) {
        s.cancel();
        release();
        return;
      }
      handOn(s);
    }

    @Override
    public void onNext(Row row) {
      if (ended.get()) {
        return;
      }
      T value;
      try {
        value = rows.map(row);
      } catch (Throwable mapperError) {
        Flow.Subscription up = upstream.get();
        if (up != null) {
          up.cancel();
        }
        fail(mapperError);
        return;
      }
      try (ContextSnapshot.Scope scope = snapshot.setThreadLocals()) {
        downstream.onNext(value);
      } catch (Throwable subscriberError) {
        // Rule 2.13: treat as cancelled, free the connection, and let the core log it.
        cancel();
        throw subscriberError;
      }
    }

    @Override
    public void onError(Throwable error) {
      fail(error);
    }

    @Override
    public void onComplete() {
      if (ended.compareAndSet(false, true)) {
        afterRelease(() -> downstream.onComplete());
      }
    }

    private void fail(Throwable error) {
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      Throwable translated = translated(error);
      afterRelease(() -> downstream.onError(translated));
    }

    private Throwable translated(Throwable error) {
      // An Error (from a row mapper, say) is handed on as it is.
      return AbstractAsyncOracleOperations.withCallSite(translator.failure("queryForStream", sql, error), callSite);
    }

    /** Gives a borrowed connection back, then signals; a terminal signal that throws is only logged. */
    private void afterRelease(Runnable signal) {
      Runnable guarded = () -> {
        try (ContextSnapshot.Scope scope = snapshot.setThreadLocals()) {
          signal.run();
        } catch (Throwable t) {
          LOG.log(Level.WARNING, "a stream subscriber threw from a terminal signal (Reactive Streams rule 2.13)", t);
        }
      };
      CompletableFuture<Void> done = release();
      if (done == null) {
        guarded.run();
      } else {
        done.whenComplete((ignored, error) -> guarded.run());
      }
    }

    /** Closes a borrowed connection once; {@code null} when there is none to wait for. */
    private CompletableFuture<Void> release() {
      AsyncConnection c = conn;
      if (!borrowed || c == null || !released.compareAndSet(false, true)) {
        return null;
      }
      try {
        return c.close();
      } catch (RuntimeException e) {
        return CompletableFuture.completedFuture(null);
      }
    }
  }
}
