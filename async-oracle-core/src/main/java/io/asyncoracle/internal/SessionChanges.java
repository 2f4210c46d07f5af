package io.asyncoracle.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the application changed on a lent session, and the reset of it on release: attributes
 * waiting to be sent with the next call (module, action, client id, ...), the statement cache size,
 * autocommit, uncommitted work, schema, isolation, read-only mode, and statements and LOBs left
 * open. A session nobody changed goes back with no round trip ({@link #unchanged()}).
 *
 * <p>A release resets to the session's {@link SessionBaseline}: what the session callback set, kept
 * with the session from lend to lend. Once the callback has run, {@link #adoptAsBaseline} makes what
 * it changed the baseline, so only what the application changes after that is reset.
 */
final class SessionChanges {

  private final Connection jdbc;
  private final HeldConnection held;
  private final boolean oracle;

  /** Write-only session attributes waiting to be sent with the next call (created on first use). */
  private volatile Map<String, String> pendingClientInfo;
  private volatile int stmtCacheSize;
  private volatile boolean stmtCacheSizePending;
  /** The size a release puts back: the baseline's, else the pool's. */
  private volatile int defaultStmtCacheSize;
  private final String defaultModule;
  /** What the session callback set: what a release resets to. */
  private volatile SessionBaseline baseline;

  // Confined to the lane (or to the thread that claimed it).
  private boolean autocommit;
  private boolean dirty;
  private String originalSchema;
  /** The level to restore on release, or -1 when this lending did not change it. */
  private int originalIsolation = -1;
  private volatile boolean readOnly;
  /** Session attributes sent to the driver during this lend, with the value sent. */
  private Map<String, String> clientInfoSent;
  private Map<Object, Runnable> openResources;

  SessionChanges(HeldConnection held, int stmtCacheSize, String defaultModule) {
    this.held = held;
    this.jdbc = held.physical;
    this.oracle = held.oracle;
    this.stmtCacheSize = stmtCacheSize;
    this.defaultStmtCacheSize = stmtCacheSize;
    this.defaultModule = defaultModule;
    this.baseline = held.state.baseline;
    // The session is in its baseline's autocommit mode at the start of every lend.
    this.autocommit = baseline.autocommit;
  }

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

  void applyPending() throws SQLException {
    Map<String, String> pending = pendingClientInfo;
    if (pending != null && !pending.isEmpty()) {
      for (String key : pending.keySet()) {
        String value = pending.remove(key);
        if (value != null) {
          jdbc.setClientInfo(key, value);
          if (clientInfoSent == null) {
            clientInfoSent = new HashMap<>();
          }
          clientInfoSent.put(key, value);
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

  /** Whether the application changed nothing that a release must undo. Runs on the lane or a claim. */
  boolean unchanged() {
    return !dirty && autocommit == baseline.autocommit && originalSchema == null && originalIsolation < 0 && !readOnly
        && (openResources == null || openResources.isEmpty())
        && clientInfoAtBaseline()
        && stmtCacheSize == defaultStmtCacheSize;
  }

  private boolean clientInfoAtBaseline() {
    if (clientInfoSent == null) {
      return true;
    }
    for (Map.Entry<String, String> sent : clientInfoSent.entrySet()) {
      if (!sent.getValue().equals(clientInfoAtRelease(sent.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** The value a release gives a session attribute: the baseline's, else the pool's module, else none. */
  private String clientInfoAtRelease(String key) {
    String value = baseline.clientInfo(key);
    if (value != null) {
      return value;
    }
    return Session.MODULE.equals(key) && defaultModule != null ? defaultModule : "";
  }

  /**
   * Makes what was changed so far on this lend the session's baseline: runs once the session
   * callback completed, on the lane, before the application gets the connection. Attributes still
   * waiting for a call are sent now (the driver keeps them, no round trip), so the baseline is in
   * the session whether or not this lend makes a call; the schema and isolation level stay as the
   * callback left them, and autocommit, the statement cache size and the call timeout become the
   * values every later lend starts from. Uncommitted work and read-only mode are not part of it:
   * a release still rolls back and turns read-only off.
   *
   * @param callTimeout the session's call timeout now
   * @param callTimeoutAtLend the one it had when lent, before the callback
   * @param state where the baseline is kept
   * @throws SQLException if the driver refuses an attribute
   */
  void adoptAsBaseline(Duration callTimeout, Duration callTimeoutAtLend, PhysicalState state) throws SQLException {
    applyPending();
    SessionBaseline before = baseline;
    Map<String, String> clientInfo = new HashMap<>(before.clientInfo());
    if (clientInfoSent != null) {
      clientInfo.putAll(clientInfoSent);
      clientInfoSent.clear();
    }
    originalSchema = null;
    originalIsolation = -1;
    boolean cacheSizeChanged = stmtCacheSize != defaultStmtCacheSize;
    defaultStmtCacheSize = stmtCacheSize;
    SessionBaseline adopted = new SessionBaseline(
        callTimeout.equals(callTimeoutAtLend) ? before.callTimeout() : callTimeout,
        cacheSizeChanged ? stmtCacheSize : before.stmtCacheSize(),
        autocommit, clientInfo);
    baseline = adopted;
    state.baseline = adopted;
  }

  /**
   * Closes what the application left open.
   *
   * @return {@code false} if closing one failed (the connection is then discarded)
   */
  boolean closeOpenResources() {
    boolean clean = true;
    if (openResources != null) {
      for (Runnable closer : openResources.values().toArray(new Runnable[0])) {
        try {
          closer.run();
        } catch (Throwable e) {
          clean = false;
        }
      }
      openResources.clear();
    }
    return clean;
  }

  /** Returns {@code false} when the connection must be discarded. */
  boolean reset() throws SQLException {
    if (!held.usableLocally()) {
      return false;
    }
    if (!autocommit && dirty) {
      jdbc.rollback();
      dirty = false;
    }
    if (autocommit != baseline.autocommit) {
      jdbc.setAutoCommit(baseline.autocommit);
      autocommit = baseline.autocommit;
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
    if (clientInfoSent != null) {
      for (Map.Entry<String, String> sent : clientInfoSent.entrySet()) {
        String reset = clientInfoAtRelease(sent.getKey());
        if (!reset.equals(sent.getValue())) {
          jdbc.setClientInfo(sent.getKey(), reset);
        }
      }
      clientInfoSent.clear();
    }
    return true;
  }
}
