package io.asyncoracle;

/**
 * An option or argument is invalid: a missing URL, a port out of range, {@code min > max}, a
 * negative timeout, {@code null} SQL, a wrong number of bind parameters. The message names the
 * option or argument. {@link PoolOptions.Builder#build()} throws it; asynchronous methods fail their
 * future with it before anything is sent to the database.
 */
public class InvalidArgumentException extends AsyncOracleException {

  private static final long serialVersionUID = 1L;

  /** The option or argument at fault. */
  private final String argument;

  /**
   * Creates the exception.
   *
   * @param argument the option or argument at fault, e.g. {@code "port"}
   * @param message what is wrong with it; never the value of a password
   */
  public InvalidArgumentException(String argument, String message) {
    super(message);
    this.argument = argument;
  }

  /**
   * Returns the name of the option or argument at fault.
   *
   * @return the name, e.g. {@code "maxWaiters"}
   */
  public String argument() {
    return argument;
  }
}
