package io.asyncoracle.internal;

import io.asyncoracle.AcquireTimeoutException;
import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.DatabaseCall;
import io.asyncoracle.GetMode;
import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.ObservedCall;
import io.asyncoracle.PoolClosedException;
import io.asyncoracle.PoolListener;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.PoolStats;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import oracle.ucp.jdbc.PoolDataSource;

/**
 * The {@link AsyncPool} facade: wiring, {@code acquire}, {@code withConnection} and the release of
 * a lent connection. It keeps no pool state of its own: {@link PoolState} owns it, and every change
 * there returns what to do next, which this class does once the lock is released. Opening lives in
 * {@link PoolOpener}, the check of an idle connection in {@link IdleCheck}, hooks in
 * {@link SessionSetUp}, suspend/resume/close in {@link PoolShutdown}, UCP's pool manager in
 * {@link UcpControl}, the retiring of idle connections in {@link Housekeeper}, pool names in
 * {@link PoolNames}, stats and the errors that carry them in {@link PoolStatistics}, what outlives
 * a hold of a physical connection in {@link PhysicalStates} and the start of {@code withConnection}
 * in {@link WithConnection}.
 *
 * <p>UCP is the source of physical connections: it creates them (TLS, wallets, RAC/FAN) and looks
 * after their lifetime. It is not touched on every call: idle held connections wait in a LIFO stack
 * and an acquire takes one at once, on the caller's thread.
 */
public final class UcpAsyncPool implements AsyncPool, SessionOwner, AcquireFuture.Owner {

  private static final System.Logger LOG = System.getLogger(UcpAsyncPool.class.getName());

  final String name;
  /** The URL with credentials removed, computed once. */
  final String redactedUrl;
  /** The current options: those the pool was created with, as changed by {@link #reconfigure}. */
  private volatile PoolOptions options;
  /** What the options say in the units the pool uses; replaced as a whole by {@link #reconfigure}. */
  private volatile PoolLimits limits;
  final Engine engine;
  final PoolDataSource ucp;
  /** The pool's clock, in nanoseconds: {@link System#nanoTime()} but in tests. */
  final LongSupplier clock;
  volatile PoolListener listener;
  /** Where observed calls go, or {@code null} when no {@link io.asyncoracle.CallObserver} is set. */
  final CallTarget callTarget;
  private final PhysicalStates physicalStates = new PhysicalStates();

  final PoolState state;
  private final WaiterDeadlines deadlines;
  final PoolOpener opener;
  final IdleCheck idleCheck;
  final Handoffs handoffs;
  final SessionSetUp setUp;
  final UcpControl ucpControl;
  final PoolShutdown shutdown;
  private final Housekeeper housekeeper;

  private UcpAsyncPool(String name, PoolOptions options, Engine engine, PoolDataSource ucp, LongSupplier clock) {
    this.name = name;
    this.redactedUrl = Dsn.redact(options.jdbcUrl());
    this.options = options;
    this.engine = engine;
    this.ucp = ucp;
    this.clock = clock;
    this.listener = options.listener();
    this.callTarget = CallTarget.of(name, options);
    this.limits = new PoolLimits(options);
    this.state = new PoolState(stateLimits(options));
    this.deadlines = new WaiterDeadlines(engine, clock, state, this::acquireTimedOut);
    this.opener = new PoolOpener(this);
    this.idleCheck = new IdleCheck(this);
    this.handoffs = new Handoffs(this);
    this.setUp = new SessionSetUp(this, options.onConnect(), options.sessionCallback());
    this.ucpControl = new UcpControl(name);
    this.shutdown = new PoolShutdown(this);
    this.housekeeper = new Housekeeper(this);
  }

  private static PoolStateLimits stateLimits(PoolOptions options) {
    return new PoolStateLimits(options.max(), options.maxWaiters(), options.getMode(), options.increment());
  }

