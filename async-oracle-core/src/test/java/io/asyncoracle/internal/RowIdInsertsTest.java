package io.asyncoracle.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which INSERTs a cursor prepares with {@code RETURN_GENERATED_KEYS}, against what ojdbc's own
 * generated-keys rewriter ({@code oracle.jdbc.driver.AutoKeyInfo}, called offline through
 * reflection) makes of them: it appends {@code RETURNING ROWID INTO ?} to every INSERT.
 */
class RowIdInsertsTest {

  /** The text ojdbc sends for an INSERT prepared with {@code RETURN_GENERATED_KEYS}. */
  private static String ojdbcRewrite(String sql) throws Exception {
    Class<?> type = Class.forName("oracle.jdbc.driver.AutoKeyInfo");
    Method create = type.getDeclaredMethod("create", String.class, int.class);
    create.setAccessible(true);
    Method newSql = type.getDeclaredMethod("getNewSql");
    newSql.setAccessible(true);
    return (String) newSql.invoke(create.invoke(null, sql, Statement.RETURN_GENERATED_KEYS));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "insert into t values (1)",
      "INSERT INTO t (a, b) VALUES (:a, 'x, (y)')",
      "insert /*+ append */ into s.t values (?, ?)",
      "insert into t values ((select max(id) + 1 from t))",
      "insert into t(a) values (q'[ ) select ]')",
      "insert into (select a from t) values (1)",
  })
  void singleRowValuesAskForTheRowId(String sql) throws Exception {
    assertThat(RowIdInserts.singleRowValues(sql)).isTrue();
    // What ojdbc then sends: one row, one RETURNING clause, which Oracle accepts.
    // (The marker is a named one, :n, when the text binds by name.)
    assertThat(ojdbcRewrite(sql)).matches(java.util.regex.Pattern.quote(sql) + " RETURNING ROWID INTO (\\?|:\\d+)");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "insert into t select * from s",
      "insert into t (a) (select 1 from dual)",
      "insert into t with q as (select 1 a from dual) select a from q",
      "insert all into t values (1) into t values (2) select * from dual",
      "insert first when 1 = 1 then into t values (1) select * from dual",
      "insert into t values (:a) returning id into :x",
      "insert into t values (1), (2)",
      "insert into t@remote values (1)",
      "insert into t values (1) log errors",
  })
  void otherInsertsRunAsWritten(String sql) throws Exception {
    assertThat(RowIdInserts.singleRowValues(sql)).isFalse();
    // Why: ojdbc would append the clause all the same, giving SQL that Oracle rejects.
    assertThat(ojdbcRewrite(sql)).matches(java.util.regex.Pattern.quote(sql) + " RETURNING ROWID INTO (\\?|:\\d+)");
  }
}
