package io.asyncoracle.internal;

import io.asyncoracle.AcquireTimeoutException;
import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncOracleException;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.ObservedCall;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import oracle.ucp.jdbc.PoolDataSource;

/**
 * An {@link AsyncPool} that holds the physical connections it borrowed from Oracle UCP.
 *
 * <p>UCP is the source of physical connections: it creates them (TLS, wallets, RAC/FAN), and
 * looks after their lifetime, inactivity, harvesting and draining. It is not touched on every call:
 * a UCP borrow and return costs 2-3x a HikariCP cycle and runs {@code isValid} on every borrow.
 * Instead idle held connections wait in a LIFO stack and an acquire takes one at once, on the
 * caller's thread. Otherwise it opens a new one (at most {@code max} in all) or waits in a FIFO
 * queue bounded by {@code maxWaiters}; the acquire timeout bounds all of it. A held connection goes
 * back to UCP when it has been idle past {@code holdIdleTimeout}, held for {@code maxHold}, marked
 * invalid, or the pool closes.
 */
public final class UcpAsyncPool implements AsyncPool, Session.Owner {

  private static final System.Logger LOG = System.getLogger(UcpAsyncPool.class.getName());
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final Set<String> NAMES_IN_USE = ConcurrentHashMap.newKeySet();
  /** How often idle held connections past their window go back to UCP. */
  private static final long HOUSEKEEPING_MILLIS = 1000;

  private final String name;
  /** The URL with credentials removed, computed once: sessions show it, and a regex per borrow adds up. */
  private final String redactedUrl;
  private final PoolOptions options;
  private final Engine engine;
  private final PoolDataSource ucp;
  private final PoolListener listener;
  /** Where observed calls go, or {@code null} when no {@link io.asyncoracle.CallObserver} is set. */
  private final CallTarget callTarget;
  private final long aliveBypassNanos;
  private final long maxHoldNanos;
  private final long holdIdleNanos;
  private final int validateSeconds;

  private final ReentrantLock lock = new ReentrantLock();
  // Guarded by lock.
  private final ArrayDeque<HeldConnection> idle = new ArrayDeque<>();
  private final ArrayDeque<AcquireFuture> waiters = new ArrayDeque<>();
  /** Every held connection, idle or lent: what close with interrupt goes through. */
  private final List<HeldConnection> allHeld = new ArrayList<>();
  /** Held connections (idle and lent) plus those being opened: never more than max. */
  private int total;
  private int opening;
  private boolean openRunning;
  private int queuedOpens;
  private int lent;
  private CompletableFuture<Void> closeFuture;
  private boolean drainedScheduled;
  private volatile boolean destroyed;
  private volatile ScheduledFuture<?> housekeeping;

  private UcpAsyncPool(String name, PoolOptions options, Engine engine, PoolDataSource ucp) {
    this.name = name;
    this.redactedUrl = Dsn.redact(options.jdbcUrl());
    this.options = options;
    this.engine = engine;
    this.ucp = ucp;
    this.listener = options.listener();
    this.callTarget = CallTarget.of(name, options);
    this.aliveBypassNanos = options.validateOnBorrow() ? options.aliveBypass().toNanos() : Long.MAX_VALUE;
    this.maxHoldNanos = nanosOrUnbounded(options.maxHold());
    this.holdIdleNanos = nanosOrUnbounded(options.holdIdleTimeout());
    this.validateSeconds = validationSeconds(options);
  }

  private static long nanosOrUnbounded(Duration d) {
    return d.isZero() ? Long.MAX_VALUE : d.toNanos();
  }

