package io.asyncoracle.internal;

import static io.asyncoracle.TestFutures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncOracle;
import io.asyncoracle.PipelineOperation;
import io.asyncoracle.PipelineStep;
import io.asyncoracle.TestDatabases;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oracle.jdbc.ErrorSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The library's bind placeholders against ojdbc's own parser ({@link OjdbcParser}): what the
 * library binds on an Oracle connection must be what the driver counts, or Oracle answers
 * ORA-17041 ("Missing IN or OUT parameter at index") or binds nothing at all.
 */
class OracleSqlParityTest {

  /** Texts whose placeholders the library's lexer and ojdbc's parser must read alike. */
  @ParameterizedTest
  @ValueSource(strings = {
      "select :a, :b, :a from dual",
      "begin p(:a, :b, :a); end;",
      "call p(:a,:a)",
      "declare v number := :a; begin p(:a); end;",
      "begin :out := f(:in); end;",
      "select json_object('a' : x) from t where y = :y",
      "select a::int from t where b = :b",
      "begin x := :v; end;",
      "select q'[:a]' from dual where x = :x",
      "select /* :c */ 1 from dual where x = :x -- :d\n and y = :y",
      "select : a from dual",
      "select :1, :2, :1 from dual",
      "select :a$#_1 from dual",
      "create trigger tr before insert on t for each row begin :new.id := 1; end;",
      "select \"COL:X\" from t where y = :y",
      "select n'a:b' from t where y = :y",
      "select :A, :a from dual",
      "select x from t where d = to_date(:d, 'HH24:MI:SS')",
      "with q as (select :a a from dual) select * from q where a = :a",
      "select 'it''s :x' from dual where y = :y",
  })
  void theLexerFindsTheParametersOjdbcFinds(String sql) {
    assertThat(SqlBinds.parse(sql).spellings).isEqualTo(OjdbcParser.parameters(sql));
  }

  @Test
  void ojdbcDoesNotSeeQuotedNamesAsBinds() {
    // Why quoted names are sent rewritten: the driver's parser counts nothing to bind.
    assertThat(OjdbcParser.parameters("select :\"Quoted Name\" from dual")).isEmpty();
    assertThat(SqlBinds.parse("select :\"Quoted Name\" from dual").hasQuotedNames()).isTrue();
  }

  /** Texts with repeated or quoted names, and one value per name (PL/SQL) or per occurrence (SQL). */
  private static final Map<String, Object[]> POSITIONAL = new LinkedHashMap<>();

  static {
    POSITIONAL.put("begin p(:a, :b, :a); end;", new Object[] {1, 2});
    POSITIONAL.put("call p(:a,:a)", new Object[] {1});
    POSITIONAL.put("declare v number := :a; begin p(:a, :B, :b); end;", new Object[] {1, 2});
    POSITIONAL.put("begin p(:1, :1); end;", new Object[] {7});
    POSITIONAL.put("select :a, :b, :a from dual", new Object[] {1, 2, 3});
    POSITIONAL.put("select :\"Quoted Name\" from dual", new Object[] {1});
    POSITIONAL.put("begin p(:\"x\", :y, :\"x\"); end;", new Object[] {1, 2});
  }

  @Test
  void positionalValuesFillEveryPositionOjdbcCounts() throws Exception {
    for (Map.Entry<String, Object[]> e : POSITIONAL.entrySet()) {
      String sql = e.getKey();
      SqlBinds binds = SqlText.checkStatement(sql, e.getValue().length);
      BindPlan plan = BindPlan.positional(sql, binds, e.getValue(), true);
      List<OjdbcParser.Binds> made = new ArrayList<>();
      plan.bind(OjdbcParser.statement(plan.sql, made), plan.values, null, null);
      OjdbcParser.Binds bound = made.get(0);
      assertThat(bound.parameters).as("%s: something to bind", sql).isNotEmpty();
      assertThat(bound.missing()).as("%s: positions ojdbc would find unbound (ORA-17041)", sql).isEmpty();
    }
  }

  @Test
  void aPlsqlValueIsBoundAtEachOccurrenceOfItsName() throws Exception {
    String sql = "begin p(:a, :b, :a); end;";
    BindPlan plan = BindPlan.positional(sql, SqlText.checkStatement(sql, 2), new Object[] {"A", "B"}, true);
    List<OjdbcParser.Binds> made = new ArrayList<>();
    plan.bind(OjdbcParser.statement(plan.sql, made), plan.values, null, null);
    assertThat(plan.sql).as("sent as written").isEqualTo(sql);
    assertThat(made.get(0).current).containsExactly("A", "B", "A");
  }

  @Test
  void quotedNamesAreBoundThroughTheRewrittenText() throws Exception {
    String sql = "select :\"Quoted Name\", :b, :\"Quoted Name\" from dual";
    BindPlan plan = BindPlan.byName(sql, SqlText.checkText(sql), Map.of("\"Quoted Name\"", 1, "b", 2), true);
    List<OjdbcParser.Binds> made = new ArrayList<>();
    plan.bind(OjdbcParser.statement(plan.sql, made), plan.values, null, null);
    assertThat(made.get(0).missing()).isEmpty();
    assertThat(made.get(0).current).containsExactly(1, 2, 1);
  }

