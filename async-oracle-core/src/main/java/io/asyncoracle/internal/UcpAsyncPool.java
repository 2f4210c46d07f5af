package io.asyncoracle.internal;

import io.asyncoracle.AcquireTimeoutException;
import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncOracleException;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.PoolBusyException;
import io.asyncoracle.PoolClosedException;
import io.asyncoracle.PoolExhaustedException;
import io.asyncoracle.PoolListener;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.PoolStats;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import oracle.ucp.jdbc.PoolDataSource;
import oracle.ucp.jdbc.ValidConnection;

/**
 * An {@link AsyncPool} with Oracle UCP as the physical pool and {@link Admission} in front of it.
 */
public final class UcpAsyncPool implements AsyncPool, Session.Owner {

  private static final System.Logger LOG = System.getLogger(UcpAsyncPool.class.getName());
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final Set<String> NAMES_IN_USE = ConcurrentHashMap.newKeySet();

  private final String name;
  /** The URL with credentials removed, computed once: sessions show it, and a regex per borrow adds up. */
  private final String redactedUrl;
  private final PoolOptions options;
  private final Engine engine;
  private final PoolDataSource ucp;
  private final Admission admission;
  private final PoolListener listener;
  private final Set<Session> active = ConcurrentHashMap.newKeySet();
  private final Object closeLock = new Object();
  private volatile CompletableFuture<Void> closeFuture;
  private volatile boolean destroyed;

  private UcpAsyncPool(String name, PoolOptions options, Engine engine, PoolDataSource ucp) {
    this.name = name;
    this.redactedUrl = Dsn.redact(options.jdbcUrl());
    this.options = options;
    this.engine = engine;
    this.ucp = ucp;
    this.admission = new Admission(name, options.max(), options.maxWaiters());
    this.listener = options.listener();
  }

