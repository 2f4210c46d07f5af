package io.asyncoracle;

/**
 * {@link AsyncPool#close()} was called without {@code force} while connections were still
 * borrowed (the ORA-24422 case of the reference). Nothing changed: the pool stays open and usable.
 */
public class PoolBusyException extends AsyncOracleException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the pool name and how many connections are still out
   */
  public PoolBusyException(String message) {
    super(message);
  }
}
