package io.asyncoracle.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncoracle.InvalidArgumentException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bind lexer, on the cases of python-oracledb's own SQL parser tests (test_5200) and on what
 * other databases write ({@code ::} casts).
 */
class SqlBindsTest {

  private static List<String> names(String sql) {
    return SqlBinds.parse(sql).names;
  }

  private static List<String> unique(String sql) {
    return SqlBinds.parse(sql).unique;
  }

  @Test
  void findsNamedAndNumberedPlaceholdersInOrder() {
    assertThat(names("select * from t where a = :a and b = :B_2$# or c = :1")).containsExactly("A", "B_2$#", "1");
    assertThat(names("select :a / :b, :c / :d from dual")).containsExactly("A", "B", "C", "D");
    assertThat(names("(select :a from dual) union (select :b from dual)")).containsExactly("A", "B");
    assertThat(names("select :méil$ from dual")).containsExactly("MÉIL$");
    assertThat(names("select 1 from dual")).isEmpty();
  }

  @Test
  void unquotedNamesAreCaseInsensitiveQuotedOnesExact() {
    assertThat(unique("select :id, :ID, :Id from dual")).containsExactly("ID");
    assertThat(names("select \"/*_value1\" + : \"VaLue_2\" + :\"*/3VALUE\" from dual"))
        .containsExactly("VaLue_2", "*/3VALUE");
    assertThat(names("select :\"percent%\", :  \"per % cent\", :\"more :: %colons%\", :\"col:ons\" from dual"))
        .containsExactly("percent%", "per % cent", "more :: %colons%", "col:ons");
    assertThat(SqlBinds.parse("select :\"Mixed\", :low from dual").spellings).as("as written, for ojdbc")
        .containsExactly("\"Mixed\"", "low");
  }

  @Test
  void ignoresLiteralsQuotedIdentifiersAndComments() {
    assertThat(names("--begin :value2 := :a + :b; end;\nbegin :value2 := :a + :c +3; end; -- not a :bind"))
        .containsExactly("VALUE2", "A", "C");
    assertThat(names("/*--select * from :a where :a = 1\nselect * from t where :a = 1*/\nselect :table_name, :value from dual"))
        .containsExactly("TABLE_NAME", "VALUE");
    assertThat(names("/****--select :a\n where :a = 1****/\nselect :x from dual")).containsExactly("X");
    assertThat(names("begin :value := to_date('20021231 12:31:00', :format); end;")).containsExactly("VALUE", "FORMAT");
    assertThat(names("select '\"string_1\"', :bind_1, ':string_2' from dual")).containsExactly("BIND_1");
    assertThat(names("select 'it''s :no', :yes from dual")).containsExactly("YES");
    assertThat(names("select \":test\", :a from dual")).containsExactly("A");
    assertThat(names("select /* ' comment 1 */ :a, /* \"comment \" 2 ' */:b /* comment 3 '*/, :c /* c4 \"\"*/ from dual"))
        .containsExactly("A", "B", "C");
    assertThat(names("select /* comment 1 with /* */ :a, /* 2 with another /* */ :b /* 3 * * * / */, :c from dual"))
        .containsExactly("A", "B", "C");
  }

  @Test
  void ignoresQStrings() {
    assertThat(names("select :a, q'{has ' and \" and : ok}', :b, q'[has ' and : ok]', :c, q'<' : >', :d,"
        + " q'(' : )', :e, Q'$' : $', :f from dual")).containsExactly("A", "B", "C", "D", "E", "F");
    assertThat(names("select nq'[:no]', n':no', :yes from dual")).containsExactly("YES");
  }

  @Test
  void leavesCastsAssignmentsAndJsonColonsAlone() {
    assertThat(names("select x::int, :y from t")).as("a cast elsewhere").containsExactly("Y");
    assertThat(names("begin :v := :a + 1; end;")).containsExactly("V", "A");
    assertThat(names("begin :value2 :=\n   :a  + :b  +   :c +:a +3; end;")).containsExactly("VALUE2", "A", "B", "C", "A");
    assertThat(names("select json_object('foo':dummy), :bv1, json { 'key1': 57, 'key2' : 58 }, :bv4 from dual"))
        .containsExactly("BV1", "BV4");
    assertThat(names("select to_char(sysdate, 'HH24:MI') from dual")).isEmpty();
    assertThat(names("select a from t where b = :")).as("a lone colon").isEmpty();
    assertThat(names("select a from t where b = : c")).as("whitespace may follow the colon").containsExactly("C");
  }

  @Test
  void ddlHasNoBinds() {
    SqlBinds trigger = SqlBinds.parse("create or replace trigger t before insert on x for each row begin :new.id := 1; end;");
    assertThat(trigger.named()).isFalse();
    assertThat(trigger.keyword).isEqualTo("CREATE");
  }