  /**
   * Creates a pool and, with fail-fast, checks the database can be reached.
   *
   * @param options the options
   * @return a future of the pool
   */
  public static CompletableFuture<AsyncPool> create(PoolOptions options) {
    String name;
    try {
      name = PoolNames.reserve(options.poolName());
    } catch (InvalidArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    Engine engine;
    try {
      engine = Engine.forPool(name, options);
    } catch (RuntimeException e) {
      PoolNames.free(name);
      return CompletableFuture.failedFuture(e);
    }
    PoolDataSource ucp;
    try {
      ucp = UcpConfiguration.create(name, options);
    } catch (SQLException | RuntimeException e) {
      PoolNames.free(name);
      engine.shutdown();
      return CompletableFuture.failedFuture(Errors.map(e));
    }
    UcpAsyncPool pool = new UcpAsyncPool(name, options, engine, ucp, System::nanoTime);
    return pool.opener.openFirst();
  }

  /** Frees the pool's name once UCP's pool is destroyed. */
  void nameFreed() {
    PoolNames.free(name);
  }

  /** Takes over a connection borrowed from UCP, with what the pool knew of it from earlier holds. */
  HeldConnection adopt(Connection c) throws SQLException {
    return physicalStates.adopt(c, options, clock.getAsLong());
  }

  /** Starts the housekeeping once the pool is open. */
  void started() {
    housekeeper.start();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public PoolOptions options() {
    return options;
  }

  PoolLimits limits() {
    return limits;
  }

  // ---- acquire --------------------------------------------------------------------------------

  @Override
  public CompletableFuture<AsyncConnection> acquire() {
    return acquire(null, false, AcquireFuture.Delivery.APPLICATION);
  }

  @Override
  public CompletableFuture<AsyncConnection> acquire(String tag) {
    return acquire(tag, false, AcquireFuture.Delivery.APPLICATION);
  }

  @Override
  public CompletableFuture<AsyncConnection> acquire(String tag, boolean matchAnyTag) {
    return acquire(tag, matchAnyTag, AcquireFuture.Delivery.APPLICATION);
  }

  AcquireFuture acquire(String tag, boolean matchAnyTag, AcquireFuture.Delivery delivery) {
    long now = clock.getAsLong();
    Duration bound = limits.acquireBound;
    // Zero is "no limit" for the acquire timeout; for TIMEDWAIT it is "do not wait".
    long deadline = bound.isZero() && limits.getMode != GetMode.TIMEDWAIT ? Long.MAX_VALUE : now + bound.toNanos();
    ObservedCall observed = callTarget == null ? null : callTarget.start(DatabaseCall.ACQUIRE, null, null);
    AcquireFuture acquire = new AcquireFuture(engineFor(delivery), this, now, deadline, tag, matchAnyTag, observed,
        delivery);
    acquire.inCallerFrame = true;
    try {
      serve(acquire);
    } finally {
      acquire.inCallerFrame = false;
    }
    return acquire;
  }

  Engine engineFor(AcquireFuture.Delivery delivery) {
    return delivery == AcquireFuture.Delivery.POOL_SIDE ? engine.inline() : engine;
  }

  /** Serves an acquire: lends an idle connection, or queues it (opening as the state says), or refuses it. */
  void serve(AcquireFuture acquire) {
    while (!acquire.isDone()) {
      Admission admission = state.admit(acquire);
      switch (admission) {
        case CLOSED -> {
          failAcquire(acquire, new PoolClosedException(name + " - pool is closed"));
          return;
        }
        case EXHAUSTED -> {
          notifyListener(PoolListener::onPoolExhausted);
          failAcquire(acquire, PoolStatistics.exhausted(this));
          return;
        }
        case QUEUED -> {
          deadlines.queued(acquire);
          opener.start(acquire.opens);
          return;
        }
        case LEND -> {
          HeldConnection candidate = acquire.candidate;
          acquire.candidate = null;
          if (idleCheck.lendIfFit(acquire, candidate)) {
            return;
          }
        }
        default -> throw new IllegalStateException(admission.toString());
      }
    }
  }

  /** An acquire's deadline passed while it waited in the queue (or in a check or set-up). */
  void acquireTimedOut(AcquireFuture acquire) {
    if (acquire.isDone()) {
      return;
    }
    state.leaveQueue(acquire);
    Duration waited = Duration.ofNanos(clock.getAsLong() - acquire.startNanos);
    AcquireTimeoutException timeout = PoolStatistics.acquireTimeout(this, acquire);
    notifyListener(l -> l.onAcquireTimeout(waited));
    acquire.engine().failFromTimer(acquire, timeout);
  }

  @Override
  public void gaveUp(AcquireFuture acquire) {
    state.leaveQueue(acquire);
  }

  /** Fails an acquire where its futures complete. */
  void failAcquire(AcquireFuture acquire, Throwable error) {
    acquire.cancelTimer();
    if (acquire.inCallerFrame) {
      DeliveryLoop.beforeReturn(acquire, () -> acquire.engine().fail(acquire, error), engine.workers());
    } else {
      acquire.engine().fail(acquire, error);
    }
  }

  // ---- withConnection -------------------------------------------------------------------------

  @Override
  public <T> CompletableFuture<T> withConnection(Function<? super AsyncConnection, ? extends CompletionStage<T>> work) {
    if (work == null) {
      return CompletableFuture.failedFuture(new InvalidArgumentException("work", "work must not be null"));
    }
    WorkFuture<T> result = new WorkFuture<>(engine);
    result.inCallerFrame = true;
    try {
      WithConnection.start(this, result, work);
    } finally {
      result.inCallerFrame = false;
    }
    return result;
  }

  // ---- coming back (SessionOwner) ------------------------------------------------------------

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
      Duration used = Duration.ofNanos(clock.getAsLong() - session.borrowedAt());
      notifyListener(l -> l.onRelease(used));
    }
    if (!session.claimSlot()) {
      // Abandoned after a call timeout: its place was freed then; only the connection is left.
      runOnWorker(held::discard);
      return;
    }
    held.endRequest();
    long now = clock.getAsLong();
    held.lastUsed = now;
    if (session.dropped()) {
      handoffs.leaveLent(held, Handoffs.Exit.CLOSE);
      return;
    }
    if (discard) {
      notifyListener(PoolListener::onConnectionInvalidated);
      handoffs.leaveLent(held, Handoffs.Exit.DISCARD);
      return;
    }
    PoolLimits current = limits;
    if (current.pastLifetime(held, now)) {
      handoffs.leaveLent(held, Handoffs.Exit.CLOSE);
      return;
    }
    if (now - held.heldSince >= current.maxHoldNanos) {
      handoffs.leaveLent(held, Handoffs.Exit.GIVE_BACK);
      return;
    }
    // The common case, under one lock: the next waiter gets it, or it goes on the idle stack.
    handoffs.handle(held, state.cameBack(held));
  }

