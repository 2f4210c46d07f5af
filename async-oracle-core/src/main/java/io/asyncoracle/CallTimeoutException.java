package io.asyncoracle;

import java.time.Duration;

/**
 * A database call ran longer than the connection's {@link AsyncConnection#callTimeout()} and was
 * cancelled. The connection stays usable.
 */
public class CallTimeoutException extends AsyncOracleException {

  private static final long serialVersionUID = 1L;

  /** The call timeout that was exceeded. */
  private final Duration timeout;

  /**
   * Creates the exception.
   *
   * @param message what timed out
   * @param timeout the call timeout that was exceeded
   * @param cause the driver error raised by the cancelled call, or {@code null}
   */
  public CallTimeoutException(String message, Duration timeout, Throwable cause) {
    super(message, cause);
    this.timeout = timeout;
  }

  /**
   * Returns the call timeout that was exceeded.
   *
   * @return the timeout
   */
  public Duration timeout() {
    return timeout;
  }
}
