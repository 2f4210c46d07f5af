package io.asyncoracle.internal;

import io.asyncoracle.AsyncOracleException;
import io.asyncoracle.DatabaseException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one place that turns driver errors into async-oracle's exceptions. */
public final class Errors {

  private static final Pattern ORA_CODE = Pattern.compile("\\b(ORA-\\d{5})\\b");

  /**
   * Oracle errors after which the session is gone, so the connection must not return to the pool:
   * ORA-00028 session killed, ORA-01012 not logged on, ORA-01033/01034/01089/01092 instance down,
   * ORA-03113/03114/03135 end-of-file/lost contact, ORA-12153 not connected, and the driver's own
   * 17002 (I/O error), 17008 (closed connection), 17410 (no more data from socket).
   */
  private static final Set<Integer> FATAL_ORACLE_CODES =
      Set.of(28, 1012, 1033, 1034, 1089, 1092, 3113, 3114, 3135, 12153, 17002, 17008, 17410);

  private Errors() {
  }

  /**
   * Maps any error raised while running a call to what the application sees.
   *
   * @param error the error
   * @return an {@link AsyncOracleException}, or the application's own unchecked exception unchanged
   */
  public static RuntimeException map(Throwable error) {
    Throwable e = unwrap(error);
    if (e instanceof AsyncOracleException ours) {
      return ours;
    }
    if (e instanceof SQLException sql) {
      return database(sql);
    }
    if (e instanceof RuntimeException runtime) {
      // Thrown by application code (a RowMapper, a type handler): keep it as the application threw it.
      return runtime;
    }
    // Never thrown from here: a mapper runs where a future must still be completed.
    return new AsyncOracleException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
  }

  /**
   * What a future fails with when a call or a callback raised {@code error}: as {@link #map}, except
   * that an {@link Error} (an {@code AssertionError} in application code, a
   * {@code StackOverflowError} in a row mapper) is the failure itself, never wrapped nor rethrown,
   * so the future still completes and the application sees what it threw.
   *
   * @param error the error
   * @return the failure to complete the future with
   */
  public static Throwable failure(Throwable error) {
    Throwable e = unwrap(error);
    return e instanceof Error fatal ? fatal : map(e);
  }

  /**
   * Wraps a driver error, keeping its codes.
   *
   * @param e the driver error
   * @return the exception
   */
  public static DatabaseException database(SQLException e) {
    return new DatabaseException(String.valueOf(e.getMessage()).trim(), e, oraCode(e));
  }

  /**
   * Returns the {@code ORA-nnnnn} code of an error from Oracle's driver, or {@code null}.
   *
   * @param e the error
   * @return the code or {@code null}
   */
  public static String oraCode(SQLException e) {
    String message = e.getMessage();
    if (message != null) {
      Matcher m = ORA_CODE.matcher(message);
      if (m.find()) {
        return m.group(1);
      }
    }
    if (e.getClass().getName().startsWith("oracle.") && e.getErrorCode() > 0 && e.getErrorCode() < 17000) {
      return String.format("ORA-%05d", e.getErrorCode());
    }
    return null;
  }

  /**
   * Whether an error means the connection is no longer usable.
   *
   * @param e the error
   * @return {@code true} if the connection must be discarded
   */
  public static boolean isFatal(Throwable e) {
    Throwable cause = unwrap(e);
    while (cause != null) {
      if (cause instanceof SQLRecoverableException || cause instanceof SQLNonTransientConnectionException) {
        return true;
      }
      if (cause instanceof SQLException sql) {
        String state = sql.getSQLState();
        if (state != null && state.startsWith("08")) {
          return true;
        }
        if (cause.getClass().getName().startsWith("oracle.") && FATAL_ORACLE_CODES.contains(sql.getErrorCode())) {
          return true;
        }
      }
      cause = cause.getCause();
    }
    return false;
  }

  /**
   * Strips the wrappers {@link java.util.concurrent.CompletableFuture} adds.
   *
   * @param error the error
   * @return the real error
   */
  public static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