  @Override
  public void abandon(Session session) {
    if (!session.claimSlot()) {
      return;
    }
    HeldConnection held = session.held();
    held.lentTo = null;
    // Never lent again, even if UCP lends it back once the driver returns.
    held.state.discarded = true;
    LOG.log(Level.WARNING, () -> name + " - a connection did not answer the cancel of a timed-out call and was given up");
    notifyListener(PoolListener::onConnectionInvalidated);
    if (held.oracle) {
      // Frees the socket and the stuck worker now (issue 19, B): the driver thread returns with an error.
      runOnWorker(() -> held.abort(engine.workers()));
    }
    opener.start(state.abandoned(held));
    shutdown.progress();
  }

  /** Runs a task on a worker; here if the workers are gone. */
  void runOnWorker(Runnable task) {
    try {
      engine.workers().execute(task);
    } catch (RejectedExecutionException e) {
      task.run();
    }
  }

  // ---- drop, release with a tag, reconfigure --------------------------------------------------

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
  public CompletableFuture<PoolOptions> reconfigure(Consumer<PoolOptions.Builder> change) {
    return PoolReconfiguration.reconfigure(this, change);
  }

  /** Takes new options (a reconfigure): the limits first, then the state's. */
  void optionsChanged(PoolOptions next) {
    options = next;
    limits = new PoolLimits(next);
  }

  static PoolStateLimits stateLimitsOf(PoolOptions options) {
    return stateLimits(options);
  }

  // ---- stats ----------------------------------------------------------------------------------

  @Override
  public PoolStats stats() {
    return PoolStatistics.stats(this);
  }

  /** Connections the pool holds now (idle, lent or leaving), for tests. */
  int heldConnections() {
    return state.counts().held();
  }

  /** Connections UCP counts as borrowed (by this pool), for tests. */
  int borrowedFromUcp() {
    return PoolStatistics.borrowedFromUcp(this);
  }

  /** The engine, for tests that look at the workers. */
  Engine engine() {
    return engine;
  }

  String stateForMessages() {
    return stats().toString();
  }

  @Override
  public boolean isClosed() {
    return state.lifecycle() == PoolLifecycle.CLOSING;
  }

  // ---- suspend, resume, close -----------------------------------------------------------------

  @Override
  public CompletableFuture<Void> suspend(Duration timeout) {
    return shutdown.suspend(timeout);
  }

  @Override
  public CompletableFuture<Void> resume() {
    return shutdown.resume();
  }

  @Override
  public boolean isSuspended() {
    return state.lifecycle() == PoolLifecycle.SUSPENDED;
  }

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
    return shutdown.close(force, interrupt, timeout);
  }

  /** Stops the timers of the waiters and the housekeeping (the pool is closing). */
  void stopTimers() {
    deadlines.stop();
    housekeeper.stop();
  }

  // ---- listener -------------------------------------------------------------------------------

  @Override
  public synchronized void addListener(PoolListener added) {
    Objects.requireNonNull(added, "listener");
    PoolListener current = listener;
    listener = current == PoolListener.NONE ? added : new PoolListeners(current, added);
  }

  /** Tells the listener; whatever it throws, the acquire or release it was told about goes on. */
  void notifyListener(Consumer<PoolListener> event) {
    if (listener == PoolListener.NONE) {
      return;
    }
    try {
      event.accept(listener);
    } catch (Throwable e) {
      LOG.log(Level.WARNING, () -> name + " - pool listener failed: " + e);
    }
  }

  @Override
  public String toString() {
    return "AsyncPool[" + name + ", " + redactedUrl + ", " + stats() + "]";
  }
}
