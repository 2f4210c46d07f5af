package io.asyncoracle.internal;

import io.asyncoracle.AsyncOracleException;
import io.asyncoracle.CallTimeoutException;
import io.asyncoracle.ObservedCall;
import io.asyncoracle.PoolClosedException;
import io.asyncoracle.UnsupportedFeatureException;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToLongFunction;

/**
 * One connection as lent to an application: the lane its calls run on, the JDBC connection, the
 * call in progress (for cancel and call timeouts) and the session state to clean up on release.
 * {@link #run(String, JdbcAction)} is the one place blocking JDBC work is moved onto a worker.
 */
final class Session {

  private static final System.Logger LOG = System.getLogger(Session.class.getName());
  static final String MODULE = "OCSID.MODULE";

  /** What a session goes back to when released: a pool, or nothing (a standalone connection). */
  interface Owner {
    /**
     * Takes the connection back. Runs on the session's lane, or on a thread that claimed it.
     *
     * @param session the session
     * @param discard whether the physical connection must be closed instead of reused
     */
    void release(Session session, boolean discard);

    /**
     * Gives up a connection whose call does not return (the database stopped answering): its
     * place in the pool is freed now; the connection is discarded when the driver returns.
     *
     * @param session the session
     */
    default void abandon(Session session) {
    }

    /**
     * Whether taking a connection back talks to the database (closing it does): then a release
     * always runs on the lane, never on the application's thread.
     *
     * @return {@code true} for owners that close the connection
     */
    default boolean releaseTalksToTheDatabase() {
      return false;
    }

    /**
     * Names the owner for messages.
     *
     * @return e.g. the pool name
     */
    String name();
  }

  /** How long a timed-out call may take to answer its cancel before its connection is given up. */
  static final Duration CANCEL_GRACE = Duration.ofMillis(500);

  private static final java.util.concurrent.atomic.AtomicIntegerFieldUpdater<Call> STATE =
      java.util.concurrent.atomic.AtomicIntegerFieldUpdater.newUpdater(Call.class, "state");

  /** The call running on the lane now. Its state decides, once, how the call's future completes. */
  private static final class Call {
    static final int RUNNING = 0;
    static final int FINISHED = 1;
    static final int TIMED_OUT = 2;
    final String operation;
    final CompletableFuture<?> future;
    /** The call's observation, or {@code null} (no observer). */
    final ObservedCall observed;
    /** RUNNING, FINISHED or TIMED_OUT; changed only through {@link #STATE}. */
    volatile int state = RUNNING;
    volatile Statement statement;
    volatile boolean returned;

    Call(String operation, CompletableFuture<?> future, ObservedCall observed) {
      this.operation = operation;
      this.future = future;
      this.observed = observed;
    }

    boolean finish() {
      returned = true;
      return STATE.compareAndSet(this, RUNNING, FINISHED);
    }
  }

  /** Counts the rows of a call's result for its observation; {@code -1} for none. */
  static final ToLongFunction<Object> NO_ROWS = result -> -1;
  /** The result is the count of rows affected. */
  static final ToLongFunction<Object> COUNTED = result -> result instanceof Long n ? n : -1;
  /** The result is the list of rows fetched. */
  static final ToLongFunction<Object> LISTED = result -> result instanceof List<?> rows ? rows.size() : -1;
  /** The result is one row or {@code null}. */
  static final ToLongFunction<Object> ONE_OR_NONE = result -> result == null ? 0 : 1;

  final Engine engine;
  private final Lane lane;
  private final Owner owner;
  private final String dsn;
  private final HeldConnection held;
  /** Where observed calls go, or {@code null} when the pool has no observer. */
  private final CallTarget target;
  private final Connection jdbc;
  private final boolean oracle;
  private final long borrowedAt = System.nanoTime();