  @Test
  void countsQuestionMarksAsBefore() {
    assertThat(SqlBinds.parse("select '?', \"?\", q'[?]' /* ? */ from t where x = ? -- ?\n and y = ?").questionMarks)
        .isEqualTo(2);
    assertThat(SqlBinds.parse("select ? from dual").named()).isFalse();
  }

  @Test
  void sqlBindsEachOccurrencePlsqlEachName() {
    SqlBinds sql = SqlBinds.parse("select * from t where a = :x or b = :x or c = :y");
    assertThat(sql.plsql).isFalse();
    assertThat(sql.positionalCount()).isEqualTo(3);
    assertThat(sql.positionalToRewritten(new Object[] {1, 2, 3})).containsExactly(1, 2, 3);
    SqlBinds block = SqlBinds.parse("  BEGIN :x := :y + :x; END;");
    assertThat(block.plsql).isTrue();
    assertThat(block.keyword).isEqualTo("BEGIN");
    assertThat(block.positionalCount()).isEqualTo(2);
    assertThat(block.positionalToRewritten(new Object[] {"x", "y"})).containsExactly("x", "y", "x");
    assertThat(SqlBinds.parse("declare v number; begin :a := 1; end;").plsql).isTrue();
    assertThat(SqlBinds.parse("call p(:a)").plsql).isTrue();
  }

  @Test
  void rewritesPlaceholdersToQuestionMarksLeavingTheRestAlone() {
    assertThat(SqlBinds.parse("select ':a', :a, \":b\" /* :c */ from t where x::text = :\"Q q\" -- :d\n or y = :1")
        .rewritten).isEqualTo("select ':a', ?, \":b\" /* :c */ from t where x::text = ? -- :d\n or y = ?");
    assertThat(SqlBinds.parse("select : name from dual").rewritten).isEqualTo("select ? from dual");
  }

  @Test
  void valuesByNameBindEveryOccurrenceAndNameWhatIsMissingOrUnknown() {
    SqlBinds binds = SqlBinds.parse("select * from t where a = :id or b = :ID or c = :\"Name\"");
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("id", 7);
    params.put("Name", "n");
    Object[] values = binds.valuesByName(params);
    assertThat(values).containsExactly(7, "n");
    assertThat(binds.uniqueToRewritten(values)).containsExactly(7, 7, "n");
    assertThat(binds.valuesByName(Map.of("ID", 1, "\"Name\"", 2))).containsExactly(1, 2);

    assertThatThrownBy(() -> binds.valuesByName(Map.of("id", 1)))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("params"))
        .hasMessageContaining(":Name");
    assertThatThrownBy(() -> binds.valuesByName(Map.of("id", 1, "Name", 2, "extra", 3)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining(":extra");
    assertThatThrownBy(() -> binds.valuesByName(Map.of("id", 1, "name", 2))).as("a quoted name is exact")
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining(":name");
  }

  @Test
  void byNamePlansForOracleKeepTheTextAndEverySpelling() {
    SqlBinds binds = SqlBinds.parse("select :a, :A, :b from dual");
    BindPlan oracle = BindPlan.byName("select :a, :A, :b from dual", binds, Map.of("a", 1, "b", 2), true);
    assertThat(oracle.sql).isEqualTo("select :a, :A, :b from dual");
    assertThat(oracle.byName()).isTrue();
    assertThat(oracle.values).containsExactly(1, 2);
    BindPlan other = BindPlan.byName("select :a, :A, :b from dual", binds, Map.of("a", 1, "b", 2), false);
    assertThat(other.sql).isEqualTo("select ?, ?, ? from dual");
    assertThat(other.byName()).isFalse();
    assertThat(other.values).containsExactly(1, 1, 2);
    assertThatThrownBy(() -> BindPlan.byName("select 1 from dual", SqlBinds.parse("select 1 from dual"),
        Map.of("x", 1), false)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining(":x");
  }

  @Test
  void executeManyInfersTheTypeOfNullsFromTheColumn() {
    List<Object[]> rows = List.of(new Object[] {null, null, "a"}, new Object[] {null, 5, null},
        new Object[] {java.time.LocalDate.of(2020, 1, 1), 6, "b"});
    java.sql.SQLType[] types = BatchStatements.typesForNulls(rows, null);
    assertThat(types).containsExactly(java.sql.JDBCType.DATE, java.sql.JDBCType.NUMERIC, java.sql.JDBCType.VARCHAR);
    assertThat(BatchStatements.typesForNulls(List.<Object[]>of(new Object[] {1, "x"}), null)).as("no nulls: nothing to do")
        .isNull();
    java.sql.SQLType[] given = {java.sql.JDBCType.DECIMAL, null, null};
    assertThat(BatchStatements.typesForNulls(rows, given)).containsExactly(java.sql.JDBCType.DECIMAL,
        java.sql.JDBCType.NUMERIC, java.sql.JDBCType.VARCHAR);
  }
}
