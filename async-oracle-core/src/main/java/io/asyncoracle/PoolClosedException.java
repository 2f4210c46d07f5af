package io.asyncoracle;

/**
 * The pool is closing or closed: acquires are no longer admitted, queued acquires are failed, and
 * calls on a connection whose statement was interrupted by {@code close(force, interrupt)} fail.
 */
public class PoolClosedException extends AsyncOracleException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the pool name and what was refused
   */
  public PoolClosedException(String message) {
    super(message);
  }

  /**
   * Creates the exception with the error the interruption caused.
   *
   * @param message the pool name and what was refused
   * @param cause the driver error raised by the cancelled call
   */
  public PoolClosedException(String message, Throwable cause) {
    super(message, cause);
  }
}
