package io.asyncoracle;

import static io.asyncoracle.TestFutures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pipeline steps as python-oracledb's async pipeline tests (7600–7646) use them, on H2: named and
 * numbered binds in every step, {@code fetchmany} with zero rows, array sizes, row mappers,
 * keyword arguments, what each operation says it is, bind-free {@code executemany}, and
 * {@code fetch_decimals}.
 */
class PipelineParityTest {

  private AsyncPool pool;
  private AsyncConnection conn;

  @BeforeEach
  void openPool() {
    pool = TestDatabases.pool(1);
    conn = await(pool.acquire());
    await(conn.execute("create table temp(intcol number(9), stringcol1 varchar2(40))"));
    H2StoredCode.install(conn);
    await(conn.commit());
  }

  @AfterEach
  void closePool() {
    await(conn.close());
    await(pool.close(true, true));
  }

  private static List<Integer> ints(List<Row> rows) {
    return rows.stream().map(r -> r.get(0, Integer.class)).toList();
  }

  @Test
  void namedAndNumberedPlaceholdersBindInEveryStep() {
    // 7600, 7601, 7604, 7606: :1 by position, :val by name, on a driver without named binds.
    List<PipelineResult> results = await(conn.pipeline()
        .addExecute("insert into temp (intcol) values (:1)", 1)
        .addExecute("insert into temp (intcol) values (:val)", Map.of("val", 2))
        .addExecuteMany("insert into temp (intcol) values (:data)", List.of(Map.of("data", 4), Map.of("data", 5)))
        .addCommit()
        .addFetchAll("select intcol from temp order by intcol")
        .addFetchOne("select :1 from dual", 23)
        .addFetchOne("select :val from dual", Map.of("val", 5))
        .addFetchMany("select :1 from dual", 10, 1099)
        .addFetchMany("select :val from dual", 10, Map.of("val", 366))
        .addFetchAll("select intcol from temp where intcol > :low and intcol < :low + 3 order by intcol",
            Map.of("LOW", 1))
        .run());

    assertThat(ints(results.get(4).rows())).containsExactly(1, 2, 4, 5);
    assertThat(results.get(5).row().get(0, Integer.class)).isEqualTo(23);
    assertThat(results.get(6).row().get(0, Integer.class)).isEqualTo(5);
    assertThat(ints(results.get(7).rows())).containsExactly(1099);
    assertThat(ints(results.get(8).rows())).containsExactly(366);
    assertThat(ints(results.get(9).rows())).as("every occurrence of a name gets its value").containsExactly(2);
  }

