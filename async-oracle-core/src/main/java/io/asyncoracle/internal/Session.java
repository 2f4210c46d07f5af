package io.asyncoracle.internal;

import io.asyncoracle.AsyncOracleException;
import io.asyncoracle.CallTimeoutException;
import io.asyncoracle.PoolClosedException;
import io.asyncoracle.UnsupportedFeatureException;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

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
     * Takes the connection back. Runs on the session's lane.
     *
     * @param session the session
     * @param discard whether the physical connection must be closed instead of reused
     */
    void release(Session session, boolean discard);

    /**
     * Names the owner for messages.
     *
     * @return e.g. the pool name
     */
    String name();
  }

  /** The call running on the lane now. */
  private static final class Call {
    final String operation;
    volatile Statement statement;
    volatile boolean timedOut;
    volatile boolean finished;

    Call(String operation) {
      this.operation = operation;
    }
  }

  final Engine engine;
  private final Lane lane;
  private final Owner owner;
  private final String dsn;
  private final long borrowedAt = System.nanoTime();

  private volatile Connection jdbc;
  private volatile boolean oracle;
  private volatile Call current;
  private volatile Duration callTimeout;
  private volatile AsyncOracleException revoked;
  private final AtomicBoolean released = new AtomicBoolean();
  private final CompletableFuture<Void> releaseFuture = new CompletableFuture<>();

  /** Write-only session attributes waiting to be sent with the next call (null value = clear). */
  private final Map<String, String> pendingClientInfo = new ConcurrentHashMap<>();
  private final Set<String> clientInfoSet = ConcurrentHashMap.newKeySet();
  private volatile int stmtCacheSize;
  private volatile boolean stmtCacheSizePending;
  private final int defaultStmtCacheSize;
  private volatile String defaultModule;

  // Confined to the lane.
  private boolean autocommit;
  private boolean dirty;
  private boolean broken;
  private String originalSchema;
  private final Map<Object, Runnable> openResources = new LinkedHashMap<>();
  private String databaseDescription;

  Session(Engine engine, Owner owner, String dsn, Duration callTimeout, int stmtCacheSize) {
    this.engine = engine;
    this.lane = new Lane(engine.workers());
    this.owner = owner;
    this.dsn = dsn;
    this.callTimeout = callTimeout;
    this.stmtCacheSize = stmtCacheSize;
    this.defaultStmtCacheSize = stmtCacheSize;
  }

  // ---- attaching and describing -------------------------------------------------------------

  /**
   * Takes over a freshly borrowed connection. Runs on the lane. Autocommit is turned off, as in the
   * reference; the call costs nothing when the pooled connection already has it off.
   */
  void attach(Connection connection, String module) throws SQLException {
    this.jdbc = connection;
    this.oracle = connection.isWrapperFor(oracle.jdbc.OracleConnection.class);
    if (connection.getAutoCommit()) {
      connection.setAutoCommit(false);
    }
    this.autocommit = false;
    this.defaultModule = module;
    if (module != null) {
      pendingClientInfo.putIfAbsent(MODULE, module);
    }
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
    return jdbc.unwrap(oracle.jdbc.OracleConnection.class);
  }

  /** Product name and version of the database, for messages. Runs on the lane. */
  String describeDatabase() {
    if (databaseDescription == null) {
      try {
        DatabaseMetaData md = jdbc.getMetaData();
        databaseDescription = md.getDatabaseProductName() + " " + md.getDatabaseProductVersion();
      } catch (SQLException | RuntimeException e) {
        databaseDescription = "a non-Oracle database";
      }
    }
    return databaseDescription;
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
    CompletableFuture<T> future = new CompletableFuture<>();
    AsyncOracleException refused = refusal(operation);
    if (refused != null) {
      future.completeExceptionally(refused);
      return future;
    }
    return submit(operation, action, future, error -> engine.fail(future, new PoolClosedException(owner.name()
        + " - " + operation + " could not run: the pool's workers are shut down", error)));
  }

  /** Like {@link #run} but also allowed after release began: for release itself and cursor clean-up. */
  <T> CompletableFuture<T> runInternal(String operation, JdbcAction<T> action) {
    CompletableFuture<T> future = new CompletableFuture<>();
    return submit(operation, action, future, future::completeExceptionally);
  }

  private <T> CompletableFuture<T> submit(String operation, JdbcAction<T> action, CompletableFuture<T> future,
      java.util.function.Consumer<Throwable> onAbort) {
    lane.submit(new Lane.Task() {
      @Override
      public Runnable run() {
        return execute(operation, action, future);
      }

      @Override
      public void abort(Throwable error) {
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
      return new AsyncOracleException(operation + " refused: the connection is closed");
    }
    return null;
  }

  /** Runs one call on the lane; returns how to deliver its outcome once the lane is let go. */
  private <T> Runnable execute(String operation, JdbcAction<T> action, CompletableFuture<T> future) {
    if (future.isDone()) {
      return null;
    }
    Call call = new Call(operation);
    Duration timeout = callTimeout;
    ScheduledFuture<?> timer = null;
    current = call;
    try {
      if (jdbc != null) {
        applyPendingSettings();
      }
      if (!timeout.isZero()) {
        timer = engine.schedule(() -> onCallTimeout(call), timeout.toNanos());
      }
      T result = action.execute(this);
      finish(call, timer);
      return () -> engine.complete(future, result);
    } catch (Throwable error) {
      finish(call, timer);
      if (Errors.isFatal(error)) {
        broken = true;
      }
      RuntimeException failure = translate(call, timeout, error);
      return () -> engine.fail(future, failure);
    }
  }

  private void finish(Call call, ScheduledFuture<?> timer) {
    call.finished = true;
    current = null;
    if (timer != null) {
      timer.cancel(false);
    }
  }

  private RuntimeException translate(Call call, Duration timeout, Throwable error) {
    if (call.timedOut) {
      return new CallTimeoutException(call.operation + " exceeded the call timeout of " + timeout.toMillis()
          + " ms and was cancelled", timeout, Errors.unwrap(error));
    }
    AsyncOracleException why = revoked;
    if (why != null && !(Errors.unwrap(error) instanceof AsyncOracleException)) {
      return new PoolClosedException(owner.name() + " - " + call.operation + " was interrupted: "
          + why.getMessage(), Errors.unwrap(error));
    }
    return Errors.map(error);
  }

  private void onCallTimeout(Call call) {
    if (!call.finished) {
      call.timedOut = true;
      cancel(call);
    }
  }

  /** Registers the statement the current call runs, so cancel and timeouts can break it. */
  void track(Statement statement) {
    Call call = current;
    if (call != null) {
      call.statement = statement;
    }
  }

  /** Breaks the running call, if any. Safe from any thread. */
  void cancel() {
    Call call = current;
    if (call != null) {
      cancel(call);
    }
  }

  private void cancel(Call call) {
    if (call.finished) {
      return;
    }
    try {
      Statement statement = call.statement;
      if (statement != null) {
        statement.cancel();
      } else if (oracle && jdbc != null) {
        jdbc.unwrap(oracle.jdbc.OracleConnection.class).cancel();
      }
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.DEBUG, () -> owner.name() + " - cancel of " + call.operation + " failed: " + e);
    }
  }

  // ---- session settings ---------------------------------------------------------------------

  void setClientInfo(String key, String value) {
    pendingClientInfo.put(key, value == null ? "" : value);
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
    if (!pendingClientInfo.isEmpty()) {
      for (String key : pendingClientInfo.keySet()) {
        String value = pendingClientInfo.remove(key);
        if (value != null) {
          jdbc.setClientInfo(key, value);
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
    oracle.jdbc.OracleConnection oc = jdbc.unwrap(oracle.jdbc.OracleConnection.class);
    oc.setImplicitCachingEnabled(size > 0);
    if (size > 0) {
      oc.setStatementCacheSize(size);
    }
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

  /** Remembers the schema to restore on release before the first change. Runs on the lane. */
  void rememberSchema() throws SQLException {
    if (originalSchema == null) {
      originalSchema = jdbc.getSchema();
    }
  }

  /** Registers a statement or LOB to close on release. Runs on the lane. */
  void opened(Object resource, Runnable closer) {
    openResources.put(resource, closer);
  }

  /** Unregisters a resource closed by the application. Runs on the lane. */
  void closed(Object resource) {
    openResources.remove(resource);
  }

  /** Whether the connection looks usable, without a round trip. Safe from any thread. */
  boolean isHealthy() {
    Connection c = jdbc;
    if (c == null || released.get() || revoked != null || broken) {
      return false;
    }
    try {
      if (c.isClosed()) {
        return false;
      }
      if (oracle) {
        return c.unwrap(oracle.jdbc.OracleConnection.class).isUsable();
      }
      return true;
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  // ---- release ------------------------------------------------------------------------------

  boolean isReleased() {
    return released.get();
  }

  /**
   * Gives the connection back: closes what the application left open, rolls back uncommitted
   * work, restores session settings, and discards the connection if any of that fails.
   */
  CompletableFuture<Void> release() {
    if (!released.compareAndSet(false, true)) {
      return releaseFuture;
    }
    Lane.Task release = new Lane.Task() {
      @Override
      public Runnable run() {
        try {
          cleanUpAndReturn();
        } catch (RuntimeException unexpected) {
          LOG.log(Level.WARNING, () -> owner.name() + " - release failed: " + unexpected);
        }
        return () -> engine.complete(releaseFuture, null);
      }

      @Override
      public void abort(Throwable error) {
        // No worker will ever run again: return the permit so a close can finish.
        owner.release(Session.this, true);
        releaseFuture.complete(null);
      }
    };
    if (engine.mayRunCallbacksHere()) {
      // Our own last step, asked for on a virtual worker that is free: no need for another thread.
      lane.submitHere(release);
    } else {
      lane.submit(release);
    }
    return releaseFuture;
  }

  private void cleanUpAndReturn() {
    boolean discard = broken || revoked != null || jdbc == null;
    for (Runnable closer : openResources.values().toArray(new Runnable[0])) {
      try {
        closer.run();
      } catch (RuntimeException e) {
        discard = true;
      }
    }
    openResources.clear();
    if (!discard) {
      try {
        discard = !resetSession();
      } catch (SQLException | RuntimeException e) {
        LOG.log(Level.DEBUG, () -> owner.name() + " - discarding a connection that failed clean-up: " + e);
        discard = true;
      }
    }
    owner.release(this, discard);
  }

  /** Returns {@code false} when the connection must be discarded. */
  private boolean resetSession() throws SQLException {
    if (jdbc.isClosed() || (oracle && !jdbc.unwrap(oracle.jdbc.OracleConnection.class).isUsable())) {
      return false;
    }
    if (!autocommit && dirty) {
      jdbc.rollback();
      dirty = false;
    }
    if (autocommit) {
      jdbc.setAutoCommit(false);
    }
    if (originalSchema != null) {
      jdbc.setSchema(originalSchema);
    }
    if (stmtCacheSize != defaultStmtCacheSize && oracle) {
      applyStmtCacheSize(defaultStmtCacheSize);
    }
    // Tags an application set on this borrow must not leak to the next borrower.
    for (String key : clientInfoSet) {
      String reset = MODULE.equals(key) && defaultModule != null ? defaultModule : "";
      jdbc.setClientInfo(key, reset);
    }
    return true;
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