  private volatile Call current;
  private volatile Duration callTimeout;
  private volatile AsyncOracleException revoked;
  private volatile boolean abandoned;
  /** The work the connection was lent to was cancelled ({@link #withdraw()}); read only once released. */
  private volatile boolean withdrawn;
  private final AtomicBoolean released = new AtomicBoolean();
  private final AtomicBoolean slotFreed = new AtomicBoolean();
  private volatile CompletableFuture<Void> releaseFuture;
  /** The session's tag as the application sees it (pooled connections); kept with the session on release. */
  private volatile String tag;
  /** Whether the application dropped the connection (closed for good instead of pooled). */
  private volatile boolean dropped;

  /** Write-only session attributes waiting to be sent with the next call (created on first use). */
  private volatile Map<String, String> pendingClientInfo;
  private volatile int stmtCacheSize;
  private volatile boolean stmtCacheSizePending;
  private final int defaultStmtCacheSize;
  private final String defaultModule;

  // Confined to the lane (or to the thread that claimed it).
  private boolean autocommit;
  private boolean dirty;
  private volatile boolean broken;
  private String originalSchema;
  /** The level to restore on release, or -1 when this lending did not change it. */
  private int originalIsolation = -1;
  private volatile boolean readOnly;
  private Set<String> clientInfoSet;
  private Map<Object, Runnable> openResources;

  Session(Engine engine, Owner owner, HeldConnection held, String dsn, Duration callTimeout, int stmtCacheSize,
      String defaultModule, CallTarget target) {
    this.engine = engine;
    // A lane per lending, not per connection: the release hands the connection on from inside the
    // old lane, and the next borrower must never queue behind it.
    this.lane = new Lane(engine.workers());
    this.owner = owner;
    this.held = held;
    this.target = target;
    this.jdbc = held.physical;
    this.oracle = held.oracle;
    this.dsn = dsn;
    this.callTimeout = callTimeout;
    this.stmtCacheSize = stmtCacheSize;
    this.defaultStmtCacheSize = stmtCacheSize;
    this.defaultModule = defaultModule;
  }

  HeldConnection held() {
    return held;
  }

  boolean ownedBy(Owner candidate) {
    return owner == candidate;
  }

  String tag() {
    return tag;
  }

  void setTag(String value) {
    tag = value;
  }

  boolean dropped() {
    return dropped;
  }

  /**
   * Releases the connection to be closed for good, not pooled ({@code pool.drop}). The release
   * runs as a dirty one (on the lane, after the calls queued before it).
   */
  CompletableFuture<Void> drop() {
    dropped = true;
    broken = true;
    return release();
  }

  Connection jdbc() {
    return jdbc;
  }

  boolean isOracle() {
    return oracle;
  }

  oracle.jdbc.OracleConnection oracleConnection(String feature) throws SQLException {
    if (!oracle) {
      throw new UnsupportedFeatureException(feature, describeDatabase());
    }
    return held.oracleConnection();
  }

  /** Product name and version of the database, for messages. Runs on the lane. */
  String describeDatabase() {
    return held.describeDatabase();
  }

  String dsn() {
    return dsn;
  }

  String ownerName() {
    return owner.name();
  }

  long borrowedAt() {
    return borrowedAt;
  }

  boolean isAbandoned() {
    return abandoned;
  }

  /**
   * Claims, once, the right to free this session's place in its pool: a release and an
   * {@linkplain Owner#abandon abandon} may race, and only one may count.
   *
   * @return whether the caller is the one
   */
  boolean claimSlot() {
    return slotFreed.compareAndSet(false, true);
  }

  // ---- running calls ------------------------------------------------------------------------

  /**
   * Runs blocking JDBC work on a worker, after every call submitted before it, with the call
   * timeout, and completes the returned future off the worker.
   *
   * @param operation what the call is, for messages
   * @param action the work
   * @param <T> the result type
   * @return the future the application gets
   */
  <T> CompletableFuture<T> run(String operation, JdbcAction<T> action) {
    return run(operation, action, null, NO_ROWS, null, null);
  }

