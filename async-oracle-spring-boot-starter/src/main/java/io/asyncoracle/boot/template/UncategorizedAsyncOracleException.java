package io.asyncoracle.boot.template;

import io.asyncoracle.AsyncOracleException;
import org.springframework.dao.UncategorizedDataAccessException;

/**
 * An async-oracle error that fits no more specific {@link org.springframework.dao.DataAccessException}.
 * Its cause is the original {@link AsyncOracleException}.
 */
public class UncategorizedAsyncOracleException extends UncategorizedDataAccessException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param cause the original error
   */
  public UncategorizedAsyncOracleException(String message, AsyncOracleException cause) {
    super(message, cause);
  }
}
