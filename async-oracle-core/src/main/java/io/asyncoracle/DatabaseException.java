package io.asyncoracle;

import java.sql.SQLException;

/**
 * The database or the driver reported an error. Wraps the {@link SQLException} and keeps its
 * vendor error code, SQL state and, for Oracle, the {@code ORA-nnnnn} code.
 */
public class DatabaseException extends AsyncOracleException {

  private static final long serialVersionUID = 1L;

  /** The vendor error code. */
  private final int errorCode;
  /** The SQL state, or {@code null}. */
  private final String sqlState;
  /** The {@code ORA-nnnnn} code, or {@code null}. */
  private final String oraCode;

  /**
   * Creates the exception.
   *
   * @param message the driver's message
   * @param cause the driver error
   * @param oraCode the {@code ORA-nnnnn} code, or {@code null} when the error is not an Oracle one
   */
  public DatabaseException(String message, SQLException cause, String oraCode) {
    super(message, cause);
    this.errorCode = cause.getErrorCode();
    this.sqlState = cause.getSQLState();
    this.oraCode = oraCode;
  }

  /**
   * Returns the vendor error code ({@code 942} for {@code ORA-00942}).
   *
   * @return the vendor error code
   */
  public int errorCode() {
    return errorCode;
  }

  /**
   * Returns the SQL state, such as {@code 42000}.
   *
   * @return the SQL state, or {@code null} when the driver gave none
   */
  public String sqlState() {
    return sqlState;
  }

  /**
   * Returns the Oracle error code, such as {@code ORA-00942}.
   *
   * @return the {@code ORA-nnnnn} code, or {@code null} for a non-Oracle error
   */
  public String oraCode() {
    return oraCode;
  }

  /**
   * Returns the wrapped driver error.
   *
   * @return the {@link SQLException}
   */
  public SQLException sqlException() {
    return (SQLException) getCause();
  }
}