  /**
   * Like {@link #run(String, JdbcAction)}, and observed when the pool has a {@link CallTarget}:
   * the observation starts here, on the caller's thread, so it is the child of the caller's.
   *
   * @param operation what the call is, for messages
   * @param action the work
   * @param observedAs the {@link io.asyncoracle.DatabaseCall} operation
   * @param rows counts the rows of the result
   * @param statement the SQL, or {@code null}
   * @param procedure the procedure name, or {@code null}
   * @param <T> the result type
   * @return the future the application gets
   */
  <T> CompletableFuture<T> run(String operation, JdbcAction<T> action, String observedAs,
      ToLongFunction<Object> rows, String statement, String procedure) {
    CompletableFuture<T> future = new LaneCallFuture<>();
    AsyncOracleException refused = refusal(operation);
    if (refused != null) {
      future.completeExceptionally(refused);
      return future;
    }
    ObservedCall observed = target == null || observedAs == null ? null
        : target.start(observedAs, statement, procedure);
    return submit(operation, action, future, error -> engine.fail(future, error instanceof RejectedExecutionException
        ? new PoolClosedException(owner.name() + " - " + operation + " could not run: the pool's workers are shut down",
            error)
        : Errors.failure(error)), observed, rows);
  }

  /**
   * The future of a call, as {@link #run} returns it: cancelling it ({@code cancel(true)} or
   * {@code cancel(false)}, the same) breaks the statement if the call is running, so the lane and
   * the connection are free again as soon as the driver answers the break; a call still queued is
   * skipped when its turn comes ({@link #execute} finds its future done). Futures derived from it
   * are plain {@link CallFuture}s: as with any {@code CompletableFuture}, cancelling a dependent
   * does not cancel what it depends on.
   */
  private final class LaneCallFuture<T> extends CallFuture<T> {
    LaneCallFuture() {
      super(engine);
    }

    @Override
    boolean completedByThePool() {
      return true;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      if (cancelled) {
        cancelled(this);
      }
      return cancelled;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
      return new CallFuture<>(engine);
    }
  }

  /**
   * A call's future was cancelled. If that call is the one running, its statement is broken; a
   * statement not yet started sees the cancel in {@link #track} and does not start.
   */
  private void cancelled(CompletableFuture<?> future) {
    Call call = current;
    if (call == null || call.future != future || call.returned) {
      return;
    }
    // A cancel is a network call (ojdbc sends a break, H2 over TCP opens a connection): off the
    // application's thread, which an asynchronous API must never hold.
    try {
      engine.workers().execute(() -> cancel(call));
    } catch (RejectedExecutionException e) {
      cancel(call);
    }
  }

  /** Like {@link #run} but also allowed after release began: for release itself and cursor clean-up. */
  <T> CompletableFuture<T> runInternal(String operation, JdbcAction<T> action) {
    CompletableFuture<T> future = new CallFuture<>(engine);
    return submit(operation, action, future, future::completeExceptionally, null, NO_ROWS);
  }

  private <T> CompletableFuture<T> submit(String operation, JdbcAction<T> action, CompletableFuture<T> future,
      java.util.function.Consumer<Throwable> onAbort, ObservedCall observed, ToLongFunction<Object> rows) {
    lane.submit(new Lane.Task() {
      @Override
      public Runnable run() {
        return execute(operation, action, future, observed, rows);
      }

      @Override
      public void abort(Throwable error) {
        if (observed != null) {
          CallTarget.stop(observed, -1, error);
        }
        onAbort.accept(error);
      }
    });
    return future;
  }

  private AsyncOracleException refusal(String operation) {
    AsyncOracleException why = revoked;
    if (why != null) {
      return new PoolClosedException(owner.name() + " - " + operation + " refused: " + why.getMessage());
    }
    if (released.get()) {
      return new AsyncOracleException(operation + " refused: " + (withdrawn
          ? "the work this connection was lent to was cancelled" : "the connection is closed"));
    }
    if (abandoned) {
      return new AsyncOracleException(operation + " refused: the connection was discarded after a call"
          + " timeout the database did not answer");
    }
    return null;
  }

