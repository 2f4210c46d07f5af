package io.asyncoracle.boot.template;

import io.asyncoracle.AcquireTimeoutException;
import io.asyncoracle.AsyncOracleException;
import io.asyncoracle.CallTimeoutException;
import io.asyncoracle.DatabaseException;
import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.PoolClosedException;
import io.asyncoracle.PoolExhaustedException;
import io.asyncoracle.UnsupportedFeatureException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/**
 * Turns async-oracle's exceptions into Spring's {@link DataAccessException} hierarchy, so code
 * written against {@code JdbcTemplate} catches the same types.
 *
 * <ul>
 *   <li>{@link DatabaseException}: its {@link SQLException} goes through Spring's
 *   {@link SQLErrorCodeSQLExceptionTranslator} for the database in use (Oracle error codes such as
 *   ORA-00001 → {@code DuplicateKeyException}, ORA-00942 → {@code BadSqlGrammarException}), which
 *   falls back to {@link SQLExceptionSubclassTranslator} and the SQL state.</li>
 *   <li>{@link AcquireTimeoutException}, {@link PoolExhaustedException}:
 *   {@link CannotGetJdbcConnectionException}.</li>
 *   <li>{@link CallTimeoutException}: {@link QueryTimeoutException}.</li>
 *   <li>{@link PoolClosedException}: {@link DataAccessResourceFailureException}.</li>
 *   <li>{@link InvalidArgumentException}, {@link UnsupportedFeatureException}:
 *   {@link InvalidDataAccessApiUsageException}.</li>
 *   <li>any other {@link AsyncOracleException}: {@link UncategorizedAsyncOracleException}.</li>
 * </ul>
 * Every translated exception keeps the original as its cause, and its message names the operation
 * and the SQL ({@code "query; SQL [select ...]; ..."}), as {@code JdbcTemplate}'s do, never the
 * bind values. Other exceptions (the application's own, thrown from a row mapper or a
 * transaction's work) are returned unchanged.
 */
public final class AsyncOracleExceptionTranslator {

  private final SQLExceptionTranslator sqlTranslator;

  /**
   * Creates a translator for a database product, as Spring's {@code sql-error-codes.xml} names
   * them ({@code "Oracle"}, {@code "H2"}, …).
   *
   * @param databaseProductName the product name, or {@code null} to rely on exception subclasses
   *     and SQL states only
   */
  public AsyncOracleExceptionTranslator(String databaseProductName) {
    this(databaseProductName != null
        ? new SQLErrorCodeSQLExceptionTranslator(databaseProductName)
        : new SQLExceptionSubclassTranslator());
  }

  /**
   * Creates a translator that hands driver errors to a given {@link SQLExceptionTranslator}.
   *
   * @param sqlTranslator the translator for {@link SQLException}s
   */
  public AsyncOracleExceptionTranslator(SQLExceptionTranslator sqlTranslator) {
    this.sqlTranslator = sqlTranslator;
  }

  /**
   * Names the database product of a JDBC URL the way {@code sql-error-codes.xml} does.
   *
   * @param jdbcUrl the URL
   * @return {@code "Oracle"}, {@code "H2"}, or {@code null} when unknown
   */
  public static String databaseProductName(String jdbcUrl) {
    if (jdbcUrl == null) {
      return null;
    }
    if (jdbcUrl.startsWith("jdbc:oracle:")) {
      return "Oracle";
    }
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      return "H2";
    }
    return null;
  }

  /**
   * Translates an error.
   *
   * @param task what was being done, e.g. {@code "query"}, for the message
   * @param sql the SQL that failed, or {@code null}
   * @param error the error, possibly wrapped in {@link CompletionException}
   * @return the translated exception, or the unwrapped error itself when it is not
   *     async-oracle's (never {@code null})
   */
  public RuntimeException translate(String task, String sql, Throwable error) {
    Throwable e = unwrap(error);
    if (e instanceof DataAccessException done) {
      return done;
    }
    if (e instanceof DatabaseException db) {
      return translateSql(task, sql, db.sqlException(), db);
    }
    if (e instanceof SQLException sqlException) {
      return translateSql(task, sql, sqlException, sqlException);
    }
    String prefix = withSql(task, sql) + "; ";
    if (e instanceof AcquireTimeoutException || e instanceof PoolExhaustedException) {
      return withCause(new CannotGetJdbcConnectionException(prefix + e.getMessage()), e);
    }
    if (e instanceof CallTimeoutException) {
      return new QueryTimeoutException(prefix + e.getMessage(), e);
    }
    if (e instanceof PoolClosedException) {
      return new DataAccessResourceFailureException(prefix + e.getMessage(), e);
    }
    if (e instanceof InvalidArgumentException || e instanceof UnsupportedFeatureException) {
      return new InvalidDataAccessApiUsageException(prefix + e.getMessage(), e);
    }
    if (e instanceof AsyncOracleException ours) {
      return new UncategorizedAsyncOracleException(prefix + e.getMessage(), ours);
    }
    if (e instanceof RuntimeException runtime) {
      return runtime;
    }
    // An Error (or a checked throwable) is not translated; it is wrapped, never rethrown, since
    // translate runs where a future still has to be completed. The template fails its futures
    // with an Error itself (see failure).
    return new CompletionException(e);
  }

  /**
   * Appends the SQL to a message as {@code JdbcTemplate} does ({@code "...; SQL [select ...]"}):
   * the statement text only, never its bind values.
   *
   * @param message the message
   * @param sql the SQL, or {@code null}
   * @return the message with the SQL, or the message alone without SQL
   */
  public static String withSql(String message, String sql) {
    return sql == null ? message : message + "; SQL [" + sql + "]";
  }

  /**
   * What a template future fails with: the translated exception, or an {@link Error} the
   * application threw (an {@code AssertionError} in a transaction's work, say) exactly as thrown.
   *
   * @param task what was being done
   * @param sql the SQL, or {@code null}
   * @param error the error, possibly wrapped
   * @return the failure
   */
  Throwable failure(String task, String sql, Throwable error) {
    Throwable e = unwrap(error);
    return e instanceof Error fatal ? fatal : translate(task, sql, error);
  }

  private DataAccessException translateSql(String task, String sql, SQLException sqlException, Throwable original) {
    DataAccessException translated = sqlTranslator.translate(task, sql, sqlException);
    if (translated == null) {
      translated = new UncategorizedSQLException(task, sql, sqlException);
    }
    if (original != sqlException) {
      // Keep the core's DatabaseException (with its ORA- code) reachable for callers that want it.
      translated.addSuppressed(original);
    }
    return translated;
  }

  private static <E extends DataAccessException> E withCause(E exception, Throwable cause) {
    exception.initCause(cause);
    return exception;
  }

  private static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
