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
import io.asyncoracle.GetMode;
import io.asyncoracle.SessionCallback;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
  /** The current options: those the pool was created with, as changed by {@link #reconfigure}. */
  private volatile PoolOptions options;
  /** What the options say in the units the pool uses; replaced as a whole by {@link #reconfigure}. */
  private volatile Limits limits;
  private final Engine engine;
  private final PoolDataSource ucp;
  /** Written only by {@link #addListener} (rarely, at startup); volatile so a call sees a listener added later. */
  private volatile PoolListener listener;
  /** Where observed calls go, or {@code null} when no {@link io.asyncoracle.CallObserver} is set. */
  private final CallTarget callTarget;
  /** Whether an on-connect hook or a session callback is set: only then does a lend look at them. */
  private final boolean hooks;
  private final SessionCallback sessionCallback;
  private final Function<? super AsyncConnection, ? extends CompletionStage<?>> onConnect;
  /**
   * What outlives one hold of a physical connection (set-up done, tag, age), by driver connection:
   * UCP may lend the pool the same physical connection again after it was given back.
   */
  private final Map<Connection, PhysicalState> physicalStates = Collections.synchronizedMap(new WeakHashMap<>());

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
  /** Between suspend() and resume(): nothing is lent or opened, and what comes back goes to UCP. */
  private boolean suspended;
  private long suspensions;
  private CompletableFuture<Void> suspendFuture;
  private boolean ucpStopScheduled;
  /** Held connections on their way back to UCP on a worker: a suspension waits for them. */
  private final AtomicInteger returning = new AtomicInteger();
  /** UCP's pool was stopped by a suspension and not started since. */
  private volatile boolean ucpStopped;
  /** Serialises stopping and starting UCP's pool. */
  private final ReentrantLock ucpLifecycle = new ReentrantLock();
  private volatile ScheduledFuture<?> suspendDeadline;
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
    this.limits = new Limits(options);
    this.sessionCallback = options.sessionCallback();
    this.onConnect = options.onConnect();
    this.hooks = sessionCallback != null || onConnect != null;
  }

  /** The options in the units the pool uses, computed once per options. */
  private static final class Limits {
    final long aliveBypassNanos;
    final long maxHoldNanos;
    final long holdIdleNanos;
    final long maxLifetimeNanos;
    final long idleTimeoutNanos;
    final long pingTimeoutNanos;
    final int pingSeconds;
    final GetMode getMode;
    final int increment;
    /** The bound of a whole acquire: the wait timeout in TIMEDWAIT, else the acquire timeout (zero: none). */
    final Duration acquireBound;

    Limits(PoolOptions options) {
      aliveBypassNanos = options.validateOnBorrow() ? options.aliveBypass().toNanos() : Long.MAX_VALUE;
      maxHoldNanos = nanosOrUnbounded(options.maxHold());
      holdIdleNanos = nanosOrUnbounded(options.holdIdleTimeout());
      maxLifetimeNanos = nanosOrUnbounded(options.maxLifetime());
      idleTimeoutNanos = nanosOrUnbounded(options.inactiveTimeout());
      pingTimeoutNanos = options.pingTimeout().toNanos();
      // isValid takes whole seconds; the pool's own timer holds the exact ping timeout.
      pingSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (options.pingTimeout().toMillis() + 999) / 1000));
      getMode = options.getMode();
      increment = options.increment();
      acquireBound = getMode == GetMode.TIMEDWAIT ? options.waitTimeout() : options.acquireTimeout();
    }
  }

  private static long nanosOrUnbounded(Duration d) {
    return d.isZero() ? Long.MAX_VALUE : d.toNanos();
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
            held = pool.adopt(probe);
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
          engine.fail(created, Errors.failure(e));
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

  /** Takes over a connection borrowed from UCP, with what the pool knew of it from earlier holds. */
  private HeldConnection adopt(Connection c) throws SQLException {
    HeldConnection held = HeldConnection.adopt(c, options.module());
    PhysicalState known = physicalStates.get(held.physical);
    if (known == null) {
      known = held.state;
      // UCP opened it with the statement cache size it was configured with (setMaxStatements).
      known.stmtCacheSize = options.stmtCacheSize();
      physicalStates.put(held.physical, known);
    } else {
      held.state = known;
    }
    return held;
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
    /** The tag asked for, or {@code null}. */
    final String tag;
    final boolean matchAnyTag;
    /** The acquire's observation, or {@code null}: ended just before the future completes, whoever completes it. */
    final ObservedCall observed;
    volatile ScheduledFuture<?> timer;
    /** The bound this acquire started with (a reconfigure does not change it). */
    private Duration bound;

    AcquireFuture(long startNanos, String tag, boolean matchAnyTag, ObservedCall observed) {
      super(engine);
      this.startNanos = startNanos;
      this.tag = tag;
      this.matchAnyTag = matchAnyTag;
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

    /** Starts the deadline of the whole acquire, once: queued, connecting, pinging or setting up. */
    void startTimer(Limits current) {
      if (bound != null || isDone()) {
        return;
      }
      bound = current.acquireBound;
      // Zero is "no limit" for the acquire timeout; for TIMEDWAIT it is "do not wait".
      if (!bound.isZero() || current.getMode == GetMode.TIMEDWAIT) {
        long left = bound.toNanos() - (System.nanoTime() - startNanos);
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
      String which = limits.getMode == GetMode.TIMEDWAIT ? "waitTimeout" : "acquireTimeout";
      AcquireTimeoutException timeout = new AcquireTimeoutException(name + " - no connection available after "
          + bound.toMillis() + "ms (" + which + "; " + stateForMessages() + ")", stats(), null);
      if (!isDone()) {
        notifyListener(l -> l.onAcquireTimeout(waited));
        engine.failFromTimer(this, timeout);
      }
    }
  }

  @Override
  public CompletableFuture<AsyncConnection> acquire() {
    AcquireFuture result = new AcquireFuture(System.nanoTime(), null, false, observeAcquire());
    take(result, false);
    return result;
  }

  @Override
  public CompletableFuture<AsyncConnection> acquire(String tag) {
    return acquire(tag, false);
  }

  @Override
  public CompletableFuture<AsyncConnection> acquire(String tag, boolean matchAnyTag) {
    AcquireFuture result = new AcquireFuture(System.nanoTime(), tag, matchAnyTag, observeAcquire());
    take(result, false);
    return result;
  }

  private ObservedCall observeAcquire() {
    return callTarget == null ? null : callTarget.start(io.asyncoracle.DatabaseCall.ACQUIRE, null, null);
  }

  /**
   * Completes an acquire with its connection; with an observation, the caller's work on the
   * connection (withConnection's function) runs here, in its context.
   */
  private void completeAcquire(AcquireFuture result, ConnectionImpl connection, Session session) {
    if (result.observed == null) {
      engine.complete(result, connection, session::release);
      return;
    }
    ObservedCall.Scope scope = CallTarget.open(result.observed, true);
    try {
      engine.complete(result, connection, session::release);
    } finally {
      CallTarget.close(scope);
    }
  }

  /**
   * The idle connection an acquire takes, under the lock: the most recently used one, or for a
   * tag, the most recent with that tag, else the most recent untagged one (any with
   * {@code matchAnyTag}). Returns {@code null} when none suits but the pool may still open one;
   * a pool that cannot open gives its most recent connection rather than keep the caller waiting
   * while connections sit idle (the session callback then brings it to the tag).
   */
  private HeldConnection pickIdleLocked(AcquireFuture result, boolean canOpen) {
    if (result.tag == null) {
      return idle.pop();
    }
    HeldConnection untagged = null;
    for (HeldConnection h : idle) {
      String tag = h.state.tag;
      if (result.tag.equals(tag)) {
        idle.remove(h);
        return h;
      }
      if (untagged == null && (tag == null || result.matchAnyTag)) {
        untagged = h;
      }
    }
    if (untagged != null) {
      idle.remove(untagged);
      return untagged;
    }
    return canOpen ? null : idle.pop();
  }

  /**
   * Serves an acquire: lends an idle held connection, or opens a new one, or queues the acquire,
   * as the get mode says.
   *
   * @param result the acquire
   * @param onWorker whether the current thread may block (validate a connection) itself
   */
  private void take(AcquireFuture result, boolean onWorker) {
    while (true) {
      HeldConnection candidate = null;
      int opens = 0;
      RuntimeException refused = null;
      boolean exhausted = false;
      Limits current = limits;
      lock.lock();
      try {
        boolean canOpen = total < max();
        if (closeFuture != null) {
          refused = new PoolClosedException(name + " - pool is closed");
        } else if (suspended && waiters.size() < options.maxWaiters()) {
          // Served after the resume; its acquire timeout runs meanwhile.
          waiters.add(result);
        } else if (suspended) {
          exhausted = true;
          refused = new PoolExhaustedException(name + " - the pool is suspended and " + waiters.size()
              + " acquires are already waiting (maxWaiters=" + options.maxWaiters() + "; " + statsLocked() + ")");
        } else if (waiters.isEmpty() && !idle.isEmpty()
            && (candidate = pickIdleLocked(result, canOpen)) != null) {
          lent++;
        } else if (canOpen) {
          // Grow by the increment, never beyond max: the first open serves this acquire (the
          // queue is FIFO), the others whoever asks next.
          opens = Math.max(1, Math.min(current.increment, max() - total));
          total += opens;
          opening += opens;
          waiters.add(result);
        } else if (current.getMode == GetMode.FORCEGET) {
          total++;
          opening++;
          opens = 1;
          waiters.add(result);
        } else if (current.getMode == GetMode.NOWAIT) {
          exhausted = true;
          refused = new PoolExhaustedException(name + " - every connection is busy and getMode is NOWAIT ("
              + statsLocked() + ")");
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
        result.cancelTimer();
        result.completeExceptionally(refused);
        return;
      }
      if (candidate == null) {
        result.startTimer(current);
        for (int i = 0; i < opens; i++) {
          startOpen();
        }
        return;
      }
      long now = System.nanoTime();
      if (!candidate.usableLocally()) {
        giveBack(candidate, true);
        continue;
      }
      if (pastLifetime(candidate, now, current)) {
        closeLent(candidate);
        continue;
      }
      if (expired(candidate, now, current)) {
        giveBack(candidate, false, true);
        continue;
      }
      if (now - candidate.lastUsed <= current.aliveBypassNanos) {
        lend(result, candidate);
        return;
      }
      // A check is a round trip: the acquire's deadline covers it.
      result.startTimer(current);
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
      Ping outcome = ping(result, candidate, current);
      if (outcome == Ping.ALIVE) {
        lend(result, candidate);
        return;
      }
      if (outcome == Ping.GIVEN_UP) {
        return;
      }
      discardFailedCheck(candidate);
    }
  }

  /**
   * The common case of an acquire, without a future: an idle connection used a moment ago, lent
   * at once. Returns {@code null} when anything else is needed (none idle, callers queued, a check
   * due, a set-up due, the pool closing); the caller then takes the general path.
   */
  private ConnectionImpl lendIdleNow() {
    HeldConnection candidate;
    lock.lock();
    try {
      if (closeFuture != null || suspended || !waiters.isEmpty() || idle.isEmpty()) {
        return null;
      }
      candidate = idle.pop();
      lent++;
    } finally {
      lock.unlock();
    }
    long now = System.nanoTime();
    Limits current = limits;
    if (now - candidate.lastUsed > current.aliveBypassNanos || expired(candidate, now, current)
        || pastLifetime(candidate, now, current) || (hooks && needsSetUp(candidate, null))
        || !candidate.usableLocally()) {
      // Back to the pool (a caller that queued meanwhile gets it); the general path checks or replaces it.
      giveBack(candidate, false);
      return null;
    }
    Session session = newSession(candidate);
    if (listener != PoolListener.NONE) {
      notifyListener(l -> l.onAcquire(Duration.ZERO));
    }
    return new ConnectionImpl(session, options.arraySize(), options.fetchDecimals());
  }

  /** What a check of an idle connection found. */
  private enum Ping { ALIVE, DEAD, GIVEN_UP }

  /**
   * Checks a connection idle past the ping interval, within the ping timeout. A connection that
   * does not answer in time is given up: its place is freed at the deadline and the acquire goes on
   * on another worker, while this one is left to the driver (the connection is discarded when it
   * returns). Runs on a worker.
   */
  private Ping ping(AcquireFuture result, HeldConnection held, Limits current) {
    java.util.concurrent.atomic.AtomicBoolean settled = new java.util.concurrent.atomic.AtomicBoolean();
    ScheduledFuture<?> deadline = engine.schedule(() -> {
      if (settled.compareAndSet(false, true)) {
        pingTimedOut(result, held, current);
      }
    }, current.pingTimeoutNanos);
    boolean alive = held.validate(current.pingSeconds);
    if (!settled.compareAndSet(false, true)) {
      held.discard();
      return Ping.GIVEN_UP;
    }
    deadline.cancel(false);
    return alive ? Ping.ALIVE : Ping.DEAD;
  }

  private void pingTimedOut(AcquireFuture result, HeldConnection held, Limits current) {
    LOG.log(Level.WARNING, () -> name + " - a held connection did not answer its check within the ping timeout of "
        + Duration.ofNanos(current.pingTimeoutNanos).toMillis() + " ms and was given up");
    notifyListener(PoolListener::onConnectionInvalidated);
    noLongerLentNorHeld(held);
    // Off the timer thread: the acquire goes on, which may open or check another connection.
    runOnWorker(() -> {
      capacityFreed();
      if (!result.isDone()) {
        take(result, true);
      }
    });
  }

  /** Checks a connection idle past the ping interval; if it fails, the caller gets another. */
  private void validateAndLend(AcquireFuture result, HeldConnection held) {
    if (result.isDone()) {
      giveBack(held, false);
      return;
    }
    Ping outcome = ping(result, held, limits);
    if (outcome == Ping.GIVEN_UP) {
      return;
    }
    if (outcome == Ping.ALIVE) {
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
    PoolOptions current = options;
    Session session = new Session(engine, this, held, redactedUrl, current.callTimeout(),
        current.stmtCacheSize(), current.module(), callTarget);
    PhysicalState state = held.state;
    String tag = state.tag;
    if (tag != null) {
      session.setTag(tag);
    }
    if (held.oracle && state.stmtCacheSize != current.stmtCacheSize()) {
      // Reconfigured since the connection was opened: applied with the lending's first call.
      session.setStmtCacheSize(current.stmtCacheSize());
    }
    held.lentTo = session;
    held.uses++;
    return session;
  }

  /** Whether a held connection is due to go back to UCP: held too long, or idle too long. */
  private static boolean expired(HeldConnection held, long now, Limits current) {
    return now - held.heldSince >= current.maxHoldNanos || now - held.lastUsed >= current.holdIdleNanos;
  }

  /** Whether a physical connection is older than {@code maxLifetime}: it is closed, not lent. */
  private static boolean pastLifetime(HeldConnection held, long now, Limits current) {
    return now - held.state.firstSeen >= current.maxLifetimeNanos;
  }

  /** Whether lending this connection for {@code tag} runs the on-connect hook or the session callback. */
  private boolean needsSetUp(HeldConnection held, String tag) {
    PhysicalState state = held.state;
    if (onConnect != null && !state.connected) {
      return true;
    }
    return sessionCallback != null && (!state.initialized || (tag != null && !tag.equals(state.tag)));
  }

  /** Lends a held connection (already counted in {@code lent}) to an acquire. */
  private void lend(AcquireFuture result, HeldConnection held) {
    if (hooks && needsSetUp(held, result.tag)) {
      lendAfterSetUp(result, held);
      return;
    }
    result.cancelTimer();
    Session session = newSession(held);
    ConnectionImpl connection = new ConnectionImpl(session, options.arraySize(), options.fetchDecimals());
    if (result.isDone()) {
      session.release();
      return;
    }
    if (listener != PoolListener.NONE) {
      notifyListener(l -> l.onAcquire(Duration.ofNanos(System.nanoTime() - result.startNanos)));
    }
    // Timed out, cancelled or closed meanwhile: the connection goes to the next caller.
    completeAcquire(result, connection, session);
  }

  /**
   * Runs the on-connect hook (once per physical connection) and the session callback (on a session
   * not set up yet, or one whose tag is not the one asked for), then completes the acquire; the
   * acquire's deadline keeps running meanwhile. A failed hook closes the connection (it is never
   * lent without its set-up); a failed callback gives it back, to be set up on its next lend.
   */
  private void lendAfterSetUp(AcquireFuture result, HeldConnection held) {
    result.startTimer(limits);
    Session session = newSession(held);
    ConnectionImpl connection = new ConnectionImpl(session, options.arraySize(), options.fetchDecimals());
    if (result.isDone()) {
      session.release();
      return;
    }
    PhysicalState state = held.state;
    boolean runHook = onConnect != null && !state.connected;
    java.util.concurrent.atomic.AtomicBoolean hookFailed = new java.util.concurrent.atomic.AtomicBoolean();
    CompletableFuture<Void> connected = runHook
        ? callUser("onConnect", () -> onConnect.apply(connection)).handle((ignored, error) -> {
          if (error != null) {
            hookFailed.set(true);
            throw error instanceof CompletionException c ? c : new CompletionException(error);
          }
          state.connected = true;
          return null;
        })
        : CompletableFuture.completedFuture(null);
    CompletableFuture<Void> ready = connected.thenCompose(ignored -> {
      String tag = result.tag;
      boolean runCallback = sessionCallback != null
          && (!state.initialized || (tag != null && !tag.equals(session.tag())));
      if (!runCallback) {
        return CompletableFuture.completedFuture(null);
      }
      return callUser("sessionCallback", () -> sessionCallback.initialize(connection, tag))
          .thenRun(() -> state.initialized = true);
    });
    ready.whenComplete((ignored, error) -> {
      if (error != null) {
        CompletableFuture<Void> back = hookFailed.get() ? session.drop() : session.release();
        RuntimeException why = setUpFailure(error, hookFailed.get() ? "onConnect" : "sessionCallback");
        back.whenComplete((v, e) -> {
          result.cancelTimer();
          engine.fail(result, why);
        });
        return;
      }
      result.cancelTimer();
      if (result.isDone()) {
        session.release();
        return;
      }
      if (listener != PoolListener.NONE) {
        notifyListener(l -> l.onAcquire(Duration.ofNanos(System.nanoTime() - result.startNanos)));
      }
      completeAcquire(result, connection, session);
    });
  }

  /** Calls application code that returns a stage; whatever it throws or returns, a future that completes. */
  private static CompletableFuture<Void> callUser(String what,
      java.util.function.Supplier<? extends CompletionStage<?>> code) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      CompletionStage<?> stage = code.get();
      if (stage == null) {
        done.completeExceptionally(new InvalidArgumentException(what, what + " returned null instead of a CompletionStage"));
      } else {
        stage.whenComplete((value, error) -> {
          if (error != null) {
            done.completeExceptionally(error);
          } else {
            done.complete(null);
          }
        });
      }
    } catch (Throwable e) {
      done.completeExceptionally(e);
    }
    return done;
  }

  private static RuntimeException setUpFailure(Throwable error, String what) {
    Throwable e = Errors.unwrap(error);
    if (e instanceof AsyncOracleException ours) {
      return ours;
    }
    if (e instanceof SQLException sql) {
      return Errors.database(sql);
    }
    if (e instanceof RuntimeException runtime) {
      return runtime;
    }
    return new AsyncOracleException(what + " failed: " + e, e);
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
        held = adopt(c);
      } catch (SQLException | RuntimeException e) {
        closeQuietly(c);
        throw e;
      }
    } catch (Throwable e) {
      if (attempt.settle()) {
        openSettled();
        openFailed(Errors.failure(e));
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
    if (ucpStopped) {
      startUcpIfStopped();
    }
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
  private void openFailed(Throwable error) {
    AcquireFuture first;
    boolean retry = false;
    lock.lock();
    try {
      opening--;
      total--;
      first = pollLiveWaiter();
      if (!waiters.isEmpty() && closeFuture == null && !suspended && total < max()) {
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
    checkSuspended();
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
    WorkFuture<T> result = new WorkFuture<>();
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
      result.acquiring = acquired;
      if (result.isCancelled()) {
        acquired.cancel(false);
      }
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

  /**
   * The future {@link #withConnection} returns. Cancelling it gives up the acquire if it still
   * waits, or takes the connection back from the work: its running call is broken and its later
   * calls are refused ({@link Session#withdraw()}), so the connection returns to the pool at once.
   */
  private final class WorkFuture<T> extends CallFuture<T> {
    volatile CompletableFuture<AsyncConnection> acquiring;
    volatile ConnectionImpl connection;

    WorkFuture() {
      super(engine);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      if (cancelled) {
        CompletableFuture<AsyncConnection> waiting = acquiring;
        if (waiting != null) {
          waiting.cancel(false);
        }
        ConnectionImpl lent = connection;
        if (lent != null) {
          lent.session().withdraw();
        }
      }
      return cancelled;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
      return new CallFuture<>(engine);
    }
  }

  private static <T> void runWork(AsyncConnection connection,
      Function<? super AsyncConnection, ? extends CompletionStage<T>> work, WorkFuture<T> result) {
    ConnectionImpl lent = (ConnectionImpl) connection;
    result.connection = lent;
    if (result.isDone()) {
      // Cancelled before the work began: the work never sees the connection.
      connection.close();
      return;
    }
    CompletionStage<T> stage;
    try {
      stage = work.apply(connection);
      if (stage == null) {
        throw new InvalidArgumentException("work", "work returned null instead of a CompletionStage");
      }
    } catch (Throwable e) {
      // What the work threw, Errors included, is what the application gets.
      Throwable failure = Errors.failure(e);
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
      result.completeExceptionally(Errors.failure(error));
      return;
    }
    if (closed.isCompletedExceptionally()) {
      try {
        closed.join();
      } catch (Throwable closeError) {
        result.completeExceptionally(Errors.failure(closeError));
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
    // The tag stays with the session, for acquires that ask for it (python-oracledb's retagging).
    String tag = session.tag();
    if (tag != held.state.tag) {
      held.state.tag = tag;
    }
    if (listener != PoolListener.NONE) {
      Duration used = Duration.ofNanos(System.nanoTime() - session.borrowedAt());
      notifyListener(l -> l.onRelease(used));
    }
    if (!session.claimSlot()) {
      // Abandoned after a call timeout: its place was freed then; only the connection is left.
      retireOnWorker(held, true);
      return;
    }
    long now = System.nanoTime();
    held.lastUsed = now;
    Limits current = limits;
    boolean dropped = session.dropped();
    if (dropped || (!discard && pastLifetime(held, now, current))) {
      // Dropped by the application, or older than maxLifetime: closed for good, not pooled.
      closeLent(held);
      return;
    }
    if (discard) {
      notifyListener(PoolListener::onConnectionInvalidated);
    }
    if (discard || now - held.heldSince >= current.maxHoldNanos) {
      retireLent(held, discard);
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
    noLongerLentNorHeld(held);
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
    AcquireFuture next = null;
    boolean toUcp = false;
    boolean aboveMax = false;
    lock.lock();
    try {
      if (wasLent) {
        lent--;
      }
      if (closeFuture != null || suspended) {
        total--;
        allHeld.remove(held);
        toUcp = true;
      } else if (wasLent && total > max()) {
        // Opened beyond max (FORCEGET), or max was lowered: closed rather than pooled.
        total--;
        allHeld.remove(held);
        aboveMax = true;
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
      checkSuspended();
    } else if (aboveMax) {
      runOnWorker(held::close);
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
      retireLent(held, discard);
    } else {
      offer(held, true);
    }
  }

  /** Closes a held connection (no longer counted as lent) for good and frees its place. */
  private void closeHeld(HeldConnection held) {
    noLongerHeld(held);
    runOnWorker(held::close);
    capacityFreed();
  }

  /** Closes a connection counted as lent (one an acquire took, or one given back) instead of pooling it. */
  private void closeLent(HeldConnection held) {
    noLongerLent();
    closeHeld(held);
  }

  /** Gives a connection counted as lent back to UCP instead of pooling it. */
  private void retireLent(HeldConnection held, boolean discard) {
    noLongerLent();
    retire(held, discard);
  }

  /** Counts one connection fewer as lent (it stays held until closed or retired). */
  private void noLongerLent() {
    lock.lock();
    try {
      lent--;
    } finally {
      lock.unlock();
    }
  }

  /** Stops counting a held connection that is not lent: it no longer takes a place. */
  private void noLongerHeld(HeldConnection held) {
    lock.lock();
    try {
      total--;
      allHeld.remove(held);
    } finally {
      lock.unlock();
    }
  }

  /** Stops counting a lent connection that is given up: neither lent nor taking a place any more. */
  private void noLongerLentNorHeld(HeldConnection held) {
    lock.lock();
    try {
      lent--;
      total--;
      allHeld.remove(held);
    } finally {
      lock.unlock();
    }
  }

  /** Gives a held connection (no longer counted as lent) back to UCP and frees its place. */
  private void retire(HeldConnection held, boolean discard) {
    noLongerHeld(held);
    retireOnWorker(held, discard);
    capacityFreed();
  }

  /** Returning a connection to UCP can touch the network (a discard closes it): never on a caller's thread. */
  private void retireOnWorker(HeldConnection held, boolean discard) {
    returning.incrementAndGet();
    Runnable task = () -> {
      try {
        if (discard) {
          held.discard();
        } else {
          held.returnToUcp();
        }
      } finally {
        if (returning.decrementAndGet() == 0) {
          checkSuspended();
        }
      }
    };
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
      if (closeFuture == null && !suspended && total < max()) {
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
    checkSuspended();
  }

  /**
   * Housekeeping, once a second on the timer: gives idle connections past their hold window back to
   * UCP, and closes those past {@code maxLifetime} and those idle past {@code timeout} while more
   * than {@code min} are open (least recently used first). The work goes to a worker.
   */
  private void retireExpiredIdle() {
    long now = System.nanoTime();
    Limits current = limits;
    int inUcp = 0;
    if (current.idleTimeoutNanos != Long.MAX_VALUE) {
      try {
        inUcp = ucp.getAvailableConnectionsCount();
      } catch (SQLException | RuntimeException e) {
        // UCP not started yet: nothing idle there.
      }
    }
    List<HeldConnection> toUcp = new ArrayList<>();
    List<HeldConnection> toClose = new ArrayList<>();
    lock.lock();
    try {
      int aboveMin = total - opening + inUcp - options.min();
      for (java.util.Iterator<HeldConnection> it = idle.descendingIterator(); it.hasNext(); ) {
        HeldConnection h = it.next();
        if (pastLifetime(h, now, current) || (aboveMin > 0 && now - h.lastUsed >= current.idleTimeoutNanos)) {
          it.remove();
          toClose.add(h);
          aboveMin--;
        } else if (expired(h, now, current)) {
          it.remove();
          toUcp.add(h);
        }
      }
      allHeld.removeAll(toUcp);
      allHeld.removeAll(toClose);
      total -= toUcp.size() + toClose.size();
    } finally {
      lock.unlock();
    }
    if (!toUcp.isEmpty() || !toClose.isEmpty()) {
      runOnWorker(() -> {
        toUcp.forEach(HeldConnection::returnToUcp);
        toClose.forEach(HeldConnection::close);
        if (!toClose.isEmpty()) {
          capacityFreed();
        }
      });
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

  // ---- drop, release with a tag, reconfigure ------------------------------------------------

  /** The session of one of this pool's connections, or {@code null}. */
  private Session sessionOf(AsyncConnection connection) {
    if (connection instanceof ConnectionImpl impl && impl.session().ownedBy(this)) {
      return impl.session();
    }
    return null;
  }

  @Override
  public CompletableFuture<Void> drop(AsyncConnection connection) {
    Session session = sessionOf(connection);
    if (session == null) {
      return CompletableFuture.failedFuture(new InvalidArgumentException("connection",
          "the connection was not acquired from pool " + name));
    }
    if (session.isReleased()) {
      return CompletableFuture.failedFuture(new InvalidArgumentException("connection",
          "the connection is already closed or released"));
    }
    LOG.log(Level.DEBUG, () -> name + " - a connection is dropped by the application");
    return session.drop();
  }

  @Override
  public CompletableFuture<Void> release(AsyncConnection connection, String tag) {
    Session session = sessionOf(connection);
    if (session == null) {
      return CompletableFuture.failedFuture(new InvalidArgumentException("connection",
          "the connection was not acquired from pool " + name));
    }
    session.setTag(tag);
    return session.release();
  }

  @Override
  public CompletableFuture<PoolOptions> reconfigure(java.util.function.Consumer<PoolOptions.Builder> change) {
    if (change == null) {
      return CompletableFuture.failedFuture(new InvalidArgumentException("change", "change must not be null"));
    }
    PoolOptions next;
    lock.lock();
    try {
      if (closeFuture != null) {
        return CompletableFuture.failedFuture(new PoolClosedException(name + " - pool is closed"));
      }
    } finally {
      lock.unlock();
    }
    PoolOptions before = options;
    try {
      PoolOptions.Builder builder = before.toBuilder();
      change.accept(builder);
      next = builder.build();
      PoolReconfiguration.checkOnlyRuntimeSettingsChanged(before, next);
    } catch (InvalidArgumentException e) {
      return CompletableFuture.failedFuture(e);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(new InvalidArgumentException("change", "the change failed: " + e));
    }
    CompletableFuture<PoolOptions> done = new CompletableFuture<>();
    PoolOptions changed = next;
    // UCP's setters may start opening connections (a larger min): on a worker, never the caller's thread.
    runOnWorker(() -> {
      try {
        UcpConfiguration.applyRuntimeSettings(ucp, before, changed);
      } catch (SQLException | RuntimeException e) {
        done.completeExceptionally(Errors.map(e));
        return;
      }
      List<HeldConnection> aboveMax = new ArrayList<>();
      lock.lock();
      try {
        options = changed;
        limits = new Limits(changed);
        // A lower max: idle connections above it are closed now, lent ones when they come back.
        while (total - opening > changed.max() && !idle.isEmpty()) {
          HeldConnection h = idle.removeLast();
          allHeld.remove(h);
          total--;
          aboveMax.add(h);
        }
      } finally {
        lock.unlock();
      }
      aboveMax.forEach(HeldConnection::close);
      LOG.log(Level.DEBUG, () -> name + " - reconfigured (" + changed + ")");
      // A higher max: queued acquires may open now.
      capacityFreed();
      done.complete(changed);
    });
    return done;
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
    PoolOptions current = options;
    return new PoolStats(held + inUcp, busy, idleHeld + inUcp, waiting, current.min(), current.max(),
        Math.max(0, held - current.max()));
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

  // ---- suspend and resume -------------------------------------------------------------------

  @Override
  public CompletableFuture<Void> suspend(Duration timeout) {
    if (timeout == null || timeout.isNegative()) {
      return CompletableFuture.failedFuture(new InvalidArgumentException("timeout",
          "suspend timeout must not be null or negative"));
    }
    CompletableFuture<Void> done;
    List<HeldConnection> idleNow;
    long suspension;
    lock.lock();
    try {
      if (closeFuture != null) {
        return CompletableFuture.failedFuture(new PoolClosedException(name + " - pool is closed"));
      }
      if (suspended) {
        return suspendFuture;
      }
      suspended = true;
      suspension = ++suspensions;
      ucpStopScheduled = false;
      done = new CompletableFuture<>();
      suspendFuture = done;
      idleNow = new ArrayList<>(idle);
      idle.clear();
      allHeld.removeAll(idleNow);
      total -= idleNow.size();
    } finally {
      lock.unlock();
    }
    LOG.log(Level.DEBUG, () -> name + " - suspending (timeout=" + timeout + ")");
    for (HeldConnection held : idleNow) {
      retireOnWorker(held, false);
    }
    if (!timeout.isZero()) {
      suspendDeadline = engine.schedule(() -> runOnWorker(() -> {
        if (stillSuspended(suspension) && busyCount() > 0) {
          LOG.log(Level.INFO, () -> name + " - suspend timeout of " + timeout.toMillis()
              + " ms passed with connections still in use: taking them back");
          interruptAll("was suspended");
        }
      }), timeout.toNanos());
    }
    checkSuspended();
    return done;
  }

  @Override
  public CompletableFuture<Void> resume() {
    CompletableFuture<Void> pendingSuspend;
    int opens;
    lock.lock();
    try {
      if (!suspended) {
        return CompletableFuture.completedFuture(null);
      }
      suspended = false;
      pendingSuspend = suspendFuture;
      suspendFuture = null;
      while (!waiters.isEmpty() && waiters.peek().isDone()) {
        waiters.poll();
      }
      // The acquires that waited had no open reserved for them: reserve them now, up to max.
      opens = closeFuture != null ? 0 : Math.max(0, Math.min(waiters.size() - opening, max() - total));
      total += opens;
      opening += opens;
    } finally {
      lock.unlock();
    }
    cancelSuspendDeadline();
    // Resumed before every connection was back: nothing to wait for any more.
    pendingSuspend.complete(null);
    LOG.log(Level.DEBUG, () -> name + " - resuming");
    CompletableFuture<Void> started = new CallFuture<>(engine);
    runOnWorker(() -> {
      try {
        startUcpIfStopped();
        engine.complete(started, null);
      } catch (SQLException | RuntimeException e) {
        LOG.log(Level.WARNING, () -> name + " - could not start the Universal Connection Pool again after a"
            + " suspension (the next open tries again): " + e);
        engine.fail(started, Errors.failure(e));
      }
    });
    for (int i = 0; i < opens; i++) {
      startOpen();
    }
    return started;
  }

  @Override
  public boolean isSuspended() {
    lock.lock();
    try {
      return suspended;
    } finally {
      lock.unlock();
    }
  }

  private boolean stillSuspended(long suspension) {
    lock.lock();
    try {
      return suspended && suspensions == suspension && closeFuture == null;
    } finally {
      lock.unlock();
    }
  }

  /** Once suspended and nothing is lent, opening or on its way back, closes UCP's physical connections. */
  private void checkSuspended() {
    CompletableFuture<Void> done;
    long suspension;
    lock.lock();
    try {
      if (!suspended || closeFuture != null || ucpStopScheduled || lent > 0 || opening > 0 || !idle.isEmpty()
          || returning.get() > 0) {
        return;
      }
      ucpStopScheduled = true;
      done = suspendFuture;
      suspension = suspensions;
    } finally {
      lock.unlock();
    }
    runOnWorker(() -> stopUcp(suspension, done));
  }

  /** Stops UCP's pool, which closes every physical connection it holds and opens none until started. */
  private void stopUcp(long suspension, CompletableFuture<Void> done) {
    ucpLifecycle.lock();
    try {
      if (stillSuspended(suspension)) {
        try {
          oracle.ucp.admin.UniversalConnectionPoolManagerImpl.getUniversalConnectionPoolManager()
              .stopConnectionPool(name);
          ucpStopped = true;
        } catch (Exception e) {
          // Never started (a lazy pool not used yet): no physical connection to close.
          LOG.log(Level.TRACE, () -> name + " - stop: " + e);
        }
        LOG.log(Level.DEBUG, () -> name + " - suspended: no connection is open");
      }
    } finally {
      ucpLifecycle.unlock();
    }
    cancelSuspendDeadline();
    done.complete(null);
  }

  /** Cancels the suspension's timeout, if one was scheduled: the suspension ended before it fired. */
  private void cancelSuspendDeadline() {
    ScheduledFuture<?> deadline = suspendDeadline;
    if (deadline != null) {
      deadline.cancel(false);
    }
  }

  /** Starts UCP's pool again if a suspension stopped it and the pool is no longer suspended. */
  private void startUcpIfStopped() throws SQLException {
    ucpLifecycle.lock();
    try {
      if (ucpStopped && !isSuspended()) {
        try {
          oracle.ucp.admin.UniversalConnectionPoolManagerImpl.getUniversalConnectionPoolManager()
              .startConnectionPool(name);
        } catch (oracle.ucp.UniversalConnectionPoolException e) {
          throw new SQLException(name + " - could not start the Universal Connection Pool again: " + e.getMessage(), e);
        }
        ucpStopped = false;
      }
    } finally {
      ucpLifecycle.unlock();
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
    interruptAll("was closed with interrupt");
  }

  /** Cancels every running call and takes back every lent connection; {@code what} says why, for messages. */
  private void interruptAll(String what) {
    PoolClosedException why = new PoolClosedException("pool " + name + " " + what);
    for (Session session : lentSessions()) {
      session.revoke(why);
    }
    // A call that does not answer its cancel (a database that stopped answering) must not hold the
    // close: after the grace its connection is given up, and its future fails.
    engine.schedule(() -> runOnWorker(() -> {
      for (Session session : lentSessions()) {
        if (session.callInProgress()) {
          session.abandon(new PoolClosedException(name + " - the pool " + what + " and the call did"
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
    CompletableFuture<Void> pendingSuspend;
    lock.lock();
    try {
      pendingSuspend = suspendFuture;
    } finally {
      lock.unlock();
    }
    if (pendingSuspend != null) {
      pendingSuspend.complete(null);
    }
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

  @Override
  public void addListener(PoolListener added) {
    Objects.requireNonNull(added, "listener");
    lock.lock();
    try {
      PoolListener current = listener;
      listener = current == PoolListener.NONE ? added : new PoolListeners(current, added);
    } finally {
      lock.unlock();
    }
  }

  private void notifyListener(java.util.function.Consumer<PoolListener> event) {
    if (listener == PoolListener.NONE) {
      return;
    }
    try {
      event.accept(listener);
    } catch (Throwable e) {
      // Whatever the listener throws, the acquire or release it was told about goes on.
      LOG.log(Level.WARNING, () -> name + " - pool listener failed: " + e);
    }
  }

  @Override
  public String toString() {
    return "AsyncPool[" + name + ", " + redactedUrl + ", " + stats() + "]";
  }
}