  /** Runs one call on the lane; returns how to deliver its outcome once the lane is let go. */
  private <T> Runnable execute(String operation, JdbcAction<T> action, CompletableFuture<T> future,
      ObservedCall observed, ToLongFunction<Object> rows) {
    if (future.isDone()) {
      if (observed != null) {
        // Cancelled by the application before it ran (or aborted, which stopped it already).
        CallTarget.stop(observed, -1, new java.util.concurrent.CancellationException(operation + " was cancelled"));
      }
      return null;
    }
    if (abandoned) {
      AsyncOracleException refused = new AsyncOracleException(operation + " refused: the connection was"
          + " discarded after a call the database did not answer");
      if (observed != null) {
        CallTarget.stop(observed, -1, refused);
      }
      return () -> engine.fail(future, refused);
    }
    Call call = new Call(operation, future, observed);
    Duration timeout = callTimeout;
    ScheduledFuture<?> timer = null;
    current = call;
    ObservedCall.Scope scope = observed == null ? null : CallTarget.open(observed, false);
    try {
      if (!timeout.isZero()) {
        timer = engine.schedule(() -> onCallTimeout(call, timeout, future), timeout.toNanos());
      }
      applyPendingSettings();
      T result = action.execute(this);
      if (scope != null) {
        CallTarget.close(scope);
        scope = null;
      }
      boolean inTime = finish(call, timer);
      if (!inTime) {
        return null;
      }
      if (observed == null) {
        return () -> engine.complete(future, result);
      }
      CallTarget.stop(observed, rows.applyAsLong(result), null);
      return () -> deliver(observed, () -> engine.complete(future, result));
    } catch (Throwable error) {
      if (scope != null) {
        CallTarget.close(scope);
      }
      boolean inTime = finish(call, timer);
      if (error instanceof Error || Errors.isFatal(error)) {
        // After an Error (a mapper's StackOverflowError, an OutOfMemoryError in the driver) nobody
        // can tell what state the driver's session is in: usable for this lending, never lent again.
        broken = true;
      }
      if (!inTime) {
        return null;
      }
      Throwable failure = translate(call, error);
      if (observed == null) {
        return () -> engine.fail(future, failure);
      }
      CallTarget.stop(observed, -1, failure);
      return () -> deliver(observed, () -> engine.fail(future, failure));
    }
  }

  /** Completes an observed call's future with the caller's context in place. */
  private static void deliver(ObservedCall observed, Runnable completion) {
    ObservedCall.Scope scope = CallTarget.open(observed, true);
    try {
      completion.run();
    } finally {
      CallTarget.close(scope);
    }
  }

  /** Ends the call; returns {@code false} if its deadline had already passed (the timer owns the future). */
  private boolean finish(Call call, ScheduledFuture<?> timer) {
    current = null;
    if (timer != null) {
      timer.cancel(false);
    }
    return call.finish();
  }

  private Throwable translate(Call call, Throwable error) {
    AsyncOracleException why = revoked;
    if (why != null && !(Errors.unwrap(error) instanceof AsyncOracleException) && !(error instanceof Error)) {
      return new PoolClosedException(owner.name() + " - " + call.operation + " was interrupted: "
          + why.getMessage(), Errors.unwrap(error));
    }
    return Errors.failure(error);
  }

