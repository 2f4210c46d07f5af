package io.asyncoracle.internal;

import io.asyncoracle.AsyncOracleException;
import io.asyncoracle.ObservedCall;
import io.asyncoracle.PoolClosedException;
import io.asyncoracle.UnsupportedFeatureException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToLongFunction;

/**
 * One connection as lent to an application: the lane its calls run on, the JDBC connection, the
 * call in progress (for cancel and call timeouts) and the session state to clean up on release.
 * {@link #run(String, JdbcAction)} is the one place blocking JDBC work is moved onto a worker; each
 * call is one {@link LaneCall}, which runs it on the lane. What the application changed is in
 * {@link #changes()}, the release in {@link SessionRelease}.
 */
final class Session {

  private static final java.lang.invoke.VarHandle RELEASE;
  private static final java.lang.invoke.VarHandle SLOT_FREED;

  static {
    try {
      java.lang.invoke.MethodHandles.Lookup lookup = java.lang.invoke.MethodHandles.lookup();
      RELEASE = lookup.findVarHandle(Session.class, "releaseFuture", CompletableFuture.class);
      SLOT_FREED = lookup.findVarHandle(Session.class, "slotFreed", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  static final String MODULE = "OCSID.MODULE";

  /** How long a timed-out call may take to answer its cancel before its connection is given up. */
  static final Duration CANCEL_GRACE = Duration.ofMillis(500);

  final Engine engine;
  private final Lane lane;
  private final SessionOwner owner;
  private final String dsn;
  private final HeldConnection held;
  /** Where observed calls go, or {@code null} when the pool has no observer. */
  private final CallTarget target;
  private final Connection jdbc;
  private final boolean oracle;
  private final long borrowedAt = System.nanoTime();

  private volatile RunningCall current;
  private volatile Duration callTimeout;
  private volatile AsyncOracleException revoked;
  private volatile boolean abandoned;
  /** The release's future, set once by the first release (see {@link SessionRelease}). */
  private volatile CompletableFuture<Void> releaseFuture;
  /** The work the connection was lent to was cancelled ({@link #withdraw()}). */
  private volatile boolean withdrawn;
  /** 1 once the session's place in its pool was freed (see {@link #claimSlot()}). */
  private volatile int slotFreed;
  /** The session's tag as the application sees it (pooled connections); kept with the session on release. */
  private volatile String tag;
  /** Whether the application dropped the connection (closed for good instead of pooled). */
  private volatile boolean dropped;

  private volatile boolean broken;
  /** What the application changed, created on the first change: most lends change nothing. */
  private volatile SessionChanges changes;
  private final int stmtCacheSize;
  private final String defaultModule;

  Session(Engine engine, SessionOwner owner, HeldConnection held, String dsn, Duration callTimeout, int stmtCacheSize,
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
    this.defaultModule = defaultModule;
  }

  HeldConnection held() {
    return held;
  }

  boolean ownedBy(SessionOwner candidate) {
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
   * {@linkplain SessionOwner#abandon abandon} may race, and only one may count.
   *
   * @return whether the caller is the one
   */
  boolean claimSlot() {
    return SLOT_FREED.compareAndSet(this, 0, 1);
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
    return run(operation, action, null, LaneCall.NO_ROWS, null, null);
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
    AsyncOracleException refused = refusal(operation);
    if (refused != null) {
      LaneCall<T> call = new LaneCall<>(this, operation, action, null, rows, LaneCall.Aborted.FAIL_AS_APPLICATION_ERROR);
      call.completeExceptionally(refused);
      return call;
    }
    ObservedCall observed = target == null || observedAs == null ? null
        : target.start(observedAs, statement, procedure);
    LaneCall<T> call = new LaneCall<>(this, operation, action, observed, rows, LaneCall.Aborted.FAIL_AS_APPLICATION_ERROR);
    lane.submit(call);
    return call;
  }

  /** Like {@link #run} but also allowed after release began: for release itself and cursor clean-up. */
  <T> CompletableFuture<T> runInternal(String operation, JdbcAction<T> action) {
    LaneCall<T> call = new LaneCall<>(this, operation, action, null, LaneCall.NO_ROWS, LaneCall.Aborted.FAIL_AS_IS);
    lane.submit(call);
    return call;
  }

  private AsyncOracleException refusal(String operation) {
    AsyncOracleException why = revoked;
    if (why != null) {
      return new PoolClosedException(owner.name() + " - " + operation + " refused: " + why.getMessage());
    }
    if (releaseFuture != null) {
      return new AsyncOracleException(operation + " refused: " + (withdrawn
          ? "the work this connection was lent to was cancelled" : "the connection is closed"));
    }
    if (abandoned) {
      return new AsyncOracleException(operation + " refused: the connection was discarded after a call"
          + " timeout the database did not answer");
    }
    return null;
  }

  /** The call running on the lane now, or {@code null}. */
  RunningCall currentCall() {
    return current;
  }

  /** A call starts on the lane (see {@link LaneCall#runOnLane()}). */
  void callStarted(RunningCall call) {
    current = call;
  }

  /** The call on the lane returned. */
  void callEnded() {
    current = null;
  }

  /** Nobody can tell what state the session is in now: usable for this lending, never lent again. */
  void markBroken() {
    broken = true;
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
    RunningCall call = current;
    if (whyForCall != null && call != null && call.timeOut()) {
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
    RunningCall call = current;
    return call != null && !call.returned;
  }

  /** Registers the statement the current call runs, so cancel and timeouts can break it. */
  void track(Statement statement) throws SQLException {
    RunningCall call = current;
    if (call != null) {
      call.statement = statement;
      if (call.future.isCancelled()) {
        // Cancelled by the application before the statement ran: do not start it.
        call.cancelQuietly(statement);
        throw new java.sql.SQLException(call.operation + ": cancelled before the statement ran", "HY008");
      }
      if (call.state == RunningCall.TIMED_OUT) {
        // The deadline passed while the statement was being prepared or bound: do not start it (a
        // driver may ignore a cancel that arrives before the statement runs).
        call.cancelQuietly(statement);
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
    RunningCall call = current;
    return call != null && (call.state == RunningCall.TIMED_OUT || call.future.isDone());
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
    RunningCall call = current;
    if (call != null) {
      call.cancel();
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
    RunningCall call = current;
    if (call != null && call.future == callFuture) {
      call.cancel();
    }
  }

  // ---- what the application changed (SessionChanges) ----------------------------------------

  /**
   * What the application changed on this lend, created on the first change. Setters go through it
   * ({@code session.changes().markDirty()}); the getters below answer without creating it.
   */
  SessionChanges changes() {
    SessionChanges c = changes;
    if (c == null) {
      synchronized (this) {
        c = changes;
        if (c == null) {
          c = new SessionChanges(held, stmtCacheSize, defaultModule);
          changes = c;
        }
      }
    }
    return c;
  }

  /** What the application changed, or {@code null} if nothing yet. */
  SessionChanges changesIfAny() {
    return changes;
  }

  /** Whether the application changed nothing a release must undo. */
  boolean unchanged() {
    SessionChanges c = changes;
    return c == null || c.unchanged();
  }

  int stmtCacheSize() {
    SessionChanges c = changes;
    return c == null ? stmtCacheSize : c.stmtCacheSize();
  }

  Duration callTimeout() {
    return callTimeout;
  }

  void setCallTimeout(Duration timeout) {
    callTimeout = timeout;
  }

  boolean autocommit() {
    SessionChanges c = changes;
    // Without a change, the session is in its baseline's mode (what the session callback set).
    return c == null ? held.state.baseline.autocommit : c.autocommit();
  }

  /** Notes that the transaction ended. Runs on the lane. */
  void markClean() {
    SessionChanges c = changes;
    if (c != null) {
      c.markClean();
    }
  }

  boolean dirty() {
    SessionChanges c = changes;
    return c != null && c.dirty();
  }

  boolean readOnly() {
    SessionChanges c = changes;
    return c != null && c.readOnly();
  }

  void closed(Object resource) {
    SessionChanges c = changes;
    if (c != null) {
      c.closed(resource);
    }
  }

  /** Whether the connection looks usable, without a round trip. Safe from any thread. */
  boolean isHealthy() {
    if (releaseFuture != null || revoked != null || broken) {
      return false;
    }
    return held.usableLocally();
  }

  // ---- release (SessionRelease) ------------------------------------------------------------

  boolean isReleased() {
    return releaseFuture != null;
  }

  CompletableFuture<Void> releaseFuture() {
    return releaseFuture;
  }

  /** Makes {@code future} the release's future if no release began yet. */
  boolean claimRelease(CompletableFuture<Void> future) {
    return RELEASE.compareAndSet(this, null, future);
  }

  /**
   * Gives the connection back: see {@link SessionRelease#release()}.
   *
   * @return a future that completes once the connection is back with its owner
   */
  CompletableFuture<Void> release() {
    return SessionRelease.release(this);
  }

  Lane lane() {
    return lane;
  }

  SessionOwner owner() {
    return owner;
  }

  /** Whether nobody can tell what state the session is in (an Error, a fatal error, a drop): never pooled again. */
  boolean broken() {
    return broken;
  }

  /** Why the pool took the connection back (close with interrupt), or {@code null}. */
  AsyncOracleException revoked() {
    return revoked;
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
