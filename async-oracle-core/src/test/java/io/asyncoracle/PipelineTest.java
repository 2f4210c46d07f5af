package io.asyncoracle;

import static io.asyncoracle.TestFutures.await;
import static io.asyncoracle.TestFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pipelines on H2, which cannot pipeline: the steps run one after the other on the connection in
 * one call, and every result says {@code pipelined=false}. What a user sees must be the same as on
 * Oracle: results in order, failures that name the step, continueOnError, the call timeout over
 * the whole pipeline, cancel, and a clear failure on a closed connection.
 */
class PipelineTest {

  private AsyncPool pool;
  private AsyncConnection conn;

  @BeforeEach
  void openPool() {
    pool = TestDatabases.pool(2);
    conn = await(pool.acquire());
    await(conn.execute("create table item(id number(10) primary key, label varchar2(20))"));
    H2StoredCode.install(conn);
    await(conn.commit());
  }

  @AfterEach
  void closePool() {
    await(conn.close());
    await(pool.close(true, true));
  }

  private long count(AsyncConnection c, String where) {
    return await(c.fetchOne("select count(*) from item where " + where)).get(0, Long.class);
  }

  private long committedCount(String where) {
    return await(pool.withConnection(c -> c.fetchOne("select count(*) from item where " + where)))
        .get(0, Long.class);
  }

