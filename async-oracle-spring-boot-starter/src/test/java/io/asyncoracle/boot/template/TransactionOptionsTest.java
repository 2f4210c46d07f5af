package io.asyncoracle.boot.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.CallTimeoutException;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.boot.TestDatabases;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/** {@code inTransaction} with an isolation level, read-only mode and a timeout, on H2. */
class TransactionOptionsTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private static AsyncPool pool;
  private static AsyncOracleTemplate template;

  @BeforeAll
  static void createPool() {
    // One connection, so the next transaction gets the very session the previous one changed.
    pool = AsyncOracle.createPool(PoolOptions.builder().url(TestDatabases.memUrl()).poolName("tx-options-test")
        .min(1).max(1).build()).join();
    template = new AsyncOracleTemplate(pool);
    template.update("create table ledger (id number(10) primary key, note varchar2(40))").join();
  }

  @AfterAll
  static void closePool() {
    pool.close(true, true).join();
  }

  @BeforeEach
  void clear() {
    template.update("delete from ledger").join();
  }

  private static int rows() {
    return template.queryForObject("select count(*) from ledger", Integer.class).join();
  }

  @Test
  void isolationIsSetOnTheConnectionForTheTransactionOnly() throws Exception {
    int level = template.inTransaction(TransactionOptions.defaults().isolation(Isolation.SERIALIZABLE),
        tx -> tx.update("insert into ledger values (1, 'a')").thenCompose(n -> tx.connection().transactionIsolation()))
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(level).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
    assertThat(rows()).isEqualTo(1);
    int after = template.inTransaction(tx -> tx.connection().transactionIsolation()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(after).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
  }

  @Test
  void readOnlyIsSetAndWritesThroughTheTransactionAreRefusedAndRolledBack() {
    CompletableFuture<Boolean> readOnlyInside = new CompletableFuture<>();
    CompletableFuture<Integer> write = template.inTransaction(TransactionOptions.defaults().readOnly(true), tx -> {
      readOnlyInside.complete(tx.connection().readOnly());
      return tx.queryForObject("select count(*) from ledger", Integer.class)
          .thenCompose(n -> tx.update("insert into ledger values (2, 'b')"));
    });
    assertThat(write).failsWithin(WAIT).withThrowableOfType(Exception.class)
        .withCauseInstanceOf(InvalidDataAccessApiUsageException.class)
        .withMessageContaining("read-only");
    assertThat(readOnlyInside).isCompletedWithValue(true);
    assertThat(rows()).isZero();
    boolean readOnlyAfter = template.inTransaction(tx -> CompletableFuture.completedFuture(tx.connection().readOnly()))
        .join();
    assertThat(readOnlyAfter).isFalse();
  }

  @Test
  void aCallRunningPastTheTimeoutIsCancelledAndTheTransactionRolledBack() {
    long start = System.nanoTime();
    CompletableFuture<Integer> work = template.inTransaction(TransactionOptions.defaults().timeout(Duration.ofMillis(500)),
        tx -> tx.update("insert into ledger values (3, 'c')")
            .thenCompose(n -> tx.queryForObject(TestDatabases.slowQuery(20_000), Integer.class)));
    assertThat(work).failsWithin(WAIT).withThrowableOfType(Exception.class)
        .withCauseInstanceOf(QueryTimeoutException.class)
        .havingRootCause().isInstanceOf(CallTimeoutException.class);
    // The query alone runs about 30 s.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(rows()).isZero();
    assertThat(template.queryForObject("select 1 from dual", Integer.class).join()).isEqualTo(1);
  }

  @Test
  void workThatOutlivesTheTimeoutBetweenCallsIsRolledBackInsteadOfCommitted() {
    CompletableFuture<Integer> work = template.inTransaction(TransactionOptions.defaults().timeout(Duration.ofMillis(200)),
        tx -> tx.update("insert into ledger values (4, 'd')")
            .thenCompose(n -> CompletableFuture.supplyAsync(() -> n,
                CompletableFuture.delayedExecutor(400, TimeUnit.MILLISECONDS))));
    assertThat(work).failsWithin(WAIT).withThrowableOfType(Exception.class)
        .withCauseInstanceOf(QueryTimeoutException.class)
        .withMessageContaining("transaction timeout of 200 ms");
    assertThat(rows()).isZero();
  }

  @Test
  void withinTheTimeoutTheTransactionCommitsAndTheCallTimeoutIsTheConnectionsAgain() {
    int inserted = template.inTransaction(TransactionOptions.defaults().timeout(Duration.ofSeconds(10)),
        tx -> tx.update("insert into ledger values (5, 'e')")).join();
    assertThat(inserted).isEqualTo(1);
    assertThat(rows()).isEqualTo(1);
    assertThat(template.withConnection(conn -> CompletableFuture.completedFuture(conn.callTimeout())).join())
        .isEqualTo(pool.options().callTimeout());
  }

  @Test
  void optionsComeFromASpringTransactionDefinition() {
    DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
    definition.setIsolationLevel(Connection.TRANSACTION_SERIALIZABLE);
    definition.setReadOnly(true);
    definition.setTimeout(3);
    assertThat(TransactionOptions.of(definition))
        .isEqualTo(new TransactionOptions(Isolation.SERIALIZABLE, true, Duration.ofSeconds(3)));
    assertThat(TransactionOptions.of(new DefaultTransactionDefinition())).isEqualTo(TransactionOptions.defaults());
    assertThatThrownBy(() -> TransactionOptions.defaults().timeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(template.inTransaction(null, tx -> CompletableFuture.completedFuture(1)))
        .isCompletedExceptionally();
  }
}
