package io.asyncoracle;

/**
 * Every connection is busy and the queue of waiting acquires already holds
 * {@link PoolOptions#maxWaiters()} entries: the acquire was refused at once instead of queued.
 */
public class PoolExhaustedException extends AsyncOracleException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the pool name and its state
   */
  public PoolExhaustedException(String message) {
    super(message);
  }
}
