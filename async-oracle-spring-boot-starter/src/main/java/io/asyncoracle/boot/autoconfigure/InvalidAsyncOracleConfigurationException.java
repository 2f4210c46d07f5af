package io.asyncoracle.boot.autoconfigure;

/**
 * The {@code async-oracle.*} configuration is missing or invalid. Names the property to fix;
 * {@link InvalidAsyncOracleConfigurationFailureAnalyzer} turns it into a startup report.
 */
public class InvalidAsyncOracleConfigurationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The full name of the property to fix. */
  private final String property;
  /** What is wrong with it. */
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param property the full property name, e.g. {@code async-oracle.url}
   * @param reason what is wrong, never a password
   * @param cause the underlying error, or {@code null}
   */
  public InvalidAsyncOracleConfigurationException(String property, String reason, Throwable cause) {
    super("Invalid async-oracle configuration: " + property + ": " + reason, cause);
    this.property = property;
    this.reason = reason;
  }

  /**
   * Returns the property to fix.
   *
   * @return the full property name
   */
  public String getProperty() {
    return property;
  }

  /**
   * Returns what is wrong.
   *
   * @return the reason
   */
  public String getReason() {
    return reason;
  }
}