  @Test
  void valuesByNameFillEveryPositionOjdbcCounts() throws Exception {
    String[] texts = {
        "begin p(:a, :b, :a); end;", "select :a, :A from dual where x = :a", "call p(:x, :x)",
        "begin p(:\"x\", :y, :\"x\"); end;"};
    for (String sql : texts) {
      SqlBinds binds = SqlText.checkText(sql);
      Map<String, Object> values = new LinkedHashMap<>();
      for (String name : binds.unique) {
        values.put(binds.hasQuotedNames() && !name.equals(name.toUpperCase()) ? "\"" + name + "\"" : name, name);
      }
      BindPlan plan = BindPlan.byName(sql, binds, values, true);
      List<OjdbcParser.Binds> made = new ArrayList<>();
      plan.bind(OjdbcParser.statement(plan.sql, made), plan.values, null, null);
      assertThat(made.get(0).missing()).as(sql).isEmpty();
    }
  }

  @Test
  void positionalInputSizesFollowTheirValues() {
    String sql = "begin p(:a, :b, :a); end;";
    BindPlan plan = BindPlan.positional(sql, SqlText.checkStatement(sql, 2), new Object[] {1, "x"}, true);
    assertThat(plan.positionalTypes(new java.sql.SQLType[] {java.sql.JDBCType.NUMERIC, java.sql.JDBCType.VARCHAR}))
        .containsExactly(java.sql.JDBCType.NUMERIC, java.sql.JDBCType.VARCHAR, java.sql.JDBCType.NUMERIC);
  }

  // ---- the pipeline binds with the plan -------------------------------------------------------

  /** Submits one step the way {@code OraclePipeline} does, on a connection that binds as ojdbc. */
  private static List<OjdbcParser.Binds> submitted(PipelineImpl.Step step) throws Exception {
    List<OjdbcParser.Binds> made = new ArrayList<>();
    oracle.jdbc.OracleConnection oc = (oracle.jdbc.OracleConnection) Proxy.newProxyInstance(
        OracleSqlParityTest.class.getClassLoader(), new Class<?>[] {oracle.jdbc.OracleConnection.class},
        (proxy, method, args) -> method.getName().equals("prepareStatement")
            ? OjdbcParser.statement((String) args[0], made) : null);
    AsyncConnection conn = await(AsyncOracle.connect("sa", "", TestDatabases.newUrl()));
    try {
      Method submit = OraclePipeline.class.getDeclaredMethod("submit", ConnectionImpl.class,
          oracle.jdbc.OracleConnection.class, PipelineImpl.Step.class, ErrorSet.class);
      submit.setAccessible(true);
      Object result = submit.invoke(null, conn, oc, step, ErrorSet.NO_ERRORS);
      java.lang.reflect.Field outcome = result.getClass().getDeclaredField("outcome");
      outcome.setAccessible(true);
      ((java.util.concurrent.CompletableFuture<?>) outcome.get(result)).join();
    } finally {
      await(conn.close());
    }
    return made;
  }

  @Test
  void pipelineRowsGivenByNameAreBoundByTheirNames() throws Exception {
    String sql = "insert into t values (:a, :b, :a)";
    BatchStatements.Batch batch = BatchStatements.checkBatch(sql, List.of(Map.of("a", 1, "b", 2), Map.of("a", 3, "b", 4)), true);
    PipelineStep op = new PipelineStep(PipelineOperation.EXECUTE_MANY, sql, null, List.of(), null, null, 0, 0, 2,
        null, null, false);
    List<OjdbcParser.Binds> made = submitted(new PipelineImpl.Step(op, batch.sql(), new Object[0], batch.plan(),
        batch));
    assertThat(made.get(0).rows).extracting(Arrays::asList)
        .containsExactly(Arrays.asList(1, 2, 1), Arrays.asList(3, 4, 3));
  }

  @Test
  void pipelinePlsqlStepsBindEveryOccurrence() throws Exception {
    String sql = "begin p(:a, :b, :a); end;";
    // Laid out as Pipeline.addExecute lays out a step: by the bind plan ojdbc's parser agrees with.
    Object[] args = {1, 2};
    BindPlan plan = BindPlan.positional(sql, SqlText.binds(sql), args, true);
    PipelineStep op = new PipelineStep(PipelineOperation.EXECUTE, sql, null, List.of(args), null, null, 0, 0, 0,
        null, null, false);
    List<OjdbcParser.Binds> made = submitted(new PipelineImpl.Step(op, plan.sql, plan.values, plan, null));
    assertThat(made.get(0).missing()).isEmpty();
    assertThat(made.get(0).current).containsExactly(1, 2, 1);
  }
}
