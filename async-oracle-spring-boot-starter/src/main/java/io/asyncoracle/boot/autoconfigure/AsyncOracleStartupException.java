package io.asyncoracle.boot.autoconfigure;

/**
 * The pool could not be started, typically because the database could not be reached while
 * {@code async-oracle.fail-fast} is on. {@link AsyncOracleStartupFailureAnalyzer} explains it.
 */
public class AsyncOracleStartupException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The database URL, without credentials. */
  private final String url;

  /**
   * Creates the exception.
   *
   * @param url the database URL with credentials removed
   * @param cause why the pool could not start
   */
  public AsyncOracleStartupException(String url, Throwable cause) {
    super("async-oracle could not start its pool for " + url + ": " + cause.getMessage(), cause);
    this.url = url;
  }

  /**
   * Returns the database URL, without credentials.
   *
   * @return the URL
   */
  public String getUrl() {
    return url;
  }
}
