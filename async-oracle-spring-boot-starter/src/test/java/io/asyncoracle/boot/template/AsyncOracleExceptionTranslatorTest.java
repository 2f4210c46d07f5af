package io.asyncoracle.boot.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AcquireTimeoutException;
import io.asyncoracle.AsyncOracleException;
import io.asyncoracle.CallTimeoutException;
import io.asyncoracle.DatabaseException;
import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.PoolBusyException;
import io.asyncoracle.PoolClosedException;
import io.asyncoracle.PoolExhaustedException;
import io.asyncoracle.PoolStats;
import io.asyncoracle.UnsupportedFeatureException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class AsyncOracleExceptionTranslatorTest {

  private final AsyncOracleExceptionTranslator oracle = new AsyncOracleExceptionTranslator("Oracle");

  private static DatabaseException ora(int code, String state, String message) {
    String oraCode = String.format("ORA-%05d", code);
    return new DatabaseException(oraCode + ": " + message, new SQLException(oraCode + ": " + message, state, code), oraCode);
  }

  @Test
  void oracleErrorCodesMapToSpringExceptions() {
    assertThat(oracle.translate("update", "insert ...", ora(1, "23000", "unique constraint (APP.PK) violated")))
        .isInstanceOf(DuplicateKeyException.class);
    assertThat(oracle.translate("query", "select * from nope", ora(942, "42000", "table or view does not exist")))
        .isInstanceOf(BadSqlGrammarException.class)
        .satisfies(e -> assertThat(((BadSqlGrammarException) e).getSql()).isEqualTo("select * from nope"));
    assertThat(oracle.translate("update", "insert ...", ora(1400, "23000", "cannot insert NULL")))
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThat(oracle.translate("update", "update ...", ora(54, "61000", "resource busy and acquire with NOWAIT")))
        .isInstanceOf(CannotAcquireLockException.class);
  }

  @Test
  void keepsTheDriverErrorAsCauseAndTheCoreErrorAsSuppressed() {
    DatabaseException error = ora(942, "42000", "table or view does not exist");
    RuntimeException translated = oracle.translate("query", "select 1", new CompletionException(error));
    assertThat(translated.getCause()).isSameAs(error.sqlException());
    assertThat(translated.getSuppressed()).containsExactly(error);
    assertThat(((DatabaseException) translated.getSuppressed()[0]).oraCode()).isEqualTo("ORA-00942");
  }

  @Test
  void poolErrorsMapToSpringExceptions() {
    PoolStats stats = new PoolStats(1, 1, 0, 1, 1, 1);
    assertThat(oracle.translate("query", null, new AcquireTimeoutException("no connection", stats, null)))
        .isInstanceOf(CannotGetJdbcConnectionException.class).hasCauseInstanceOf(AcquireTimeoutException.class);
    assertThat(oracle.translate("query", null, new PoolExhaustedException("queue full")))
        .isInstanceOf(CannotGetJdbcConnectionException.class).hasCauseInstanceOf(PoolExhaustedException.class);
    assertThat(oracle.translate("query", null, new CallTimeoutException("too slow", Duration.ofSeconds(1), null)))
        .isInstanceOf(QueryTimeoutException.class);
    assertThat(oracle.translate("query", null, new PoolClosedException("closed")))
        .isInstanceOf(DataAccessResourceFailureException.class);
    assertThat(oracle.translate("query", null, new InvalidArgumentException("sql", "sql must not be null")))
        .isInstanceOf(InvalidDataAccessApiUsageException.class);
    assertThat(oracle.translate("query", null, new UnsupportedFeatureException("tpcBegin", "H2")))
        .isInstanceOf(InvalidDataAccessApiUsageException.class);
    assertThat(oracle.translate("close", null, new PoolBusyException("busy")))
        .isInstanceOf(UncategorizedAsyncOracleException.class).hasCauseInstanceOf(AsyncOracleException.class);
  }

  @Test
  void applicationExceptionsPassUnchanged() {
    IllegalStateException mine = new IllegalStateException("mine");
    assertThat(oracle.translate("query", null, new CompletionException(mine))).isSameAs(mine);
  }

  @Test
  void namesTheDatabaseProductOfAUrl() {
    assertThat(AsyncOracleExceptionTranslator.databaseProductName("jdbc:oracle:thin:@//db:1521/x")).isEqualTo("Oracle");
    assertThat(AsyncOracleExceptionTranslator.databaseProductName("jdbc:h2:mem:x")).isEqualTo("H2");
    assertThat(AsyncOracleExceptionTranslator.databaseProductName("jdbc:postgresql://x/y")).isNull();
  }
}