  @Test
  void everyStepKindRunsInOrderAndReportsWhatItProduced() {
    List<PipelineResult> results = await(conn.pipeline()
        .addExecute("insert into item values (?, ?)", 1, "one")
        .addExecuteMany("insert into item values (?, ?)", List.of(List.of(2, "two"), List.of(3, "three")))
        .addFetchOne("select id, label from item where id = ?", 2)
        .addFetchOne("select id from item where id = ?", 99)
        .addFetchMany("select id from item order by id", 2)
        .addFetchAll("select id, label as name from item order by id")
        .addCallFunc("TWICE", Long.class, 21)
        .addCallProc("ADD_ITEM", 4, "four")
        .addCommit()
        .run());

    assertThat(results).extracting(PipelineResult::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
    assertThat(results).extracting(PipelineResult::operation).containsExactly(PipelineOperation.EXECUTE,
        PipelineOperation.EXECUTE_MANY, PipelineOperation.FETCH_ONE, PipelineOperation.FETCH_ONE,
        PipelineOperation.FETCH_MANY, PipelineOperation.FETCH_ALL, PipelineOperation.CALL_FUNC,
        PipelineOperation.CALL_PROC, PipelineOperation.COMMIT);
    assertThat(results).allSatisfy(r -> {
      assertThat(r.pipelined()).as("H2 cannot pipeline").isFalse();
      assertThat(r.failed()).isFalse();
      assertThat(r.warning()).isNull();
    });

    assertThat(results.get(0).rowCount()).isEqualTo(1);
    assertThat(results.get(0).rows()).isEmpty();
    assertThat(results.get(1).rowCount()).isEqualTo(2);

    PipelineResult one = results.get(2);
    assertThat(one.row().get(0, Integer.class)).as("sees the rows of the steps before it").isEqualTo(2);
    assertThat(one.row().get("label")).isEqualTo("two");
    assertThat(one.rowCount()).isEqualTo(1);
    assertThat(one.columns()).extracting(ColumnDescription::name).containsExactly("ID", "LABEL");
    assertThat(results.get(3).row()).isNull();
    assertThat(results.get(3).rows()).isEmpty();
    assertThat(results.get(3).columns()).extracting(ColumnDescription::name).containsExactly("ID");

    assertThat(results.get(4).rows()).extracting(r -> r.get(0, Integer.class)).containsExactly(1, 2);
    assertThat(results.get(5).rows()).extracting(r -> r.get("name")).containsExactly("one", "two", "three");
    assertThat(results.get(5).columns()).extracting(ColumnDescription::name).containsExactly("ID", "NAME");
    assertThat(results.get(5).rowCount()).isEqualTo(3);

    assertThat(results.get(6).returnValue(Long.class)).isEqualTo(42L);
    assertThat(results.get(7).returnValue()).isEqualTo(List.of(4, "four"));
    assertThat(results.get(8).returnValue()).isNull();

    assertThat(committedCount("id in (1, 2, 3, 4)")).as("the commit step committed every step before it")
        .isEqualTo(4);
    assertThatThrownBy(() -> results.add(results.get(0))).as("results are read-only")
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aFailureWithoutContinueOnErrorNamesTheStepAndNoLaterStepRuns() {
    CompletableFuture<List<PipelineResult>> run = conn.pipeline()
        .addExecute("insert into item values (1, 'one')")
        .addFetchAll("select * from no_such_table")
        .addExecute("insert into item values (2, 'two')")
        .run(false);

    Throwable error = failure(run);
    assertThat(error).isInstanceOfSatisfying(PipelineException.class, e -> {
      assertThat(e.stepIndex()).isEqualTo(1);
      assertThat(e.operation()).isEqualTo(PipelineOperation.FETCH_ALL);
      assertThat(e.getMessage()).contains("step 1 of 3", "FETCH_ALL", "NO_SUCH_TABLE");
      assertThat(e.stepError()).isInstanceOf(DatabaseException.class);
      assertThat(e.completed()).hasSize(1);
      assertThat(e.completed().get(0).rowCount()).isEqualTo(1);
    });
    assertThat(count(conn, "id = 2")).as("the step after the failure did not run").isZero();
    assertThat(count(conn, "id = 1")).as("the step before it stays in the transaction").isEqualTo(1);
    await(conn.rollback());
    assertThat(conn.isHealthy()).isTrue();
  }

  @Test
  void withContinueOnErrorEveryStepRunsAndAFailedOneCarriesItsError() {
    List<PipelineResult> results = await(conn.pipeline()
        .addExecute("insert into item values (1, 'one')")
        .addFetchAll("select * from no_such_table")
        .addExecute("insert into item values (1, 'duplicate')")
        .addCallProc("FAIL_WITH", "no funds")
        .addFetchOne("select count(*) from item")
        .run(true));

    assertThat(results).hasSize(5);
    assertThat(results).extracting(PipelineResult::failed).containsExactly(false, true, true, true, false);
    assertThat(results.get(1).error()).isInstanceOf(DatabaseException.class).hasMessageContaining("NO_SUCH_TABLE");
    assertThat(results.get(1).rows()).isEmpty();
    assertThat(results.get(2).error()).isInstanceOf(DatabaseException.class);
    assertThat(results.get(3).error()).hasMessageContaining("no funds");
    assertThat(results.get(4).row().get(0, Long.class)).isEqualTo(1L);
  }

  @Test
  void theCallTimeoutCoversThePipelineAndStopsIt() {
    conn.setCallTimeout(Duration.ofMillis(300));
    CompletableFuture<List<PipelineResult>> run = conn.pipeline()
        .addExecute("insert into item values (1, 'before')")
        .addFetchOne(TestDatabases.SLOW_QUERY)
        .addExecute("insert into item values (2, 'after')")
        .run(true);

    assertThat(failure(run)).isInstanceOfSatisfying(CallTimeoutException.class, e -> {
      assertThat(e.timeout()).isEqualTo(Duration.ofMillis(300));
      assertThat(e.getMessage()).contains("pipeline of 3 steps");
    });
    conn.setCallTimeout(Duration.ZERO);
    assertThat(count(conn, "id = 2")).as("even with continueOnError, nothing runs after the deadline").isZero();
    assertThat(count(conn, "id = 1")).isEqualTo(1);
    assertThat(conn.isHealthy()).isTrue();
  }

  @Test
  void cancellingTheFutureBreaksTheRunningStepAndRunsNoFurtherStep() {
    CompletableFuture<List<PipelineResult>> run = conn.pipeline()
        .addExecute("insert into item values (1, 'before')")
        .addFetchOne(TestDatabases.VERY_SLOW_QUERY)
        .addExecute("insert into item values (2, 'after')")
        .run(true);
    TestDatabases.awaitRunning(pool, TestDatabases.VERY_SLOW_QUERY, 1);

    assertThat(run.cancel(true)).isTrue();

    assertThatThrownBy(run::join).isInstanceOf(CancellationException.class);
    // Well before the 30 s query would end: the next call queues behind the pipeline on the lane.
    Row row = conn.fetchOne("select count(*) from item where id = 2").orTimeout(15, TimeUnit.SECONDS).join();
    assertThat(row.get(0, Long.class)).as("the step after the cancelled one did not run").isZero();
    assertThat(count(conn, "id = 1")).isEqualTo(1);
    assertThat(conn.isHealthy()).isTrue();
  }

  @Test
  void aPipelineOnAClosedConnectionFailsClearly() {
    AsyncConnection other = await(pool.acquire());
    Pipeline early = other.pipeline().addFetchOne("select 1 from dual");
    await(other.close());

    assertThat(failure(early.run())).isInstanceOf(AsyncOracleException.class)
        .hasMessageContaining("pipeline of 1 step refused: the connection is closed");
    assertThat(failure(other.pipeline().addCommit().run(true))).hasMessageContaining("connection is closed");
  }

  @Test
  void uncommittedPipelineWorkIsRolledBackWhenTheConnectionIsReleased() {
    AsyncConnection other = await(pool.acquire());
    await(other.pipeline().addExecute("insert into item values (7, 'seven')")
        .addCallProc("ADD_ITEM", 8, "eight").run());
    await(other.close());
    assertThat(committedCount("id in (7, 8)")).isZero();
  }

  @Test
  void argumentsAreCheckedWhenAStepIsAdded() {
    Pipeline p = conn.pipeline();
    assertThatThrownBy(() -> p.addExecute(" ")).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> p.addFetchOne("select ? from dual")).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> p.addFetchMany("select 1 from dual", -1)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("numRows");
    assertThatThrownBy(() -> p.addFetchAll("select ? from dual", OutParameter.out(String.class)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("OutParameter");
    assertThatThrownBy(() -> p.addCallProc("x; drop table item")).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> p.addCallFunc("TWICE", null, 1)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> p.addExecuteMany("insert into item values (?, ?)", List.of(List.of(1))))
        .isInstanceOf(InvalidArgumentException.class);
    assertThat(p.operations()).as("rejected steps are not added").isEmpty();
  }

  @Test
  void aQueryStepGivenAStatementThatIsNotAQueryFails() {
    List<PipelineResult> results = await(conn.pipeline().addFetchAll("insert into item values (1, 'x')").run(true));
    assertThat(results.get(0).error()).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("addExecute");
  }

  @Test
  void anEmptyPipelineRunsToAnEmptyListAndAPipelineRunsAgainWithItsNewSteps() {
    Pipeline p = conn.pipeline();
    assertThat(await(p.run())).isEmpty();

    Object[] params = {5, "five"};
    p.addExecute("insert into item values (?, ?)", params);
    params[0] = 6;
    assertThat(await(p.run()).get(0).rowCount()).isEqualTo(1);
    assertThat(count(conn, "id = 5")).as("bind values are copied when the step is added").isEqualTo(1);

    p.addFetchOne("select count(*) from item");
    assertThat(p.operations()).containsExactly(PipelineOperation.EXECUTE, PipelineOperation.FETCH_ONE);
    assertThat(failure(p.run())).as("runs both steps again: the insert now fails")
        .isInstanceOfSatisfying(PipelineException.class, e -> assertThat(e.stepIndex()).isZero());
  }

  @Test
  void aPipelineIsObservedAsOneCall() {
    List<String> stopped = new java.util.concurrent.CopyOnWriteArrayList<>();
    AsyncPool observed = AsyncOracle.createPool(TestDatabases.options().callObserver(call ->
        (rows, error) -> stopped.add(call.operation() + (error == null ? "" : " failed"))).build()).join();
    try {
      List<PipelineResult> results = await(observed.withConnection(c -> c.pipeline()
          .addFetchOne("select 1 from dual").addFetchOne("select 2 from dual").addFetchAll("select 3 from dual")
          .run()));
      assertThat(results).hasSize(3);
      assertThat(stopped).as("one observation for three steps, besides the acquire")
          .filteredOn(op -> !op.startsWith(DatabaseCall.ACQUIRE)).containsExactly(DatabaseCall.PIPELINE);
    } finally {
      await(observed.close(true, true));
    }
  }
}
