package io.asyncoracle.boot.template;

import io.asyncoracle.AsyncConnection;

/**
 * The operations of one transaction, handed to the work of
 * {@link AsyncOracleTemplate#inTransaction(java.util.function.Function)}. Every call runs on the
 * same connection, in the order made, and nothing is committed until the work's stage completes
 * successfully; if it fails, everything is rolled back. Valid only until that stage completes.
 */
public interface AsyncOracleTransaction extends AsyncOracleOperations {

  /**
   * Returns the transaction's connection, for calls the operations do not cover (cursors,
   * streaming, stored procedures). Do not commit, roll back or close it: the template does.
   *
   * @return the connection
   */
  AsyncConnection connection();
}
