package io.asyncoracle.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncOracleException;
import io.asyncoracle.DatabaseException;
import io.asyncoracle.PoolClosedException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLSyntaxErrorException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import oracle.jdbc.driver.OracleSQLException;
import org.junit.jupiter.api.Test;

class ErrorsTest {

  @Test
  void oraCodeIsReadFromAnOracleStyleMessage() {
    SQLException e = new SQLSyntaxErrorException("ORA-00942: table or view does not exist", "42000", 942);
    assertThat(Errors.oraCode(e)).isEqualTo("ORA-00942");
    assertThat(Errors.oraCode(new SQLException("failed: ORA-01017: invalid username/password; logon denied")))
        .isEqualTo("ORA-01017");
  }

  @Test
  void oraCodeComesFromTheErrorCodeOfOracleDriverErrors() {
    assertThat(Errors.oraCode(new OracleSQLException("table or view does not exist", "42000", 942)))
        .isEqualTo("ORA-00942");
    assertThat(Errors.oraCode(new OracleSQLException("Closed Connection", "08003", 17008)))
        .as("17xxx codes are the driver's own, not ORA errors").isNull();
  }

  @Test
  void oraCodeIsNullForOtherDatabases() {
    assertThat(Errors.oraCode(new SQLException("Table \"X\" not found", "42S02", 42102))).isNull();
    assertThat(Errors.oraCode(new SQLException((String) null))).isNull();
    assertThat(Errors.oraCode(new SQLException("ORA-123 is too short"))).isNull();
  }

  @Test
  void databaseKeepsTheCodesOfTheDriverError() {
    SQLException cause = new SQLSyntaxErrorException("ORA-00942: table or view does not exist\n", "42000", 942);
    DatabaseException e = Errors.database(cause);
    assertThat(e.errorCode()).isEqualTo(942);
    assertThat(e.sqlState()).isEqualTo("42000");
    assertThat(e.oraCode()).isEqualTo("ORA-00942");
    assertThat(e.getCause()).isSameAs(cause);
    assertThat(e.getMessage()).isEqualTo("ORA-00942: table or view does not exist");
  }

  @Test
  void lostConnectionsAreFatal() {
    assertThat(Errors.isFatal(new SQLRecoverableException("I/O error"))).isTrue();
    assertThat(Errors.isFatal(new SQLNonTransientConnectionException("closed"))).isTrue();
    assertThat(Errors.isFatal(new SQLException("connection failure", "08006"))).isTrue();
    assertThat(Errors.isFatal(new OracleSQLException("ORA-00028: your session has been killed", "61000", 28))).isTrue();
    assertThat(Errors.isFatal(new OracleSQLException("ORA-03113: end-of-file on communication channel", "61000", 3113)))
        .isTrue();
    assertThat(Errors.isFatal(new OracleSQLException("Closed Connection", null, 17008))).isTrue();
  }

  @Test
  void fatalCausesAreFoundThroughWrappers() {
    assertThat(Errors.isFatal(new CompletionException(new SQLRecoverableException("gone")))).isTrue();
    assertThat(Errors.isFatal(new IllegalStateException(new SQLRecoverableException("gone")))).isTrue();
    assertThat(Errors.isFatal(new ExecutionException(new SQLException("x", "08003")))).isTrue();
  }

  @Test
  void statementErrorsAreNotFatal() {
    assertThat(Errors.isFatal(new SQLSyntaxErrorException("ORA-00942", "42000", 942))).isFalse();
    assertThat(Errors.isFatal(new OracleSQLException("ORA-00001: unique constraint violated", "23000", 1))).isFalse();
    assertThat(Errors.isFatal(new SQLException("no state"))).isFalse();
    assertThat(Errors.isFatal(new SQLException("a non-Oracle 28", "HY000", 28))).as("codes only count for Oracle")
        .isFalse();
    assertThat(Errors.isFatal(new IllegalArgumentException("bad"))).isFalse();
  }

  @Test
  void mapTurnsDriverErrorsIntoDatabaseExceptions() {
    SQLException cause = new SQLException("boom", "42000", 1);
    assertThat(Errors.map(new CompletionException(cause))).isInstanceOfSatisfying(DatabaseException.class,
        e -> assertThat(e.getCause()).isSameAs(cause));
  }

  @Test
  void mapKeepsOurOwnAndTheApplicationsExceptions() {
    PoolClosedException ours = new PoolClosedException("closed");
    assertThat(Errors.map(new CompletionException(ours))).isSameAs(ours);
    IllegalStateException application = new IllegalStateException("mapper");
    assertThat(Errors.map(application)).isSameAs(application);
  }

  @Test
  void mapWrapsCheckedNonDriverErrors() {
    IOException io = new IOException("disk");
    assertThat(Errors.map(io)).isInstanceOf(AsyncOracleException.class).hasCause(io).hasMessageContaining("disk");
  }

  @Test
  void failureKeepsJvmErrorsAsTheyAreAndMapNeverThrowsThem() {
    // A mapper that threw would leave the future it was completing incomplete for good.
    StackOverflowError error = new StackOverflowError();
    assertThat(Errors.failure(new CompletionException(error))).isSameAs(error);
    assertThat(Errors.map(error)).isInstanceOf(AsyncOracleException.class).hasCause(error);
    SQLException sql = new SQLException("x");
    assertThat(Errors.failure(sql)).isInstanceOf(DatabaseException.class).hasCause(sql);
  }

  @Test
  void unwrapStripsFutureWrappersOnly() {
    SQLException cause = new SQLException("x");
    assertThat(Errors.unwrap(new CompletionException(new ExecutionException(cause)))).isSameAs(cause);
    RuntimeException plain = new RuntimeException(cause);
    assertThat(Errors.unwrap(plain)).isSameAs(plain);
  }
}