  /**
   * The call's deadline passed: it will not complete successfully. Cancels the statement (or, if
   * none exists yet, the statement as soon as it does, see {@link #track}), then fails the future
   * as soon as the call answers the cancel, saying the connection is still usable (python-oracledb's
   * DPI-1067). If the call does not answer within {@link #CANCEL_GRACE}, the connection is given up
   * (DPI-1080): the future fails saying so, and its place in the pool is freed.
   */
  private void onCallTimeout(Call call, Duration timeout, CompletableFuture<?> future) {
    if (!STATE.compareAndSet(call, Call.RUNNING, Call.TIMED_OUT)) {
      return;
    }
    if (call.observed != null) {
      CallTarget.stop(call.observed, -1, new CallTimeoutException(call.operation + " exceeded the call timeout of "
          + timeout.toMillis() + " ms", timeout, null));
    }
    // A cancel is a network call (H2 opens a connection for it, ojdbc sends a break): never on the
    // timer thread, which every other deadline needs.
    try {
      engine.workers().execute(() -> cancel(call));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.log(Level.DEBUG, () -> owner.name() + " - could not cancel " + call.operation + ": " + e);
    }
    long graceEnd = System.nanoTime() + CANCEL_GRACE.toNanos();
    engine.schedule(() -> awaitCancelled(call, timeout, future, graceEnd), 0);
  }

  private void awaitCancelled(Call call, Duration timeout, CompletableFuture<?> future, long graceEnd) {
    if (call.returned) {
      engine.failFromTimer(future, new CallTimeoutException(call.operation + " exceeded the call timeout of "
          + timeout.toMillis() + " ms and was cancelled; the connection is still usable", timeout, null));
      return;
    }
    long left = graceEnd - System.nanoTime();
    if (left > 0) {
      engine.schedule(() -> awaitCancelled(call, timeout, future, graceEnd), Math.min(left, 1_000_000L));
      return;
    }
    CallTimeoutException discarded = new CallTimeoutException(call.operation + " exceeded the call timeout of "
        + timeout.toMillis() + " ms and did not answer the cancel within " + CANCEL_GRACE.toMillis()
        + " ms; the connection was discarded", timeout, null);
    // Off the timer: giving up fails the calls queued behind, whose callbacks must not run here.
    // The place is freed first, so whoever sees the failure sees the pool without this connection.
    Runnable giveUp = () -> {
      abandon(null);
      engine.fail(future, discarded);
    };
    try {
      engine.workers().execute(giveUp);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      giveUp.run();
    }
  }

  /**
   * Gives up the connection while a call on it does not return (DPI-1080): its place in the pool is
   * freed now, the running call's future (if {@code whyForCall} is given) and every call queued
   * behind it fail at once, and the physical connection is discarded whenever the driver returns.
   *
   * @param whyForCall the error for the running call, or {@code null} if it was already failed
   */
  void abandon(RuntimeException whyForCall) {
    broken = true;
    abandoned = true;
    Call call = current;
    if (whyForCall != null && call != null && STATE.compareAndSet(call, Call.RUNNING, Call.TIMED_OUT)) {
      if (call.observed != null) {
        CallTarget.stop(call.observed, -1, whyForCall);
      }
      engine.failFromTimer(call.future, whyForCall);
    }
    AsyncOracleException queued = new AsyncOracleException("the connection was discarded: a call on it did not"
        + " answer its cancel");
    lane.abortQueued(queued);
    owner.abandon(this);
  }

  /**
   * Whether a call is running on the connection now and has not returned.
   *
   * @return {@code true} while a call is in the driver
   */
  boolean callInProgress() {
    Call call = current;
    return call != null && !call.returned;
  }

  /** Registers the statement the current call runs, so cancel and timeouts can break it. */
  void track(Statement statement) throws SQLException {
    Call call = current;
    if (call != null) {
      call.statement = statement;
      if (call.future.isCancelled()) {
        // Cancelled by the application before the statement ran: do not start it.
        cancelQuietly(statement, call);
        throw new java.sql.SQLException(call.operation + ": cancelled before the statement ran", "HY008");
      }
      if (call.state == Call.TIMED_OUT) {
        // The deadline passed while the statement was being prepared or bound: do not start it (a
        // driver may ignore a cancel that arrives before the statement runs).
        cancelQuietly(statement, call);
        throw new java.sql.SQLTimeoutException(call.operation + ": the call timeout passed before the statement ran");
      }
    }
  }

