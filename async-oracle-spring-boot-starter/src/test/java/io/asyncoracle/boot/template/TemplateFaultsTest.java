package io.asyncoracle.boot.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.boot.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The template's futures complete whatever the application's code throws ({@code Error}s
 * included, failed with that very throwable), and cancelling one cancels its statement and gives
 * the connection back at once. The endless query runs about 30 s: each wait here is at most 10 s,
 * so a cancel that does not cancel fails the test.
 */
class TemplateFaultsTest {

  private static final int ENDLESS = 20_000;
  private static final long PROMPTLY_SECONDS = 10;

  private AsyncPool pool;
  private AsyncOracleTemplate template;

  @BeforeEach
  void open() {
    pool = AsyncOracle.createPool(PoolOptions.builder().url(TestDatabases.memUrl()).user("sa").password("")
        .max(1).acquireTimeout(Duration.ofSeconds(20)).build()).join();
    template = new AsyncOracleTemplate(pool);
    await(template.update("create table faults (id number)"));
  }

  @AfterEach
  void close() {
    pool.close(true, true).orTimeout(30, TimeUnit.SECONDS).join();
  }

  private static <T> T await(CompletableFuture<T> future) {
    return future.orTimeout(PROMPTLY_SECONDS, TimeUnit.SECONDS).join();
  }

  private static Throwable failureOf(CompletableFuture<?> future) {
    try {
      Object value = future.get(PROMPTLY_SECONDS, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure, got " + value);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      throw new AssertionError("the future never completed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private void assertTheConnectionIsBackAndUsable() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROMPTLY_SECONDS);
    while (pool.stats().busy() != 0) {
      assertThat(System.nanoTime()).as("connection not given back: " + pool.stats()).isLessThan(deadline);
      Thread.sleep(5);
    }
    assertThat(await(template.queryForObject("select 42 from dual", Integer.class))).isEqualTo(42);
  }

  private void awaitRunning(String sql) {
    TestDatabases.awaitRunning(pool, sql, 1, Duration.ofSeconds(PROMPTLY_SECONDS));
  }

  private int runningSessions(String sql) throws Exception {
    PoolOptions options = pool.options();
    try (Connection watcher = DriverManager.getConnection(options.jdbcUrl(), options.user(), options.password());
        PreparedStatement ps = watcher.prepareStatement("select count(*) from information_schema.sessions"
            + " where locate(?, executing_statement) > 0 and session_id <> session_id()")) {
      ps.setString(1, sql);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  // ---- Errors thrown by application code ---------------------------------------------------------

  @Test
  void anErrorThrownByTheWorkOfInTransactionFailsTheFutureWithIt() throws Exception {
    AssertionError boom = new AssertionError("transaction work failed");
    CompletableFuture<Object> result = template.inTransaction(tx -> {
      throw boom;
    });
    assertThat(failureOf(result)).isSameAs(boom);
    assertTheConnectionIsBackAndUsable();
  }

  @Test
  void anErrorInTheStageOfInTransactionRollsBackAndFailsTheFutureWithIt() throws Exception {
    AssertionError boom = new AssertionError("assertion inside the transaction");
    CompletableFuture<Object> result = template.inTransaction(tx -> tx.update("insert into faults values (1)")
        .thenApply(n -> {
          throw boom;
        }));
    assertThat(failureOf(result)).isSameAs(boom);
    assertTheConnectionIsBackAndUsable();
    assertThat(await(template.queryForObject("select count(*) from faults", Integer.class))).isZero();
  }

  @Test
  void anErrorThrownByTheWorkOfWithConnectionFailsTheFutureWithIt() throws Exception {
    AssertionError boom = new AssertionError("connection work failed");
    CompletableFuture<Object> result = template.withConnection(conn -> {
      throw boom;
    });
    assertThat(failureOf(result)).isSameAs(boom);
    assertTheConnectionIsBackAndUsable();
  }

  @Test
  void anErrorThrownByARowMapperIsTheFailureNotAPoolShutdown() throws Exception {
    AssertionError boom = new AssertionError("row mapper failed");
    CompletableFuture<Object> result = template.queryForObject("select 1 from dual", (rs, rowNum) -> {
      throw boom;
    });
    assertThat(failureOf(result)).isSameAs(boom);
    assertTheConnectionIsBackAndUsable();
  }

  @Test
  void theTranslatorNeverThrowsWhatItIsGiven() {
    AsyncOracleExceptionTranslator translator = template.getExceptionTranslator();
    AssertionError boom = new AssertionError("x");
    assertThat(translator.translate("query", "select 1 from dual", boom)).hasCause(boom);
  }

  // ---- cancel --------------------------------------------------------------------------------------

  @Test
  void cancellingAQueryCancelsItsStatementAndGivesTheConnectionBack() throws Exception {
    String endless = TestDatabases.slowQuery(ENDLESS);
    CompletableFuture<Long> query = template.queryForObject(endless, Long.class);
    awaitRunning(endless);

    assertThat(query.cancel(true)).isTrue();
    assertThat(query).isCancelled();
    assertTheConnectionIsBackAndUsable();
    assertThat(runningSessions(endless)).isZero();
  }

  @Test
  void cancellingATransactionCancelsItsStatementAndRollsItBack() throws Exception {
    String endless = TestDatabases.slowQuery(ENDLESS);
    CompletableFuture<Long> tx = template.inTransaction(t -> t.update("insert into faults values (1)")
        .thenCompose(n -> t.queryForObject(endless, Long.class)));
    awaitRunning(endless);

    assertThat(tx.cancel(true)).isTrue();
    assertTheConnectionIsBackAndUsable();
    assertThat(runningSessions(endless)).isZero();
    assertThat(await(template.queryForObject("select count(*) from faults", Integer.class))).isZero();
  }

  @Test
  void cancellingWithConnectionCancelsItsStatement() throws Exception {
    String endless = TestDatabases.slowQuery(ENDLESS);
    CompletableFuture<Object> work = template.withConnection(conn -> conn.fetchOne(endless).thenApply(row -> row));
    awaitRunning(endless);

    assertThat(work.cancel(true)).isTrue();
    assertTheConnectionIsBackAndUsable();
  }

  @Test
  void cancellingAQueryThatWaitsForAConnectionNeverRunsIt() throws Exception {
    String endless = TestDatabases.slowQuery(ENDLESS);
    CompletableFuture<Long> running = template.queryForObject(endless, Long.class);
    awaitRunning(endless);
    CompletableFuture<Integer> waiting = template.update("insert into faults values (2)");
    assertThat(pool.stats().waiting()).isEqualTo(1);

    assertThat(waiting.cancel(true)).isTrue();
    assertThat(pool.stats().waiting()).isZero();
    running.cancel(true);
    assertTheConnectionIsBackAndUsable();
    assertThat(await(template.queryForObject("select count(*) from faults", Integer.class))).isZero();
  }
}
