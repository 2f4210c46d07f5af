package io.asyncoracle.internal;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Read-only mode ({@code setReadOnly(true)}). ojdbc's {@code setReadOnly} only stores a flag (no
 * "SET TRANSACTION READ ONLY" anywhere in ojdbc11 23.26), so on Oracle the library starts each
 * transaction read-only itself: {@code SET TRANSACTION READ ONLY} when the mode is set and again
 * after each {@code commit()} and {@code rollback()} while it lasts. Writes then fail with ORA-01456.
 * Other databases get JDBC's {@code setReadOnly}. All of it runs on the lane.
 */
final class ReadOnlyTransactions {

  static final String SET_TRANSACTION_READ_ONLY = "SET TRANSACTION READ ONLY";

  private ReadOnlyTransactions() {
  }

  /**
   * Sets or clears read-only mode. On Oracle, setting it opens a read-only transaction at once, so
   * it fails (ORA-01453) if a transaction is already open, as {@code SET TRANSACTION} must come
   * first; clearing it ends the read-only transaction (it holds no changes) with a rollback.
   *
   * @param s the session
   * @param readOnly the mode
   */
  static void set(Session s, boolean readOnly) throws SQLException {
    if (readOnly == s.readOnly()) {
      // Already so: a second SET TRANSACTION in the open read-only transaction would be ORA-01453.
      return;
    }
    if (s.isOracle()) {
      if (readOnly) {
        begin(s);
      } else if (s.readOnly()) {
        s.jdbc().rollback();
      }
    }
    s.changes().setReadOnlyNow(readOnly);
  }

  /**
   * After a commit or rollback: the next transaction is read-only too while the mode lasts.
   *
   * @param s the session
   */
  static void afterTransactionEnd(Session s) throws SQLException {
    if (s.isOracle() && s.readOnly()) {
      begin(s);
    }
  }

  private static void begin(Session s) throws SQLException {
    try (Statement st = s.jdbc().createStatement()) {
      s.track(st);
      st.execute(SET_TRANSACTION_READ_ONLY);
    }
  }
}