  /**
   * Whether the running call should stop: its deadline passed or its future was completed (cancelled)
   * by the application. For calls made of several statements, checked between them. Runs on the lane.
   *
   * @return {@code true} when the call must not start another statement
   */
  boolean callStopped() {
    Call call = current;
    return call != null && (call.state == Call.TIMED_OUT || call.future.isDone());
  }

  /**
   * Notes an error a call reported without failing (a pipeline step run with continueOnError): an
   * error that means the connection is gone keeps it from going back to the pool. Runs on the lane.
   *
   * @param error the error
   * @return whether the error means the connection is gone
   */
  boolean noteFailure(Throwable error) {
    if (Errors.isFatal(error)) {
      broken = true;
      return true;
    }
    return false;
  }

  /** Breaks the running call, if any. Safe from any thread. */
  void cancel() {
    Call call = current;
    if (call != null) {
      cancel(call);
    }
  }

  /**
   * Breaks the running call if it is the one whose future is given; does nothing if another call
   * runs (a stream cancelled by its subscriber must not break a call the application queued).
   * Safe from any thread.
   *
   * @param callFuture the future {@link #run} returned for the call
   */
  void cancelCall(CompletableFuture<?> callFuture) {
    Call call = current;
    if (call != null && call.future == callFuture) {
      cancel(call);
    }
  }

  private void cancel(Call call) {
    if (call.returned) {
      return;
    }
    Statement statement = call.statement;
    if (statement != null) {
      cancelQuietly(statement, call);
    } else if (oracle) {
      try {
        held.oracleConnection().cancel();
      } catch (SQLException | RuntimeException e) {
        LOG.log(Level.DEBUG, () -> owner.name() + " - cancel of " + call.operation + " failed: " + e);
      }
    }
  }

