package io.asyncoracle.boot.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.boot.Eventually;
import io.asyncoracle.boot.TestDatabases;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.BadSqlGrammarException;

/** {@code queryForStream}: rows with backpressure, the connection held only while the stream runs. */
class TemplateStreamTest {

  private static AsyncPool pool;
  private static AsyncOracleTemplate template;

  @BeforeAll
  static void createPool() {
    pool = AsyncOracle.createPool(PoolOptions.builder().url(TestDatabases.memUrl()).poolName("stream-test")
        .min(1).max(2).arraySize(10).build()).join();
    template = new AsyncOracleTemplate(pool);
    template.update("create table numbers (n number(10) primary key)").join();
    template.update("insert into numbers select x from system_range(1, 100)").join();
  }

  @AfterAll
  static void closePool() {
    pool.close(true, true).join();
  }

  /** Collects what a stream signals; requests only what the test asks for. */
  static final class Recorder<T> implements Flow.Subscriber<T> {
    final List<T> items = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> done = new CompletableFuture<>();
    final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
    volatile int busyAtEnd = -1;

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription.complete(s);
    }

    @Override
    public void onNext(T item) {
      items.add(item);
    }

    @Override
    public void onError(Throwable t) {
      busyAtEnd = pool.stats().busy();
      done.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      busyAtEnd = pool.stats().busy();
      done.complete(null);
    }

    Flow.Subscription s() throws Exception {
      return subscription.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void rowsArriveAsRequestedAndTheConnectionIsBackBeforeOnComplete() throws Exception {
    Recorder<Long> rows = new Recorder<>();
    template.queryForStream("select n from numbers where n > ? order by n", (rs, i) -> rs.getLong(1), 90)
        .subscribe(rows);
    rows.s().request(3);
    Eventually.holds(Duration.ofSeconds(10), () -> rows.items.size() == 3, "3 rows");
    Thread.sleep(50);
    assertThat(rows.items).containsExactly(91L, 92L, 93L);
    assertThat(pool.stats().busy()).isEqualTo(1);
    rows.s().request(Long.MAX_VALUE);
    rows.done.get(10, TimeUnit.SECONDS);
    assertThat(rows.items).hasSize(10);
    assertThat(rows.busyAtEnd).isZero();
  }

  @Test
  void aSubscriberThatHasNotRequestedHoldsNoConnection() throws Exception {
    Recorder<Long> idle = new Recorder<>();
    template.queryForStream("select n from numbers", (rs, i) -> rs.getLong(1)).subscribe(idle);
    Flow.Subscription s = idle.s();
    Thread.sleep(50);
    assertThat(pool.stats().busy()).isZero();
    s.request(1);
    Eventually.holds(Duration.ofSeconds(10), () -> idle.items.size() == 1, "first row");
    assertThat(pool.stats().busy()).isEqualTo(1);
    s.cancel();
    Eventually.holds(Duration.ofSeconds(10), () -> pool.stats().busy() == 0, "no connection lent");
  }

  @Test
  void namedParametersAndMapperFailuresEndTheStreamAndFreeTheConnection() throws Exception {
    Recorder<Long> named = new Recorder<>();
    template.queryForStream("select n from numbers where n in (:ns) order by n", Map.of("ns", List.of(5, 6)),
        (rs, i) -> rs.getLong("n")).subscribe(named);
    named.s().request(10);
    named.done.get(10, TimeUnit.SECONDS);
    assertThat(named.items).containsExactly(5L, 6L);

    Recorder<Long> failing = new Recorder<>();
    template.queryForStream("select n from numbers order by n", (rs, i) -> {
      if (i == 2) {
        throw new IllegalStateException("mapper broke on row " + i);
      }
      return rs.getLong(1);
    }).subscribe(failing);
    failing.s().request(Long.MAX_VALUE);
    assertThat(failing.done).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(Exception.class)
        .havingRootCause().isInstanceOf(IllegalStateException.class).withMessage("mapper broke on row 2");
    assertThat(failing.items).containsExactly(1L, 2L);
    assertThat(failing.busyAtEnd).isZero();

    Recorder<Long> fatal = new Recorder<>();
    template.<Long>queryForStream("select n from numbers", (rs, i) -> {
      throw new AssertionError("an Error from a mapper");
    }).subscribe(fatal);
    fatal.s().request(1);
    assertThat(fatal.done).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(Exception.class)
        .havingRootCause().isInstanceOf(AssertionError.class);

    Recorder<Object> badSql = new Recorder<>();
    template.queryForStream("select * from no_such_table", (rs, i) -> rs.getObject(1)).subscribe(badSql);
    badSql.s().request(1);
    assertThat(badSql.done).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(Exception.class)
        .withCauseInstanceOf(BadSqlGrammarException.class);
    assertThat(badSql.busyAtEnd).isZero();
  }

  @Test
  void cancellingDuringALongQueryCancelsTheStatementAndFreesTheConnection() throws Exception {
    String slow = TestDatabases.slowQuery(20_000);
    Recorder<Long> rows = new Recorder<>();
    template.queryForStream(slow, (rs, i) -> rs.getLong(1)).subscribe(rows);
    rows.s().request(1);
    TestDatabases.awaitRunning(pool, "system_range(1,20000)", 1, Duration.ofSeconds(10));
    assertThat(pool.stats().busy()).isEqualTo(1);
    long start = System.nanoTime();
    rows.s().cancel();
    // The query runs about 30 s; only a cancelled statement lets the connection go this soon.
    Eventually.holds(Duration.ofSeconds(10), () -> pool.stats().busy() == 0, "no connection lent");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(template.queryForObject("select count(*) from numbers", Integer.class).get(10, TimeUnit.SECONDS))
        .isEqualTo(100);
    assertThat(rows.done).isNotDone();
  }

  @Test
  void insideATransactionTheStreamUsesTheTransactionsConnection() {
    List<Long> seen = template.inTransaction(tx -> tx.update("insert into numbers values (1000)")
        .thenCompose(n -> {
          Recorder<Long> rows = new Recorder<>();
          tx.queryForStream("select n from numbers where n >= ?", (rs, i) -> rs.getLong(1), 1000).subscribe(rows);
          rows.subscription.thenAccept(s -> s.request(Long.MAX_VALUE));
          return rows.done.thenApply(v -> List.copyOf(rows.items));
        })
        .thenCompose(items -> tx.update("delete from numbers where n = 1000").thenApply(n -> items))).join();
    assertThat(seen).containsExactly(1000L);
    assertThat(pool.stats().busy()).isZero();
  }

  @Test
  void aTransactionTimeoutAlsoBoundsItsStreams() {
    assertThat(template.inTransaction(TransactionOptions.defaults().timeout(Duration.ofMillis(300)), tx -> {
      Recorder<Long> rows = new Recorder<>();
      tx.queryForStream(TestDatabases.slowQuery(20_000), (rs, i) -> rs.getLong(1)).subscribe(rows);
      rows.subscription.thenAccept(s -> s.request(1));
      return rows.done;
    })).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(Exception.class)
        .withCauseInstanceOf(QueryTimeoutException.class);
  }
}
