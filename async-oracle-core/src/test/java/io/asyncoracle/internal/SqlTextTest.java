package io.asyncoracle.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncoracle.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class SqlTextTest {

  @Test
  void countsQuestionMarkPlaceholders() {
    assertThat(SqlText.placeholders("select 1 from dual")).isZero();
    assertThat(SqlText.placeholders("insert into t values (?, ?, ?)")).isEqualTo(3);
    assertThat(SqlText.placeholders("select * from t where a = ? and b in (?,?)")).isEqualTo(3);
  }

  @Test
  void ignoresQuestionMarksInLiteralsIdentifiersAndComments() {
    assertThat(SqlText.placeholders("select '?', 'it''s ?' from t where x = ?")).isEqualTo(1);
    assertThat(SqlText.placeholders("select \"odd?name\" from t where y = ?")).isEqualTo(1);
    assertThat(SqlText.placeholders("select 1 -- why?\n from t where z = ?")).isEqualTo(1);
    assertThat(SqlText.placeholders("select /* ? ? */ 1 from t where z = ?")).isEqualTo(1);
    assertThat(SqlText.placeholders("select q'[what?]', q'{?}', Q'!?!' from t where z = ?")).isEqualTo(1);
  }

  @Test
  void reportsNamedBinds() {
    assertThat(SqlText.placeholders("select * from t where a = :a")).isEqualTo(SqlText.NAMED);
    assertThat(SqlText.placeholders("insert into t values (:1, :2)")).isEqualTo(SqlText.NAMED);
    assertThat(SqlText.placeholders("select ':a' from t")).as("inside a literal").isZero();
    assertThat(SqlText.placeholders("select to_char(sysdate, 'HH24:MI') from dual")).isZero();
  }

  @Test
  void checkStatementComparesParameterCounts() {
    SqlText.checkStatement("select ? from dual", 1);
    SqlText.checkStatement("select :a, :b from dual", 2);
    SqlText.checkStatement("begin :a := :b + :a; end;", 2);
    assertThatThrownBy(() -> SqlText.checkStatement("select :a, ? from dual", 1)).hasMessageContaining("mixes");
    assertThatThrownBy(() -> SqlText.checkStatement("select ? from dual", 0))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("params"))
        .hasMessage("statement has 1 bind placeholder but 0 parameters were given");
    assertThatThrownBy(() -> SqlText.checkStatement(null, 0))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("sql"));
    assertThatThrownBy(() -> SqlText.checkStatement("  ", 0))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("sql"));
  }

  @Test
  void acceptsStoredCodeNames() {
    for (String name : new String[] {"f", "pkg.fn", "schema.pkg.fn", "\"Mixed Case\".fn", "fn$x#1", "pkg.fn@remote_db",
        "DBMS_SESSION.SLEEP"}) {
      assertThat(SqlText.requireProcedureName(name)).isEqualTo(name);
    }
  }

  @Test
  void rejectsAnythingButANameSoNothingElseIsSplicedIntoTheCall() {
    for (String name : new String[] {"f; drop table x", "f(1)", "f --", "a.b.c.d", "1f", "", " f", "f()", "f'x'",
        "\"unterminated", "f/**/", "pkg.fn(?); delete from t; --"}) {
      assertThatThrownBy(() -> SqlText.requireProcedureName(name)).as(name)
          .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("name"));
    }
    assertThatThrownBy(() -> SqlText.requireProcedureName(null)).isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void detectsQueriesThatLockRows() {
    assertThat(SqlText.locksRows("select * from t for update")).isTrue();
    assertThat(SqlText.locksRows("SELECT * FROM t WHERE id = ? FOR\n UPDATE NOWAIT")).isTrue();
    assertThat(SqlText.locksRows("select * from t")).isFalse();
    assertThat(SqlText.locksRows("select last_update from t")).isFalse();
  }
}
