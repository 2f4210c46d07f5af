package io.asyncoracle.internal;

import static io.asyncoracle.TestFutures.await;
import static io.asyncoracle.TestFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncOracle;
import io.asyncoracle.CallTimeoutException;
import io.asyncoracle.PipelineResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link OraclePipeline}, the path taken on Oracle Database 23ai, run offline against
 * {@link FakeOracleDriver}: what reaches the "database" when a pipeline is cancelled or times out
 * (issue 19, item 1 and A).
 */
class OraclePipelineOfflineTest {

  private AsyncConnection conn;

  @BeforeEach
  void connect() {
    FakeOracleDriver.register();
    FakeOracleDriver.clear();
    conn = await(AsyncOracle.connect("scott", "tiger", FakeOracleDriver.URL));
    // Loads the classes of the pipeline path, so no deadline below is spent loading them.
    await(conn.pipeline().addExecute("insert into t values (0)").addCommit().run(true));
    FakeOracleDriver.clear();
  }

  @AfterEach
  void close() {
    if (!conn.isClosed()) {
      await(conn.close());
    }
  }

  private static Session session(AsyncConnection connection) {
    return ((ConnectionImpl) connection).session();
  }

  private static void awaitSlowStatement() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!FakeOracleDriver.slowStatementPending()) {
      assertThat(System.nanoTime()).as("the slow step was sent").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  @Test
  void aPipelineRunsThroughTheReactiveExtensions() {
    List<PipelineResult> results = await(conn.pipeline()
        .addExecute("insert into t values (:v)", java.util.Map.of("v", 1))
        .addCommit()
        .run(true));
    assertThat(results).allSatisfy(r -> assertThat(r.pipelined()).isTrue());
    assertThat(results.get(0).rowCount()).isEqualTo(1);
    assertThat(FakeOracleDriver.events()).containsExactly("execute insert into t values (:v)", "commitAsync");
    assertThat(session(conn).dirty()).isFalse();
  }

  @Test
  void aTimedOutPipelineLeavesItsWritesToBeRolledBackOnRelease() {
    // Issue 19, item 1: the insert reached the database, its answer was never read.
    conn.setCallTimeout(Duration.ofMillis(300));
    CompletableFuture<List<PipelineResult>> run = conn.pipeline()
        .addExecute("insert into t values (1)")
        .addExecute("begin slow_procedure; end;")
        .run();

    assertThat(failure(run)).isInstanceOf(CallTimeoutException.class);
    assertThat(FakeOracleDriver.events()).contains("execute insert into t values (1)", "cancel");
    assertThat(session(conn).dirty()).as("any step that may have reached the server makes the session dirty")
        .isTrue();
    await(conn.close());
    assertThat(FakeOracleDriver.events()).as("released with a rollback, then closed").containsSubsequence(
        "rollback", "close");
  }

  @Test
  void aCancelledRunWithContinueOnErrorNeverSendsItsCommit() {
    // Issue 19, A: with ALL_ERRORS the database would run a commit sent after the broken step.
    CompletableFuture<List<PipelineResult>> run = conn.pipeline()
        .addExecute("insert into t values (1)")
        .addExecute("begin slow_procedure; end;")
        .addCommit()
        .addExecute("insert into t values (2)")
        .run(true);
    awaitSlowStatement();

    assertThat(run.cancel(true)).isTrue();
    assertThatThrownBy(run::join).isInstanceOf(CancellationException.class);
    // The next call queues behind the pipeline on the lane: once it ran, the pipeline is over.
    await(conn.ping());
    assertThat(FakeOracleDriver.events()).contains("cancel")
        .doesNotContain("commitAsync", "execute insert into t values (2)");
    assertThat(session(conn).dirty()).isTrue();
    await(conn.close());
    assertThat(FakeOracleDriver.events()).containsSubsequence("rollback", "close").doesNotContain("commit");
  }

  @Test
  void withContinueOnErrorACommitWaitsForTheStepsBeforeItAndStillCommits() {
    List<PipelineResult> results = await(conn.pipeline()
        .addExecute("insert into t values (1)")
        .addCommit()
        .addExecute("insert into t values (2)")
        .run(true));
    assertThat(results).hasSize(3).allSatisfy(r -> assertThat(r.failed()).isFalse());
    assertThat(FakeOracleDriver.events()).containsExactly("execute insert into t values (1)", "commitAsync",
        "execute insert into t values (2)");
    assertThat(session(conn).dirty()).as("the insert after the commit is uncommitted").isTrue();
  }
}
