package io.asyncoracle.boot.observation;

import io.asyncoracle.DatabaseCall;
import io.micrometer.observation.Observation;

/**
 * The context of one database call's observation: what the call is, and once it ended, how many
 * rows it fetched or affected.
 */
public class AsyncOracleObservationContext extends Observation.Context {

  private final DatabaseCall call;
  private volatile long rowCount = -1;

  /**
   * Creates the context of a call.
   *
   * @param call the call, as the pool describes it
   */
  public AsyncOracleObservationContext(DatabaseCall call) {
    this.call = call;
  }

  /**
   * The call: pool, operation, statement, procedure, database system, namespace and server.
   *
   * @return the call
   */
  public DatabaseCall getCall() {
    return call;
  }

  /**
   * Rows the call fetched or affected, known once it ended.
   *
   * @return the row count, or {@code -1} when the call has none, failed or has not ended
   */
  public long getRowCount() {
    return rowCount;
  }

  /**
   * Records the row count.
   *
   * @param rowCount the rows fetched or affected, or {@code -1}
   */
  public void setRowCount(long rowCount) {
    this.rowCount = rowCount;
  }
}