  private static int validationSeconds(PoolOptions options) {
    Duration bound = options.connectTimeout().isZero() ? Duration.ofSeconds(5) : options.connectTimeout();
    return (int) Math.max(1, Math.min(5, bound.toSeconds()));
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
    java.util.concurrent.atomic.AtomicBoolean settled = new java.util.concurrent.atomic.AtomicBoolean();
    ScheduledFuture<?> deadline = options.failFast() && !options.connectTimeout().isZero()
        ? engine.schedule(() -> {
          if (settled.compareAndSet(false, true)) {
            // The driver is stuck connecting: give up on it (its thread is abandoned) and say where.
            AcquireTimeoutException timeout = pool.connectTimeoutError(null);
            pool.destroyInBackground();
            engine.failFromTimer(created, timeout);
          }
        }, options.connectTimeout().toNanos())
        : null;
    engine.workers().execute(() -> {
      try {
        HeldConnection held = null;
        if (options.failFast()) {
          // Starts UCP (opening min connections) and proves the database answers; the probe
          // connection stays as the pool's first held connection.
          Connection probe = pool.borrowFromUcp(settled::get, e -> { });
          try {
            held = HeldConnection.adopt(probe, options.module());
          } catch (SQLException | RuntimeException e) {
            probe.close();
            throw e;
          }
        }
        if (!settled.compareAndSet(false, true)) {
          if (held != null) {
            held.returnToUcp();
          }
          return;
        }
        if (deadline != null) {
          deadline.cancel(false);
        }
        if (held != null) {
          pool.adoptProbe(held);
        }
        pool.startHousekeeping();
        LOG.log(Level.DEBUG, () -> name + " - started (" + options + ")");
        engine.complete(created, pool);
      } catch (Throwable e) {
        if (settled.compareAndSet(false, true)) {
          if (deadline != null) {
            deadline.cancel(false);
          }
          pool.destroy();
          engine.fail(created, Errors.map(e));
        }
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

  private void adoptProbe(HeldConnection held) {
    lock.lock();
    try {
      total++;
      allHeld.add(held);
      idle.push(held);
    } finally {
      lock.unlock();
    }
  }

  private void startHousekeeping() {
    housekeeping = engine.scheduleAtFixedRate(this::retireExpiredIdle, HOUSEKEEPING_MILLIS);
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

  /**
   * The future {@link #acquire()} returns. While it waits it sits in the pool's queue; whoever
   * completes it first (a connection, the timeout, a cancel, a close) wins, and a connection
   * that arrives too late goes back to the pool.
   */
  private final class AcquireFuture extends CallFuture<AsyncConnection> {
    final long startNanos;
    /** The acquire's observation, or {@code null}: ended just before the future completes, whoever completes it. */
    final ObservedCall observed;
    volatile ScheduledFuture<?> timer;

    AcquireFuture(long startNanos, ObservedCall observed) {
      super(engine);
      this.startNanos = startNanos;
      this.observed = observed;
    }

    @Override
    public boolean complete(AsyncConnection value) {
      if (observed != null && !isDone()) {
        CallTarget.stop(observed, -1, null);
      }
      return super.complete(value);
    }

    @Override
    public boolean completeExceptionally(Throwable error) {
      if (observed != null && !isDone()) {
        CallTarget.stop(observed, -1, error);
      }
      return super.completeExceptionally(error);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      if (observed != null && !isDone()) {
        CallTarget.stop(observed, -1, new java.util.concurrent.CancellationException("acquire was cancelled"));
      }
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      if (cancelled) {
        leaveQueue(this);
      }
      return cancelled;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
      return new CallFuture<>(engine);
    }

    void startTimer() {
      Duration timeout = options.acquireTimeout();
      if (!timeout.isZero() && !isDone()) {
        long left = timeout.toNanos() - (System.nanoTime() - startNanos);
        timer = engine.schedule(this::timedOut, Math.max(0, left));
      }
    }

    void cancelTimer() {
      ScheduledFuture<?> t = timer;
      if (t != null) {
        t.cancel(false);
      }
    }

    void timedOut() {
      if (isDone()) {
        return;
      }
      leaveQueue(this);
      Duration waited = Duration.ofNanos(System.nanoTime() - startNanos);
      AcquireTimeoutException timeout = new AcquireTimeoutException(name + " - no connection available after "
          + options.acquireTimeout().toMillis() + "ms (" + stateForMessages() + ")", stats(), null);
      if (!isDone()) {
        notifyListener(l -> l.onAcquireTimeout(waited));
        engine.failFromTimer(this, timeout);
      }
    }
  }

  @Override
  public CompletableFuture<AsyncConnection> acquire() {
    AcquireFuture result = new AcquireFuture(System.nanoTime(),
        callTarget == null ? null : callTarget.start(io.asyncoracle.DatabaseCall.ACQUIRE, null, null));
    take(result, false);
    return result;
  }

  /**
   * Serves an acquire: lends an idle held connection, or opens a new one, or queues the acquire.
   *
   * @param result the acquire
   * @param onWorker whether the current thread may block (validate a connection) itself
   */
  private void take(AcquireFuture result, boolean onWorker) {
    while (true) {
      HeldConnection candidate = null;
      boolean open = false;
      RuntimeException refused = null;
      boolean exhausted = false;
      lock.lock();
      try {
        if (closeFuture != null) {
          refused = new PoolClosedException(name + " - pool is closed");
        } else if (waiters.isEmpty() && !idle.isEmpty()) {
          candidate = idle.pop();
          lent++;
        } else if (total < max()) {
          total++;
          opening++;
          open = true;
          waiters.add(result);
        } else if (waiters.size() >= options.maxWaiters()) {
          exhausted = true;
          refused = new PoolExhaustedException(name + " - every connection is busy and " + waiters.size()
              + " acquires are already waiting (maxWaiters=" + options.maxWaiters() + "; " + statsLocked() + ")");
        } else {
          waiters.add(result);
        }
      } finally {
        lock.unlock();
      }
      if (refused != null) {
        if (exhausted) {
          notifyListener(PoolListener::onPoolExhausted);
        }
        result.completeExceptionally(refused);
        return;
      }
      if (candidate == null) {
        result.startTimer();
        if (open) {
          startOpen();
        }
        return;
      }
      long now = System.nanoTime();
      if (!candidate.usableLocally()) {
        giveBack(candidate, true);
        continue;
      }
      if (expired(candidate, now)) {
        giveBack(candidate, false, true);
        continue;
      }
      if (now - candidate.lastUsed <= aliveBypassNanos) {
        lend(result, candidate);
        return;
      }
      if (!onWorker) {
        HeldConnection stale = candidate;
        try {
          engine.workers().execute(() -> validateAndLend(result, stale));
        } catch (RejectedExecutionException e) {
          giveBack(stale, true);
          result.completeExceptionally(new PoolClosedException(name + " - pool is closed", e));
        }
        return;
      }
      if (candidate.validate(validateSeconds)) {
        lend(result, candidate);
        return;
      }
      discardFailedCheck(candidate);
    }
  }

  /**
   * The common case of an acquire, without a future: an idle connection used a moment ago, lent
   * at once. Returns {@code null} when anything else is needed (none idle, callers queued, a check
   * due, the pool closing); the caller then takes the general path.
   */
  private ConnectionImpl lendIdleNow() {
    HeldConnection candidate;
    lock.lock();
    try {
      if (closeFuture != null || !waiters.isEmpty() || idle.isEmpty()) {
        return null;
      }
      candidate = idle.pop();
      lent++;
    } finally {
      lock.unlock();
    }
    long now = System.nanoTime();
    if (now - candidate.lastUsed > aliveBypassNanos || expired(candidate, now) || !candidate.usableLocally()) {
      // Back to the pool (a caller that queued meanwhile gets it); the general path checks or replaces it.
      giveBack(candidate, false);
      return null;
    }
    Session session = newSession(candidate);
    if (listener != PoolListener.NONE) {
      notifyListener(l -> l.onAcquire(Duration.ZERO));
    }
    return new ConnectionImpl(session, options.arraySize());
  }

  /** Checks a connection idle past the alive-bypass window; if it fails, the caller gets another. */
  private void validateAndLend(AcquireFuture result, HeldConnection held) {
    if (result.isDone()) {
      giveBack(held, false);
      return;
    }
    if (held.validate(validateSeconds)) {
      lend(result, held);
      return;
    }
    discardFailedCheck(held);
    take(result, true);
  }

  private void discardFailedCheck(HeldConnection held) {
    LOG.log(Level.DEBUG, () -> name + " - a held connection failed its check and was discarded");
    notifyListener(PoolListener::onConnectionInvalidated);
    giveBack(held, true);
  }

  /** A new lending of a held connection (already counted in {@code lent}). */
  private Session newSession(HeldConnection held) {
    Session session = new Session(engine, this, held, redactedUrl, options.callTimeout(),
        options.stmtCacheSize(), options.module(), callTarget);
    held.lentTo = session;
    held.uses++;
    return session;
  }

  /** Whether a held connection is due to go back to UCP: held too long, or idle too long. */
  private boolean expired(HeldConnection held, long now) {
    return now - held.heldSince >= maxHoldNanos || now - held.lastUsed >= holdIdleNanos;
  }

  /** Lends a held connection (already counted in {@code lent}) to an acquire. */
  private void lend(AcquireFuture result, HeldConnection held) {
    result.cancelTimer();
    Session session = newSession(held);
    ConnectionImpl connection = new ConnectionImpl(session, options.arraySize());
    if (result.isDone()) {
      session.release();
      return;
    }
    if (listener != PoolListener.NONE) {
      notifyListener(l -> l.onAcquire(Duration.ofNanos(System.nanoTime() - result.startNanos)));
    }
    // Timed out, cancelled or closed meanwhile: the connection goes to the next caller.
    if (result.observed == null) {
      engine.complete(result, connection, session::release);
      return;
    }
    // The caller's work on the connection (withConnection's function) runs here: with its context.
    ObservedCall.Scope scope = CallTarget.open(result.observed, true);
    try {
      engine.complete(result, connection, session::release);
    } finally {
      CallTarget.close(scope);
    }
  }

  /**
   * One attempt to open a physical connection. Whoever settles it first wins: the driver
   * returning, or the connect timeout passing; a connection that arrives after the timeout goes
   * straight back to UCP.
   */
  private static final class Opening {
    final java.util.concurrent.atomic.AtomicBoolean settled = new java.util.concurrent.atomic.AtomicBoolean();
    volatile ScheduledFuture<?> timer;
    volatile SQLException lastError;

    boolean settle() {
      if (!settled.compareAndSet(false, true)) {
        return false;
      }
      ScheduledFuture<?> t = timer;
      if (t != null) {
        t.cancel(false);
      }
      return true;
    }
  }

  /**
   * Starts opening a connection whose place is already reserved. One open runs at a time: UCP
   * 23.26 fails borrows that race each other while it grows (measured: plain UCP, 10 threads
   * borrowing and holding, failed in 2 of 5 rounds; one thread, 10 of 10 rounds fine).
   */
  private void startOpen() {
    lock.lock();
    try {
      if (openRunning) {
        queuedOpens++;
        return;
      }
      openRunning = true;
    } finally {
      lock.unlock();
    }
    launchOpen();
  }

  /** The running open is settled (opened, failed or given up): the next queued one starts. */
  private void openSettled() {
    boolean next;
    lock.lock();
    try {
      next = queuedOpens > 0;
      if (next) {
        queuedOpens--;
      } else {
        openRunning = false;
      }
    } finally {
      lock.unlock();
    }
    if (next) {
      launchOpen();
    }
  }

  private void launchOpen() {
    Opening attempt = new Opening();
    Duration connectTimeout = options.connectTimeout();
    if (!connectTimeout.isZero()) {
      attempt.timer = engine.schedule(() -> connectTimedOut(attempt), connectTimeout.toNanos());
    }
    try {
      engine.workers().execute(() -> openOne(attempt));
    } catch (RejectedExecutionException e) {
      if (attempt.settle()) {
        openSettled();
        openFailed(new PoolClosedException(name + " - pool is closed", e));
      }
    }
  }

  /** The driver did not return within the connect timeout: the place is freed, its thread abandoned. */
  private void connectTimedOut(Opening attempt) {
    if (attempt.settle()) {
      openSettled();
      LOG.log(Level.WARNING, () -> name + " - opening a connection to " + redactedUrl + " took longer than "
          + options.connectTimeout().toMillis() + " ms; abandoned");
      openFailed(connectTimeoutError(attempt.lastError));
    }
  }

  private AcquireTimeoutException connectTimeoutError(SQLException lastError) {
    return new AcquireTimeoutException(name + " - could not connect to " + redactedUrl + " within the connect timeout of "
        + options.connectTimeout().toMillis() + " ms (" + stateForMessages() + ")", stats(),
        lastError == null ? null : Errors.map(lastError));
  }

  /** Borrows one more physical connection from UCP, for the first caller in the queue. */
  private void openOne(Opening attempt) {
    HeldConnection held;
    try {
      Connection c = borrowFromUcp(attempt);
      try {
        held = HeldConnection.adopt(c, options.module());
      } catch (SQLException | RuntimeException e) {
        closeQuietly(c);
        throw e;
      }
    } catch (Throwable e) {
      if (attempt.settle()) {
        openSettled();
        openFailed(Errors.map(e));
      }
      return;
    }
    if (!attempt.settle()) {
      // Too late: its place was given up at the connect timeout.
      held.returnToUcp();
      return;
    }
    openSettled();
    lock.lock();
    try {
      opening--;
      allHeld.add(held);
    } finally {
      lock.unlock();
    }
    offer(held);
  }

  /**
   * Borrows from UCP, again when UCP says it is full although it is not. The pool only opens when
   * it has room, and UCP's maximum is twice the pool's, so UCP is never really full here; but UCP
   * 23.26 can fail a borrow that raced others while it grows, with UCP-45064 ("all connections in
   * use", measured with 9 of 20 borrowed). Opens are therefore one at a time (see
   * {@link #startOpen()}), and such a failure is retried within the connect timeout.
   */
  private Connection borrowFromUcp(Opening attempt) throws SQLException {
    return borrowFromUcp(attempt.settled::get, e -> attempt.lastError = e);
  }

  private Connection borrowFromUcp(java.util.function.BooleanSupplier givenUp,
      java.util.function.Consumer<SQLException> lastError) throws SQLException {
    Duration bound = options.connectTimeout().isZero() ? options.acquireTimeout() : options.connectTimeout();
    long giveUpAt = System.nanoTime() + (bound.isZero() ? Duration.ofSeconds(30) : bound).toNanos();
    while (true) {
      try {
        return ucp.getConnection();
      } catch (SQLException e) {
        lastError.accept(e);
        if (!UcpConfiguration.isUcpWait(e) || givenUp.getAsBoolean() || isClosed()
            || System.nanoTime() - giveUpAt > 0) {
          throw e;
        }
        LOG.log(Level.DEBUG, () -> name + " - UCP's short wait passed while it opens or grows; borrowing again");
      }
    }
  }

  /** A new connection could not be opened: the first caller waiting gets the error. */
  private void openFailed(RuntimeException error) {
    AcquireFuture first;
    boolean retry = false;
    lock.lock();
    try {
      opening--;
      total--;
      first = pollLiveWaiter();
      if (!waiters.isEmpty() && closeFuture == null && total < max()) {
        // The others get their own attempt (each fails fast while the database is down).
        total++;
        opening++;
        retry = true;
      }
    } finally {
      lock.unlock();
    }
    if (first != null) {
      first.cancelTimer();
      engine.fail(first, error);
    }
    if (retry) {
      startOpen();
    }
    checkDrained();
  }

  private void leaveQueue(AcquireFuture waiter) {
    lock.lock();
    try {
      waiters.remove(waiter);
    } finally {
      lock.unlock();
    }
  }

  /** The first waiter that still wants a connection; skips those that timed out or were cancelled. */
  private AcquireFuture pollLiveWaiter() {
    AcquireFuture w;
    while ((w = waiters.poll()) != null) {
      if (!w.isDone()) {
        return w;
      }
    }
    return null;
  }

  @Override
  public <T> CompletableFuture<T> withConnection(Function<? super AsyncConnection, ? extends CompletionStage<T>> work) {
    if (work == null) {
      return CompletableFuture.failedFuture(new InvalidArgumentException("work", "work must not be null"));
    }
    // Written out rather than composed from thenCompose/handle: this runs on every call, and each
    // stage a composition adds is an object and a completion more.
    CallFuture<T> result = new CallFuture<>(engine);
    ConnectionImpl ready = lendIdleNow();
    if (ready != null) {
      if (callTarget != null) {
        // Lent at once, on this thread: an acquire that waited for nothing.
        ObservedCall observed = callTarget.start(io.asyncoracle.DatabaseCall.ACQUIRE, null, null);
        if (observed != null) {
          CallTarget.stop(observed, -1, null);
        }
      }
      runWork(ready, work, result);
      return result;
    }
    CompletableFuture<AsyncConnection> acquired = acquire();
    if (acquired.isDone() && !acquired.isCompletedExceptionally()) {
      runWork(acquired.join(), work, result);
    } else {
      acquired.whenComplete((connection, error) -> {
        if (error != null) {
          result.completeExceptionally(Errors.unwrap(error));
        } else {
          runWork(connection, work, result);
        }
      });
    }
    return result;
  }

  private static <T> void runWork(AsyncConnection connection,
      Function<? super AsyncConnection, ? extends CompletionStage<T>> work, CompletableFuture<T> result) {
    CompletionStage<T> stage;
    try {
      stage = work.apply(connection);
      if (stage == null) {
        throw new InvalidArgumentException("work", "work returned null instead of a CompletionStage");
      }
    } catch (Throwable e) {
      RuntimeException failure = e instanceof RuntimeException r ? r
          : new AsyncOracleException(String.valueOf(e.getMessage()), e);
      connection.close().whenComplete((ignored, closeError) -> result.completeExceptionally(failure));
      return;
    }
    stage.whenComplete((value, error) -> {
      CompletableFuture<Void> closed = connection.close();
      if (closed.isDone()) {
        finishWork(result, value, error, closed);
      } else {
        closed.whenComplete((ignored, closeError) -> finishWork(result, value, error, closed));
      }
    });
  }

  private static <T> void finishWork(CompletableFuture<T> result, T value, Throwable error, CompletableFuture<Void> closed) {
    if (error != null) {
      result.completeExceptionally(Errors.map(error));
      return;
    }
    if (closed.isCompletedExceptionally()) {
      try {
        closed.join();
      } catch (RuntimeException closeError) {
        result.completeExceptionally(Errors.map(closeError));
        return;
      }
    }
    result.complete(value);
  }

  // ---- release (Session.Owner) ------------------------------------------------------------

  @Override
  public void release(Session session, boolean discard) {
    HeldConnection held = session.held();
    held.lentTo = null;
    if (listener != PoolListener.NONE) {
      Duration used = Duration.ofNanos(System.nanoTime() - session.borrowedAt());
      notifyListener(l -> l.onRelease(used));
    }
    if (!session.claimSlot()) {
      // Abandoned after a call timeout: its place was freed then; only the connection is left.
      retireOnWorker(held, true);
      return;
    }
    if (discard) {
      notifyListener(PoolListener::onConnectionInvalidated);
    }
    long now = System.nanoTime();
    held.lastUsed = now;
    if (discard || now - held.heldSince >= maxHoldNanos) {
      lock.lock();
      try {
        lent--;
      } finally {
        lock.unlock();
      }
      retire(held, discard);
      return;
    }
    // The common case, under one lock: the next waiter gets it, or it goes on the idle stack.
    offer(held, true);
  }

  @Override
  public void abandon(Session session) {
    if (!session.claimSlot()) {
      return;
    }
    HeldConnection held = session.held();
    held.lentTo = null;
    LOG.log(Level.WARNING, () -> name + " - a connection did not answer the cancel of a timed-out call and was given up");
    notifyListener(PoolListener::onConnectionInvalidated);
    lock.lock();
    try {
      lent--;
      total--;
      allHeld.remove(held);
    } finally {
      lock.unlock();
    }
    capacityFreed();
  }

  /** Puts a free held connection to use: the first waiter gets it, else it goes on the idle stack. */
  private void offer(HeldConnection held) {
    offer(held, false);
  }

  /**
   * Puts a free held connection to use, under one lock with giving up its lent place when
   * {@code wasLent}.
   */
  private void offer(HeldConnection held, boolean wasLent) {
    AcquireFuture next;
    boolean toUcp = false;
    lock.lock();
    try {
      if (wasLent) {
        lent--;
      }
      if (closeFuture != null) {
        total--;
        allHeld.remove(held);
        toUcp = true;
        next = null;
      } else {
        next = pollLiveWaiter();
        if (next != null) {
          lent++;
        } else {
          idle.push(held);
        }
      }
    } finally {
      lock.unlock();
    }
    if (toUcp) {
      retireOnWorker(held, false);
      checkDrained();
    } else if (next != null) {
      lend(next, held);
    }
  }

  /** Hands back a connection an acquire took but did not use. */
  private void giveBack(HeldConnection held, boolean discard) {
    giveBack(held, discard, discard);
  }

  /** Hands back a connection an acquire took but did not use: to the pool, or to UCP. */
  private void giveBack(HeldConnection held, boolean discard, boolean toUcp) {
    if (toUcp) {
      lock.lock();
      try {
        lent--;
      } finally {
        lock.unlock();
      }
      retire(held, discard);
    } else {
      offer(held, true);
    }
  }

  /** Gives a held connection (no longer counted as lent) back to UCP and frees its place. */
  private void retire(HeldConnection held, boolean discard) {
    lock.lock();
    try {
      total--;
      allHeld.remove(held);
    } finally {
      lock.unlock();
    }
    retireOnWorker(held, discard);
    capacityFreed();
  }

  /** Returning a connection to UCP can touch the network (a discard closes it): never on a caller's thread. */
  private void retireOnWorker(HeldConnection held, boolean discard) {
    Runnable task = discard ? held::discard : held::returnToUcp;
    if (engine.onOwnWorker()) {
      task.run();
      return;
    }
    try {
      engine.workers().execute(task);
    } catch (RejectedExecutionException e) {
      task.run();
    }
  }

  /** A place was freed: open a connection for a waiting caller, or finish a close. */
  private void capacityFreed() {
    boolean open = false;
    lock.lock();
    try {
      if (closeFuture == null && total < max()) {
        // Drop waiters that gave up, so we do not open connections for nobody.
        while (!waiters.isEmpty() && waiters.peek().isDone()) {
          waiters.poll();
        }
        if (waiters.size() > opening) {
          total++;
          opening++;
          open = true;
        }
      }
    } finally {
      lock.unlock();
    }
    if (open) {
      startOpen();
    }
    checkDrained();
  }

  /** Gives idle connections past their window back to UCP. Runs on the timer: hands the work to a worker. */
  private void retireExpiredIdle() {
    long now = System.nanoTime();
    List<HeldConnection> expired = new ArrayList<>();
    lock.lock();
    try {
      for (HeldConnection h : idle) {
        if (now - h.heldSince >= maxHoldNanos || now - h.lastUsed >= holdIdleNanos) {
          expired.add(h);
        }
      }
      idle.removeAll(expired);
      allHeld.removeAll(expired);
      total -= expired.size();
    } finally {
      lock.unlock();
    }
    if (!expired.isEmpty()) {
      try {
        engine.workers().execute(() -> expired.forEach(HeldConnection::returnToUcp));
      } catch (RejectedExecutionException e) {
        expired.forEach(HeldConnection::returnToUcp);
      }
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.TRACE, () -> "closing a connection failed: " + e);
    }
  }

  private int max() {
    return options.max();
  }

  // ---- stats --------------------------------------------------------------------------------

  @Override
  public PoolStats stats() {
    int held;
    int idleHeld;
    int busy;
    int waiting;
    lock.lock();
    try {
      held = total - opening;
      idleHeld = idle.size();
      busy = lent;
      waiting = waiters.size();
    } finally {
      lock.unlock();
    }
    int inUcp = 0;
    if (!destroyed) {
      try {
        inUcp = ucp.getAvailableConnectionsCount();
      } catch (SQLException | RuntimeException e) {
        // UCP not started yet (lazy pool) or already destroyed: no physical connections to count.
      }
    }
    return new PoolStats(held + inUcp, busy, idleHeld + inUcp, waiting, options.min(), options.max());
  }

  /** Connections the pool holds now (idle and lent), for tests. */
  int heldConnections() {
    lock.lock();
    try {
      return total - opening;
    } finally {
      lock.unlock();
    }
  }

  /** Connections UCP counts as borrowed (by this pool), for tests. */
  int borrowedFromUcp() {
    try {
      return ucp.getBorrowedConnectionsCount();
    } catch (SQLException | RuntimeException e) {
      return 0;
    }
  }

  /** The engine, for tests that look at the workers. */
  Engine engine() {
    return engine;
  }

  private String statsLocked() {
    return "total=" + (total - opening) + ", busy=" + lent + ", idle=" + idle.size() + ", waiting=" + waiters.size()
        + ", min=" + options.min() + ", max=" + options.max();
  }

  private String stateForMessages() {
    return stats().toString();
  }

  @Override
  public boolean isClosed() {
    lock.lock();
    try {
      return closeFuture != null;
    } finally {
      lock.unlock();
    }
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
    List<AcquireFuture> abandoned;
    List<HeldConnection> idleNow;
    lock.lock();
    try {
      if (closeFuture != null) {
        done = closeFuture;
        abandoned = null;
        idleNow = null;
      } else {
        if (!forced && lent > 0) {
          return CompletableFuture.failedFuture(new PoolBusyException(name + " - cannot close: "
              + lent + " connection(s) still in use (ORA-24422); close with force to wait for them"));
        }
        done = new CompletableFuture<>();
        closeFuture = done;
        abandoned = new ArrayList<>(waiters);
        waiters.clear();
        idleNow = new ArrayList<>(idle);
        idle.clear();
        allHeld.removeAll(idleNow);
        total -= idleNow.size();
      }
    } finally {
      lock.unlock();
    }
    if (abandoned == null) {
      if (interrupt) {
        interruptAll();
      }
      return done;
    }
    LOG.log(Level.DEBUG, () -> name + " - closing (force=" + forced + ", interrupt=" + interrupt + ", timeout=" + timeout + ")");
    ScheduledFuture<?> keeper = housekeeping;
    if (keeper != null) {
      keeper.cancel(false);
    }
    for (AcquireFuture waiter : abandoned) {
      waiter.cancelTimer();
      engine.fail(waiter, new PoolClosedException(name + " - pool closed while waiting for a connection"));
    }
    if (!idleNow.isEmpty()) {
      runOnWorker(() -> idleNow.forEach(HeldConnection::returnToUcp));
    }
    if (interrupt) {
      interruptAll();
    } else if (!timeout.isZero() && busyCount() > 0) {
      engine.schedule(() -> {
        if (!destroyed) {
          LOG.log(Level.INFO, () -> name + " - close timeout of " + timeout.toMillis()
              + " ms passed with connections still in use: interrupting them");
          interruptAll();
        }
      }, timeout.toNanos());
    }
    checkDrained();
    return done;
  }

  private int busyCount() {
    lock.lock();
    try {
      return lent;
    } finally {
      lock.unlock();
    }
  }

  /** The sessions connections are lent to now. */
  private List<Session> lentSessions() {
    List<Session> sessions = new ArrayList<>();
    lock.lock();
    try {
      for (HeldConnection h : allHeld) {
        Session s = h.lentTo;
        if (s != null) {
          sessions.add(s);
        }
      }
    } finally {
      lock.unlock();
    }
    return sessions;
  }

  private void interruptAll() {
    PoolClosedException why = new PoolClosedException("pool " + name + " was closed with interrupt");
    for (Session session : lentSessions()) {
      session.revoke(why);
    }
    // A call that does not answer its cancel (a database that stopped answering) must not hold the
    // close: after the grace its connection is given up, and its future fails.
    engine.schedule(() -> runOnWorker(() -> {
      for (Session session : lentSessions()) {
        if (session.callInProgress()) {
          session.abandon(new PoolClosedException(name + " - the pool was closed with interrupt and the call did"
              + " not answer its cancel; its connection was given up"));
        }
      }
    }), Session.CANCEL_GRACE.toNanos());
  }

  /** Once closing and nothing is lent or opening any more, destroys UCP's pool and completes the close. */
  private void checkDrained() {
    CompletableFuture<Void> done;
    lock.lock();
    try {
      if (closeFuture == null || drainedScheduled || lent > 0 || opening > 0) {
        return;
      }
      drainedScheduled = true;
      done = closeFuture;
    } finally {
      lock.unlock();
    }
    runOnWorker(() -> destroyAndComplete(done));
  }

  private void runOnWorker(Runnable task) {
    try {
      engine.workers().execute(task);
    } catch (RejectedExecutionException e) {
      task.run();
    }
  }

  /**
   * Closes UCP's side and completes the close. UCP's destroy waits for every connection UCP is
   * still creating; one stuck in a driver that never answers would hold it for good. So idle
   * connections are closed first (a purge, which does not wait), the destroy runs on a thread of
   * its own, and the close completes when it finishes or after {@link #DESTROY_WAIT}, whichever
   * comes first.
   */
  private void destroyAndComplete(CompletableFuture<Void> done) {
    destroyed = true;
    try {
      oracle.ucp.admin.UniversalConnectionPoolManagerImpl.getUniversalConnectionPoolManager().purgeConnectionPool(name);
    } catch (Exception e) {
      LOG.log(Level.TRACE, () -> name + " - purge: " + e);
    }
    Thread destroyer = new Thread(() -> {
      try {
        destroy();
        LOG.log(Level.DEBUG, () -> name + " - closed");
      } finally {
        done.complete(null);
      }
    }, name + "-destroy");
    destroyer.setDaemon(true);
    destroyer.start();
    try {
      destroyer.join(DESTROY_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!done.isDone()) {
      LOG.log(Level.INFO, () -> name + " - UCP is still creating a connection the database does not answer;"
          + " the pool is closed and UCP finishes in the background");
      done.complete(null);
    }
    engine.shutdown();
  }

  /** How long a close waits for UCP's destroy (see {@link #destroyAndComplete}). */
  private static final Duration DESTROY_WAIT = Duration.ofMillis(300);

  /** Destroys the pool without waiting: for a create that timed out on the timer thread. */
  private void destroyInBackground() {
    Thread t = new Thread(this::destroy, name + "-destroy");
    t.setDaemon(true);
    t.start();
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
    if (listener == PoolListener.NONE) {
      return;
    }
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
