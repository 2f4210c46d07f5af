package io.asyncoracle.internal;

import java.sql.SQLException;

/**
 * Temporary LOBs that queries create on the server ({@code to_clob(...)}, a function returning a
 * CLOB, JSON serialised to a LOB), read as text or bytes. ojdbc keeps the ones it materialises in
 * its connection ({@code ClobAccessor}/{@code BlobAccessor} call {@code addTemporaryLob}) and frees
 * them only when the connection closes ({@code close} → {@code prepareForLogoff} →
 * {@code closeDependents} → {@code freeTemporaryBlobsAndClobs}, read with {@code javap -c}). A pool
 * that holds its connections would keep them in the temporary tablespace until it gave the
 * connection back to UCP; so a lend that read LOB columns frees them when it is released.
 */
final class TemporaryLobs {

  /** The one release task per lend: registering it again changes nothing. */
  private static final Object FREE_AT_RELEASE = new Object();

  private TemporaryLobs() {
  }

  /**
   * Notes a query's columns: on Oracle, LOB columns make the release free the driver's temporary
   * LOBs (on the lane, before the connection is lent again). Runs on the lane.
   *
   * @param s the session
   * @param reader the query's reader
   */
  static void noteQuery(Session s, RowReader reader) {
    if (s.isOracle() && reader.hasLobColumns()) {
      s.changes().opened(FREE_AT_RELEASE, () -> free(s));
    }
  }

  private static void free(Session s) {
    try {
      s.held().oracleConnection().unwrap(oracle.jdbc.internal.OracleConnection.class).freeTemporaryBlobsAndClobs();
    } catch (SQLException e) {
      // The release discards a connection whose clean-up failed.
      throw new IllegalStateException("freeing temporary LOBs failed: " + e.getMessage(), e);
    }
  }
}
