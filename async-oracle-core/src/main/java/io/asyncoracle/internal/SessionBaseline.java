package io.asyncoracle.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/**
 * What the session callback set on a session: the state every lend of it starts from, and what a
 * release puts back. The session callback runs once per new session (and again for another tag),
 * so what it sets belongs to the session, not to one lend. It lives in the connection's
 * {@link PhysicalState}, which outlives one hold of the connection. Immutable: the set-up replaces
 * it as a whole.
 *
 * <p>The schema and the isolation level need no entry: they stay in the database session, and a
 * release restores what the lend started with. Values that the pool would otherwise set again on
 * every lend (the call timeout, the statement cache size), or at every borrow from UCP (autocommit
 * off, the pool's module), are kept here.
 */
final class SessionBaseline {

  /** A session the callback changed nothing on: every lend starts from the pool's options. */
  static final SessionBaseline NONE = new SessionBaseline(null, -1, false, Map.of());

  /** The call timeout the callback set, or {@code null} for the pool's. */
  private final Duration callTimeout;
  /** The statement cache size the callback set, or -1 for the pool's. */
  private final int stmtCacheSize;
  /** Whether the callback turned autocommit on: then it is on at the start of every lend. */
  final boolean autocommit;
  /** Session attributes ({@code OCSID.MODULE}, {@code OCSID.ACTION}, ...) as the callback set them. */
  private final Map<String, String> clientInfo;

  SessionBaseline(Duration callTimeout, int stmtCacheSize, boolean autocommit, Map<String, String> clientInfo) {
    this.callTimeout = callTimeout;
    this.stmtCacheSize = stmtCacheSize;
    this.autocommit = autocommit;
    this.clientInfo = Map.copyOf(clientInfo);
  }

  Duration callTimeoutOr(Duration poolDefault) {
    return callTimeout != null ? callTimeout : poolDefault;
  }

  int stmtCacheSizeOr(int poolDefault) {
    return stmtCacheSize >= 0 ? stmtCacheSize : poolDefault;
  }

  /** The callback's value of a session attribute, or {@code null} if it did not set it. */
  String clientInfo(String key) {
    return clientInfo.get(key);
  }

  Map<String, String> clientInfo() {
    return clientInfo;
  }

  /** The call timeout the callback set, or {@code null}. */
  Duration callTimeout() {
    return callTimeout;
  }

  /** The statement cache size the callback set, or -1. */
  int stmtCacheSize() {
    return stmtCacheSize;
  }

  /**
   * Puts the baseline back on a connection UCP lent the pool again: taking a connection over turns
   * autocommit off and sets the pool's module, which would undo the callback's. Local settings of
   * the driver: no round trip, as no transaction is open (a release rolled it back).
   *
   * @param jdbc the connection
   * @throws SQLException if the driver refuses
   */
  void restoreOn(Connection jdbc) throws SQLException {
    if (autocommit && !jdbc.getAutoCommit()) {
      jdbc.setAutoCommit(true);
    }
    for (Map.Entry<String, String> attribute : clientInfo.entrySet()) {
      jdbc.setClientInfo(attribute.getKey(), attribute.getValue());
    }
  }
}
