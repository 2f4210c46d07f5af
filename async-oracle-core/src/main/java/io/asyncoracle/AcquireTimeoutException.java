package io.asyncoracle;

/**
 * No connection became available within {@link PoolOptions#acquireTimeout()}. The message carries
 * the pool's state at that moment, e.g.
 * {@code "orders-pool - no connection available after 30000ms (total=4, busy=4, idle=0, waiting=12)"}.
 */
public class AcquireTimeoutException extends AsyncOracleException {

  private static final long serialVersionUID = 1L;

  private final transient PoolStats stats;

  /**
   * Creates the exception.
   *
   * @param message the pool name, the timeout and the pool's state
   * @param stats the pool's state when the timeout fired
   * @param cause the last driver error seen while borrowing, or {@code null}
   */
  public AcquireTimeoutException(String message, PoolStats stats, Throwable cause) {
    super(message, cause);
    this.stats = stats;
  }

  /**
   * Returns the pool's state when the timeout fired.
   *
   * @return the pool statistics, or {@code null} after deserialization
   */
  public PoolStats stats() {
    return stats;
  }
}