  @Test
  void badNamedValuesAreRefusedWhenTheStepIsAdded() {
    Pipeline p = conn.pipeline();
    assertThatThrownBy(() -> p.addExecute("insert into temp (intcol) values (:val)", Map.of("other", 1)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("other");
    assertThatThrownBy(() -> p.addFetchOne("select :a, :b from dual", Map.of("a", 1)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining(":B");
    assertThatThrownBy(() -> p.addFetchOne("select :a from dual"))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("1 bind placeholder");
    assertThat(p.steps()).isEmpty();
  }

  @Test
  void fetchManyOfZeroRowsRunsTheQueryAndKeepsNoneAndNegativeCountsAreRefused() {
    // 7613.
    await(conn.executeMany("insert into temp (intcol) values (?)", List.of(List.of(1), List.of(2))));
    String sql = "select intcol from temp";
    Pipeline p = conn.pipeline().addFetchMany(sql, 0);
    assertThat(p.steps().get(0).statement()).isEqualTo(sql);
    assertThat(p.steps().get(0).numRows()).isZero();
    assertThatThrownBy(() -> p.addFetchMany(sql, -1)).isInstanceOfSatisfying(InvalidArgumentException.class,
        e -> assertThat(e.argument()).isEqualTo("numRows"));
    assertThatThrownBy(() -> p.addFetchMany(sql, -10)).isInstanceOf(InvalidArgumentException.class);

    PipelineResult result = await(p.run()).get(0);
    assertThat(result.rows()).isEmpty();
    assertThat(result.columns()).extracting(ColumnDescription::name).containsExactly("INTCOL");
    assertThat(await(conn.pipeline().addFetchMany("select * from no_such_table", 0).run(true)).get(0).error())
        .as("zero rows still runs the query").isInstanceOf(DatabaseException.class);
  }

  @Test
  void fetchStepsTakeAnArraySizeAndARowMapper() {
    // 7602, 7603, 7605, 7608, 7638.
    await(conn.executeMany("insert into temp values (:int, :str)",
        List.of(Map.of("int", 29, "str", "Feb"), Map.of("int", 4, "str", "Monday"), Map.of("int", 3, "str", "Mac"))));
    RowMapper<Map<String, Object>> asMap = row -> Map.of("INT", row.get(0, Integer.class), "STRING", row.get(1));
    String sql = "select intcol, stringcol1 from temp order by intcol";
    Pipeline p = conn.pipeline()
        .addFetchAll(sql, List.of(), 1, null)
        .addFetchAll("select intcol from temp where intcol > :x order by intcol", Map.of("x", 3), 4, null)
        .addFetchAll(sql)
        .addFetchAll(sql, asMap)
        .addFetchOne(sql, asMap)
        .addFetchMany(sql, 2, asMap)
        .addFetchMany("select intcol, stringcol1 from temp where intcol = :i", 5, asMap, Map.of("i", 29))
        .addFetchMany(sql);

    List<PipelineStep> steps = p.steps();
    assertThat(steps).extracting(PipelineStep::arraySize).containsExactly(1, 4, 100, 100, 0, 0, 0, 0);
    assertThat(steps).extracting(PipelineStep::numRows)
        .containsExactly(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, 1, 2, 5, 100);
    assertThat(steps.get(3).rowMapper()).isSameAs(asMap);
    assertThat(steps.get(0).rowMapper()).isNull();

    List<PipelineResult> results = await(p.run());
    assertThat(ints(results.get(0).rows())).containsExactly(3, 4, 29);
    assertThat(ints(results.get(1).rows())).containsExactly(4, 29);
    assertThat(ints(results.get(2).rows())).containsExactly(3, 4, 29);
    assertThat(results.get(2).mappedRows()).as("without a mapper: the rows").isEqualTo(List.copyOf(results.get(2).rows()));
    assertThat(results.get(3).mappedRows()).containsExactly(Map.of("INT", 3, "STRING", "Mac"),
        Map.of("INT", 4, "STRING", "Monday"), Map.of("INT", 29, "STRING", "Feb"));
    assertThat(results.get(4).mappedRows(Map.class)).containsExactly(Map.of("INT", 3, "STRING", "Mac"));
    assertThat(results.get(5).mappedRows()).containsExactly(Map.of("INT", 3, "STRING", "Mac"),
        Map.of("INT", 4, "STRING", "Monday"));
    assertThat(results.get(6).mappedRows()).containsExactly(Map.of("INT", 29, "STRING", "Feb"));
    assertThat(results.get(6).rows()).hasSize(1);
    assertThat(ints(results.get(7).rows())).containsExactly(3, 4, 29);

    assertThatThrownBy(() -> conn.pipeline().addFetchAll(sql, List.of(), 0, null))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("arraySize"));
    assertThatThrownBy(() -> conn.pipeline().addFetchOne(sql, (RowMapper<?>) null))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void aFailingRowMapperFailsItsStepOnly() {
    List<PipelineResult> results = await(conn.pipeline()
        .addFetchOne("select 1 from dual", row -> {
          throw new IllegalStateException("mapper broke");
        })
        .addFetchOne("select 2 from dual")
        .run(true));
    assertThat(results.get(0).error()).hasMessageContaining("mapper broke");
    assertThat(results.get(1).row().get(0, Integer.class)).isEqualTo(2);
  }

  @Test
  void callsTakeKeywordParameters() {
    // 7609, 7611, 7612: H2 names a Java alias's parameters P1, P2, ...
    List<PipelineResult> results = await(conn.pipeline()
        .addCallFunc("GREET", String.class, List.of("Hello"), Map.of("P2", "Ada"))
        .addCallFunc("GREET", String.class, null, Map.of("p1", "Hi", "P2", "Grace"))
        .addCallProc("ADD_ITEM", List.of(), Map.of("P1", 5, "P2", "five"))
        .addCallProc("ADD_ITEM", List.of(6), Map.of("P2", "six"))
        .run(true));
    assertThat(results.get(0).returnValue()).isEqualTo("Hello, Ada!");
    assertThat(results.get(1).returnValue()).isEqualTo("Hi, Grace!");
    assertThat(results.get(2).failed()).as("ADD_ITEM inserts into item, which this test has not").isTrue();

    await(conn.execute("create table item(id number primary key, label varchar2(20))"));
    List<PipelineResult> again = await(conn.pipeline()
        .addCallProc("ADD_ITEM", List.of(), Map.of("P1", 5, "P2", "five"))
        .addCallProc("ADD_ITEM", List.of(6), Map.of("P2", "six"))
        .addFetchAll("select label from item order by id")
        .run());
    assertThat(again.get(1).returnValue()).isEqualTo(List.of(6, "six"));
    assertThat(again.get(2).rows()).extracting(r -> r.get(0)).containsExactly("five", "six");

    assertThatThrownBy(() -> conn.pipeline().addCallProc("ADD_ITEM", List.of(), Map.of("x; drop", 1)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("not a parameter name");
  }

  @Test
  void eachStepSaysWhatItIs() {
    // 7607, 7609, 7610, 7611, 7621: python-oracledb's PipelineOp attributes.
    Map<String, Object> keywords = Map.of("P2", "Ada");
    RowMapper<String> label = row -> String.valueOf(row.get(0));
    Pipeline p = conn.pipeline()
        .addExecute("insert into temp (intcol) values (?)", 1)
        .addExecute("insert into temp (intcol) values (:v)", Map.of("v", 2))
        .addExecuteMany("insert into temp (intcol) values (?)", List.of(List.of(3), List.of(4)))
        .addExecuteMany("insert into temp (intcol) values (9)", 3)
        .addCommit()
        .addFetchOne("select intcol from temp", label)
        .addFetchMany("select intcol from temp", 7)
        .addFetchAll("select intcol from temp")
        .addCallProc("ADD_ITEM", 1, "a")
        .addCallFunc("GREET", String.class, List.of("Hello"), keywords);

    List<PipelineStep> steps = p.steps();
    assertThat(steps).extracting(PipelineStep::operation).containsExactlyElementsOf(p.operations());
    assertThat(p.operations()).containsExactly(PipelineOperation.EXECUTE, PipelineOperation.EXECUTE,
        PipelineOperation.EXECUTE_MANY, PipelineOperation.EXECUTE_MANY, PipelineOperation.COMMIT,
        PipelineOperation.FETCH_ONE, PipelineOperation.FETCH_MANY, PipelineOperation.FETCH_ALL,
        PipelineOperation.CALL_PROC, PipelineOperation.CALL_FUNC);

    assertThat(steps.get(0).statement()).isEqualTo("insert into temp (intcol) values (?)");
    assertThat(steps.get(0).parameters()).containsExactly(1);
    assertThat(steps.get(0).namedParameters()).isNull();
    assertThat(steps.get(1).statement()).as("the SQL as given, not as rewritten for H2")
        .isEqualTo("insert into temp (intcol) values (:v)");
    assertThat(steps.get(1).parameters()).isEmpty();
    assertThat(steps.get(1).namedParameters()).isEqualTo(Map.of("v", 2));
    assertThat(steps.get(2).parameters()).containsExactly(List.of(3), List.of(4));
    assertThat(steps.get(2).iterations()).isEqualTo(2);
    assertThat(steps.get(3).iterations()).isEqualTo(3);
    assertThat(steps.get(4).statement()).isNull();
    assertThat(steps.get(5).numRows()).isEqualTo(1);
    assertThat(steps.get(5).rowMapper()).isSameAs(label);
    assertThat(steps.get(6).numRows()).isEqualTo(7);

    PipelineStep proc = steps.get(8);
    assertThat(proc.name()).isEqualTo("ADD_ITEM");
    assertThat(proc.statement()).isNull();
    assertThat(proc.parameters()).containsExactly(1, "a");
    assertThat(proc.keywordParameters()).isNull();
    assertThat(proc.arraySize()).isZero();
    assertThat(proc.numRows()).isZero();
    assertThat(proc.returnType()).isNull();

    PipelineStep func = steps.get(9);
    assertThat(func.name()).isEqualTo("GREET");
    assertThat(func.returnType()).isEqualTo(String.class);
    assertThat(func.parameters()).containsExactly("Hello");
    assertThat(func.keywordParameters()).isEqualTo(keywords);
    assertThat(p).hasToString("Pipeline with 10 operations");
    assertThatThrownBy(() -> steps.get(0).parameters().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void executeManyWithACountRunsABindFreeStatementThatManyTimes() {
    // 7627.
    List<PipelineResult> results = await(conn.pipeline()
        .addExecuteMany("insert into temp (intcol) values (1)", 4)
        .addExecuteMany("insert into temp (intcol) values (2)", 0)
        .addCommit()
        .addFetchAll("select intcol from temp order by intcol")
        .run());
    assertThat(results.get(0).rowCount()).isEqualTo(4);
    assertThat(results.get(1).rowCount()).isZero();
    assertThat(ints(results.get(3).rows())).containsExactly(1, 1, 1, 1);
    assertThatThrownBy(() -> conn.pipeline().addExecuteMany("insert into temp (intcol) values (1)", -1))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("numIterations"));
    assertThatThrownBy(() -> conn.pipeline().addExecuteMany("insert into temp (intcol) values (?)", 2))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void fetchStepsFetchDecimalsAsTheConnectionSaysWhenTheyAreAdded() {
    // 7637, 7645, 7646: the setting when the step is added counts, as python-oracledb's defaults.
    await(conn.execute("insert into temp (intcol) values (7637)"));
    conn.setFetchDecimals(true);
    Pipeline p = conn.pipeline()
        .addFetchOne("select intcol, 7637, count(*) from temp group by intcol")
        .addFetchMany("select intcol from temp", 5)
        .addFetchAll("select intcol from temp");
    conn.setFetchDecimals(false);
    p.addFetchOne("select intcol, 7637, count(*) from temp group by intcol");

    assertThat(p.steps()).extracting(PipelineStep::fetchDecimals).containsExactly(true, true, true, false);
    List<PipelineResult> results = await(p.run());
    assertThat(results.get(0).row().get(0)).isEqualTo(new BigDecimal("7637"));
    assertThat(results.get(0).row().get(1)).as("an integer expression too").isEqualTo(new BigDecimal("7637"));
    assertThat(results.get(0).row().get(2)).isEqualTo(BigDecimal.ONE);
    assertThat(results.get(1).rows().get(0).get(0)).isInstanceOf(BigDecimal.class);
    assertThat(results.get(2).rows().get(0).get(0)).isInstanceOf(BigDecimal.class);
    assertThat(results.get(3).row().get(1)).as("off: the driver's own type").isEqualTo(7637);
    assertThat(results.get(3).row().get(2)).isEqualTo(1L);
  }
}
