package io.asyncoracle;

/**
 * Base of every error async-oracle reports. Asynchronous methods never throw it: they complete
 * their future exceptionally with a subclass of it.
 */
public class AsyncOracleException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, never containing a password
   */
  public AsyncOracleException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong, never containing a password
   * @param cause the underlying error
   */
  public AsyncOracleException(String message, Throwable cause) {
    super(message, cause);
  }
}