  /**
   * Creates a pool and, with fail-fast, checks the database can be reached.
   *
   * @param options the options
   * @return a future of the pool
   */
  public static CompletableFuture<AsyncPool> create(PoolOptions options) {
    String name;
    Engine engine;
    PoolDataSource ucp;
    try {
      name = reserveName(options.poolName());
    } catch (InvalidArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    try {
      engine = Engine.forPool(name, options);
    } catch (RuntimeException e) {
      NAMES_IN_USE.remove(name);
      return CompletableFuture.failedFuture(e);
    }
    try {
      ucp = UcpConfiguration.create(name, options);
    } catch (SQLException | RuntimeException e) {
      NAMES_IN_USE.remove(name);
      engine.shutdown();
      return CompletableFuture.failedFuture(Errors.map(e));
    }
    UcpAsyncPool pool = new UcpAsyncPool(name, options, engine, ucp);
    CompletableFuture<AsyncPool> created = new CompletableFuture<>();
    engine.workers().execute(() -> {
      try {
        if (options.failFast()) {
          // Starts UCP (opening min connections) and proves the database answers.
          try (Connection probe = ucp.getConnection()) {
            probe.isValid(5);
          }
        }
        LOG.log(Level.DEBUG, () -> name + " - started (" + options + ")");
        engine.complete(created, pool);
      } catch (Throwable e) {
        pool.destroy();
        engine.fail(created, Errors.map(e));
      }
    });
    return created;
  }

  private static String reserveName(String requested) {
    if (requested != null) {
      if (!NAMES_IN_USE.add(requested)) {
        throw new InvalidArgumentException("poolName", "a pool named '" + requested + "' is already open in this JVM");
      }
      return requested;
    }
    while (true) {
      String candidate = "async-oracle-" + SEQUENCE.incrementAndGet();
      if (NAMES_IN_USE.add(candidate)) {
        return candidate;
      }
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public PoolOptions options() {
    return options;
  }

  // ---- acquire ------------------------------------------------------------------------------

  /** The future {@link #acquire()} returns: cancelling it removes its waiter from the queue. */
  private final class AcquireFuture extends CompletableFuture<AsyncConnection> {
    private volatile QueuedAcquire waiter;

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      QueuedAcquire w = waiter;
      if (cancelled && w != null && w.tryAbandon()) {
        w.cancelTimer();
        admission.remove(w);
      }
      return cancelled;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
      return new CompletableFuture<>();
    }
  }

  private final class QueuedAcquire extends Admission.Waiter {
    private final AcquireFuture result;
    private final long startNanos;
    private volatile ScheduledFuture<?> timer;

    QueuedAcquire(AcquireFuture result, long startNanos) {
      this.result = result;
      this.startNanos = startNanos;
    }

    @Override
    void granted() {
      cancelTimer();
      borrow(result, startNanos);
    }

    void cancelTimer() {
      ScheduledFuture<?> t = timer;
      if (t != null) {
        t.cancel(false);
      }
    }

    void timedOut() {
      if (tryAbandon()) {
        admission.remove(this);
        Duration waited = Duration.ofNanos(System.nanoTime() - startNanos);
        notifyListener(l -> l.onAcquireTimeout(waited));
        engine.fail(result, new AcquireTimeoutException(name + " - no connection available after "
            + options.acquireTimeout().toMillis() + "ms (" + stateForMessages() + ")", stats(), null));
      }
    }
  }

  @Override
  public CompletableFuture<AsyncConnection> acquire() {
    long start = System.nanoTime();
    AcquireFuture result = new AcquireFuture();
    QueuedAcquire waiter = new QueuedAcquire(result, start);
    Object ticket;
    try {
      ticket = admission.acquire(waiter, this::stateForMessages);
    } catch (PoolExhaustedException e) {
      notifyListener(PoolListener::onPoolExhausted);
      result.completeExceptionally(e);
      return result;
    } catch (AsyncOracleException e) {
      result.completeExceptionally(e);
      return result;
    }
    if (ticket == Admission.GRANTED) {
      borrow(result, start);
    } else {
      result.waiter = waiter;
      Duration timeout = options.acquireTimeout();
      if (!timeout.isZero()) {
        waiter.timer = engine.schedule(waiter::timedOut, timeout.toNanos());
      }
    }
    return result;
  }

  /** Holds a permit: borrow the UCP connection on a new session's lane. */
  private void borrow(CompletableFuture<AsyncConnection> result, long startNanos) {
    Session session = new Session(engine, this, redactedUrl, options.callTimeout(),
        options.stmtCacheSize());
    active.add(session);
    if (closeFuture != null && destroyed) {
      active.remove(session);
      admission.release();
      engine.fail(result, new PoolClosedException(name + " - pool is closed"));
      return;
    }
    session.runInternal("acquire", s -> {
      if (result.isDone()) {
        return null;
      }
      Connection c = ucp.getConnection();
      try {
        s.attach(c, options.module());
      } catch (SQLException | RuntimeException e) {
        discard(c);
        throw e;
      }
      return new ConnectionImpl(s, options.arraySize());
    }).whenComplete((connection, error) -> {
      // Runs on the worker that borrowed; only our own bookkeeping happens here.
      if (error != null) {
        active.remove(session);
        admission.release();
        engine.fail(result, Errors.map(error));
      } else if (connection == null) {
        session.release();
      } else if (session.isReleased()) {
        // Interrupted by close(force, interrupt) while borrowing; the release is already queued.
        engine.fail(result, new PoolClosedException(name + " - pool closed while acquiring a connection"));
      } else {
        notifyListener(l -> l.onAcquire(Duration.ofNanos(System.nanoTime() - startNanos)));
        engine.complete(result, connection, () -> session.release());
      }
    });
  }

  @Override
  public <T> CompletableFuture<T> withConnection(Function<? super AsyncConnection, ? extends CompletionStage<T>> work) {
    if (work == null) {
      return CompletableFuture.failedFuture(new InvalidArgumentException("work", "work must not be null"));
    }
    return acquire().thenCompose(connection -> {
      CompletionStage<T> stage;
      try {
        stage = work.apply(connection);
        if (stage == null) {
          throw new InvalidArgumentException("work", "work returned null instead of a CompletionStage");
        }
      } catch (Throwable e) {
        return connection.close().handle((ignored, closeError) -> {
          throw e instanceof RuntimeException r ? r : new AsyncOracleException(String.valueOf(e.getMessage()), e);
        });
      }
      return stage.handle((value, error) -> connection.close().handle((ignored, closeError) -> {
        if (error != null) {
          throw Errors.map(error);
        }
        if (closeError != null) {
          throw Errors.map(closeError);
        }
        return value;
      })).thenCompose(Function.identity());
    });
  }

  // ---- release (Session.Owner) ------------------------------------------------------------

  @Override
  public void release(Session session, boolean discard) {
    Connection c = session.jdbc();
    try {
      if (c != null) {
        if (discard) {
          discard(c);
          notifyListener(PoolListener::onConnectionInvalidated);
        } else {
          c.close();
        }
      }
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.DEBUG, () -> name + " - returning a connection to UCP failed: " + e);
    } finally {
      active.remove(session);
      if (c != null) {
        Duration used = Duration.ofNanos(System.nanoTime() - session.borrowedAt());
        notifyListener(l -> l.onRelease(used));
      }
      admission.release();
    }
  }

  private static void discard(Connection c) {
    try {
      if (c.isWrapperFor(ValidConnection.class)) {
        c.unwrap(ValidConnection.class).setInvalid();
      } else if (c instanceof ValidConnection valid) {
        valid.setInvalid();
      }
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.DEBUG, () -> "marking a connection invalid failed: " + e);
    }
    try {
      c.close();
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.DEBUG, () -> "closing a discarded connection failed: " + e);
    }
  }

  // ---- stats --------------------------------------------------------------------------------

  @Override
  public PoolStats stats() {
    int idle = 0;
    int borrowed = 0;
    if (!destroyed) {
      try {
        idle = ucp.getAvailableConnectionsCount();
        borrowed = ucp.getBorrowedConnectionsCount();
      } catch (SQLException | RuntimeException e) {
        // UCP not started yet (lazy pool) or already destroyed: no physical connections to count.
      }
    }
    return new PoolStats(idle + borrowed, admission.busy(), idle, admission.waiting(), options.min(), options.max());
  }

  private String stateForMessages() {
    return stats().toString();
  }

  @Override
  public boolean isClosed() {
    return closeFuture != null;
  }

  // ---- close --------------------------------------------------------------------------------

  @Override
  public CompletableFuture<Void> close() {
    return close(false, false, Duration.ZERO);
  }

  @Override
  public CompletableFuture<Void> close(boolean force, boolean interrupt) {
    return close(force, interrupt, Duration.ZERO);
  }

  @Override
  public CompletableFuture<Void> close(boolean force, boolean interrupt, Duration timeout) {
    if (timeout == null || timeout.isNegative()) {
      return CompletableFuture.failedFuture(new InvalidArgumentException("timeout",
          "close timeout must not be null or negative"));
    }
    boolean forced = force || interrupt;
    CompletableFuture<Void> done;
    List<Admission.Waiter> abandoned;
    synchronized (closeLock) {
      if (closeFuture != null) {
        if (interrupt) {
          interruptAll();
        }
        return closeFuture;
      }
      CompletableFuture<Void> closing = new CompletableFuture<>();
      done = closing;
      // The drained callback may run at once, on a worker, before closeFuture is assigned below:
      // hand it the future rather than letting it read the field.
      abandoned = admission.close(() -> engine.workers().execute(() -> destroyAndComplete(closing)), !forced);
      if (abandoned == null) {
        return CompletableFuture.failedFuture(new PoolBusyException(name + " - cannot close: "
            + admission.busy() + " connection(s) still in use (ORA-24422); close with force to wait for them"));
      }
      closeFuture = done;
    }
    LOG.log(Level.DEBUG, () -> name + " - closing (force=" + forced + ", interrupt=" + interrupt + ", timeout=" + timeout + ")");
    for (Admission.Waiter w : abandoned) {
      QueuedAcquire queued = (QueuedAcquire) w;
      queued.cancelTimer();
      engine.fail(queued.result, new PoolClosedException(name + " - pool closed while waiting for a connection"));
    }
    if (interrupt) {
      interruptAll();
    } else if (!timeout.isZero() && !admission.idle()) {
      engine.schedule(() -> {
        if (!destroyed) {
          LOG.log(Level.INFO, () -> name + " - close timeout of " + timeout.toMillis()
              + " ms passed with connections still in use: interrupting them");
          interruptAll();
        }
      }, timeout.toNanos());
    }
    return done;
  }

  private void interruptAll() {
    PoolClosedException why = new PoolClosedException("pool " + name + " was closed with interrupt");
    for (Session session : active) {
      session.revoke(why);
    }
  }

  private void destroyAndComplete(CompletableFuture<Void> done) {
    try {
      destroy();
      LOG.log(Level.DEBUG, () -> name + " - closed");
    } finally {
      done.complete(null);
    }
  }

  private void destroy() {
    destroyed = true;
    try {
      // UCP's PoolDataSource has no close(): destroying through the manager closes every
      // physical connection and frees the pool name.
      oracle.ucp.admin.UniversalConnectionPoolManagerImpl.getUniversalConnectionPoolManager().destroyConnectionPool(name);
    } catch (Exception e) {
      // Never started (lazy pool with no acquire): nothing to destroy.
      LOG.log(Level.TRACE, () -> name + " - destroy: " + e);
    } finally {
      NAMES_IN_USE.remove(name);
      engine.shutdown();
    }
  }

  private void notifyListener(java.util.function.Consumer<PoolListener> event) {
    try {
      event.accept(listener);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, () -> name + " - pool listener failed: " + e);
    }
  }

  @Override
  public String toString() {
    return "AsyncPool[" + name + ", " + redactedUrl + ", " + stats() + "]";
  }
}