  private void cancelQuietly(Statement statement, Call call) {
    try {
      statement.cancel();
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.DEBUG, () -> owner.name() + " - cancel of " + call.operation + " failed: " + e);
    }
  }

  // ---- session settings ---------------------------------------------------------------------

  void setClientInfo(String key, String value) {
    Map<String, String> pending = pendingClientInfo;
    if (pending == null) {
      synchronized (this) {
        pending = pendingClientInfo;
        if (pending == null) {
          pending = new ConcurrentHashMap<>();
          pendingClientInfo = pending;
        }
      }
    }
    pending.put(key, value == null ? "" : value);
  }

  void setStmtCacheSize(int size) {
    stmtCacheSize = size;
    stmtCacheSizePending = true;
  }

  int stmtCacheSize() {
    return stmtCacheSize;
  }

  Duration callTimeout() {
    return callTimeout;
  }

  void setCallTimeout(Duration timeout) {
    callTimeout = timeout;
  }

  private void applyPendingSettings() throws SQLException {
    Map<String, String> pending = pendingClientInfo;
    if (pending != null && !pending.isEmpty()) {
      for (String key : pending.keySet()) {
        String value = pending.remove(key);
        if (value != null) {
          jdbc.setClientInfo(key, value);
          if (clientInfoSet == null) {
            clientInfoSet = new java.util.HashSet<>();
          }
          clientInfoSet.add(key);
        }
      }
    }
    if (stmtCacheSizePending) {
      stmtCacheSizePending = false;
      if (oracle) {
        applyStmtCacheSize(stmtCacheSize);
      }
    }
  }

  private void applyStmtCacheSize(int size) throws SQLException {
    oracle.jdbc.OracleConnection oc = held.oracleConnection();
    oc.setImplicitCachingEnabled(size > 0);
    if (size > 0) {
      oc.setStatementCacheSize(size);
    }
    held.state.stmtCacheSize = size;
  }

  boolean autocommit() {
    return autocommit;
  }

  void setAutocommitNow(boolean value) throws SQLException {
    jdbc.setAutoCommit(value);
    autocommit = value;
    if (value) {
      dirty = false;
    }
  }

  /** Notes that the session may hold uncommitted work. Runs on the lane. */
  void markDirty() {
    if (!autocommit) {
      dirty = true;
    }
  }

  /** Notes that the transaction ended. Runs on the lane. */
  void markClean() {
    dirty = false;
  }

  boolean dirty() {
    return dirty;
  }

  /** Sets the isolation level, remembering the one to restore on release. Runs on the lane. */
  void setTransactionIsolationNow(int level) throws SQLException {
    int before = jdbc.getTransactionIsolation();
    jdbc.setTransactionIsolation(level);
    if (originalIsolation < 0 && before != level) {
      originalIsolation = before;
    }
  }

  boolean readOnly() {
    return readOnly;
  }

  /** Sets read-only mode; release turns it off again. Runs on the lane. */
  void setReadOnlyNow(boolean value) throws SQLException {
    jdbc.setReadOnly(value);
    readOnly = value;
  }

  /** Remembers the schema to restore on release before the first change. Runs on the lane. */
  void rememberSchema() throws SQLException {
    if (originalSchema == null) {
      originalSchema = jdbc.getSchema();
    }
  }

  /** Registers a statement or LOB to close on release. Runs on the lane. */
  void opened(Object resource, Runnable closer) {
    if (openResources == null) {
      openResources = new LinkedHashMap<>();
    }
    openResources.put(resource, closer);
  }

  /** Unregisters a resource closed by the application. Runs on the lane. */
  void closed(Object resource) {
    if (openResources != null) {
      openResources.remove(resource);
    }
  }

  /** Whether the connection looks usable, without a round trip. Safe from any thread. */
  boolean isHealthy() {
    if (released.get() || revoked != null || broken) {
      return false;
    }
    return held.usableLocally();
  }

  // ---- release ------------------------------------------------------------------------------

  boolean isReleased() {
    return released.get();
  }

  /**
   * Gives the connection back: closes what the application left open, rolls back uncommitted
   * work, restores session settings, and discards the connection if any of that fails. A clean
   * session (nothing open, nothing written, nothing changed) needs no round trip, so when its lane
   * is idle it goes back right here, on the calling thread; otherwise the release runs on the lane
   * after the calls queued before it.
   */
  CompletableFuture<Void> release() {
    if (!released.compareAndSet(false, true)) {
      CompletableFuture<Void> f = releaseFuture;
      return f != null ? f : awaitReleaseFuture();
    }
    if (abandoned) {
      // Its place was freed when it was given up: nothing to wait for. The physical connection is
      // discarded on the lane, once the call stuck in the driver returns (if it ever does).
      lane.submit(releaseTask(new CompletableFuture<>()));
      return publishReleased(CompletableFuture.completedFuture(null));
    }
    if (lane.tryClaim()) {
      if (isClean()) {
        try {
          owner.release(this, false);
        } finally {
          lane.endClaim();
        }
        return publishReleased(CompletableFuture.completedFuture(null));
      }
      if (Lane.onFreeWorker() && engine.onOwnWorker()) {
        // A worker that has let go of its own lane may do the clean-up round trips itself.
        try {
          cleanUpAndReturn();
        } catch (Throwable unexpected) {
          LOG.log(Level.WARNING, () -> owner.name() + " - release failed: " + unexpected);
        } finally {
          lane.endClaim();
        }
        return publishReleased(CompletableFuture.completedFuture(null));
      }
      CompletableFuture<Void> done = publishReleased(new CompletableFuture<>());
      lane.submitClaimed(releaseTask(done));
      return done;
    }
    CompletableFuture<Void> done = publishReleased(new CompletableFuture<>());
    lane.submit(releaseTask(done));
    return done;
  }

  private CompletableFuture<Void> publishReleased(CompletableFuture<Void> done) {
    releaseFuture = done;
    return done;
  }

  /** A second close() raced the first one before it published its future. */
  private CompletableFuture<Void> awaitReleaseFuture() {
    CompletableFuture<Void> f;
    while ((f = releaseFuture) == null) {
      Thread.onSpinWait();
    }
    return f;
  }

  private Lane.Task releaseTask(CompletableFuture<Void> done) {
    AtomicBoolean once = new AtomicBoolean();
    return new Lane.Task() {
      @Override
      public Runnable run() {
        if (!once.compareAndSet(false, true)) {
          return null;
        }
        try {
          cleanUpAndReturn();
        } catch (Throwable unexpected) {
          LOG.log(Level.WARNING, () -> owner.name() + " - release failed: " + unexpected);
        }
        return () -> engine.complete(done, null);
      }

      @Override
      public void abort(Throwable error) {
        if (!once.compareAndSet(false, true)) {
          return;
        }
        // No worker will run it: give the place back (discarding the connection) so a close can finish.
        owner.release(Session.this, true);
        done.complete(null);
      }
    };
  }

  /** Whether giving the connection back needs no call to the driver. Runs on the lane or a claim. */
  private boolean isClean() {
    return !owner.releaseTalksToTheDatabase() && !broken && revoked == null && !dirty && !autocommit && originalSchema == null
        && originalIsolation < 0 && !readOnly
        && (openResources == null || openResources.isEmpty())
        && (clientInfoSet == null || clientInfoSet.isEmpty())
        && stmtCacheSize == defaultStmtCacheSize;
  }

  private void cleanUpAndReturn() {
    boolean discard = broken || revoked != null;
    if (openResources != null) {
      for (Runnable closer : openResources.values().toArray(new Runnable[0])) {
        try {
          closer.run();
        } catch (Throwable e) {
          discard = true;
        }
      }
      openResources.clear();
    }
    if (!discard) {
      try {
        discard = !resetSession();
      } catch (Throwable e) {
        LOG.log(Level.DEBUG, () -> owner.name() + " - discarding a connection that failed clean-up: " + e);
        discard = true;
      }
    }
    owner.release(this, discard);
  }

  /** Returns {@code false} when the connection must be discarded. */
  private boolean resetSession() throws SQLException {
    if (!held.usableLocally()) {
      return false;
    }
    if (!autocommit && dirty) {
      jdbc.rollback();
      dirty = false;
    }
    if (autocommit) {
      jdbc.setAutoCommit(false);
      autocommit = false;
    }
    if (originalSchema != null) {
      jdbc.setSchema(originalSchema);
      originalSchema = null;
    }
    if (readOnly) {
      // On Oracle a read-only transaction may still be open (its queries left nothing to roll
      // back); it must end before the session can be made read-write again.
      jdbc.rollback();
      jdbc.setReadOnly(false);
      readOnly = false;
    }
    if (originalIsolation >= 0) {
      jdbc.setTransactionIsolation(originalIsolation);
      originalIsolation = -1;
    }
    if (stmtCacheSize != defaultStmtCacheSize && oracle) {
      applyStmtCacheSize(defaultStmtCacheSize);
    }
    // Tags an application set on this borrow must not leak to the next borrower.
    if (clientInfoSet != null) {
      for (String key : clientInfoSet) {
        String reset = MODULE.equals(key) && defaultModule != null ? defaultModule : "";
        jdbc.setClientInfo(key, reset);
      }
    }
    return true;
  }

  /**
   * The work this connection was lent to (a {@code withConnection} whose future the application
   * cancelled) will not use it any more: the running call is broken, later calls are refused, and
   * the connection goes back to the pool as soon as the lane is free, rolled back if it wrote.
   */
  void withdraw() {
    withdrawn = true;
    cancel();
    release();
  }

  /**
   * Takes the connection away from the application (close with interrupt): later calls fail with
   * {@link PoolClosedException}, the running call is cancelled, and the connection is released
   * as soon as the lane is free.
   */
  void revoke(AsyncOracleException why) {
    revoked = why;
    cancel();
    release();
  }
}
