package io.asyncoracle.boot.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.boot.Eventually;
import io.asyncoracle.boot.TestDatabases;
import io.asyncoracle.boot.client.AsyncOracleClient;
import io.asyncoracle.boot.template.AsyncOracleTemplate;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Reactor adapters: backpressure and cancellation reach the database. */
class AsyncOracleReactorTest {

  private static AsyncPool pool;
  private static AsyncOracleTemplate template;
  private static AsyncOracleClient client;

  @BeforeAll
  static void createPool() {
    pool = AsyncOracle.createPool(PoolOptions.builder().url(TestDatabases.memUrl()).poolName("reactor-test")
        .min(1).max(2).arraySize(16).build()).join();
    template = new AsyncOracleTemplate(pool);
    client = AsyncOracleClient.create(template);
    client.sql("create table numbers (n number(10) primary key)").update().join();
    client.sql("insert into numbers select x from system_range(1, 1000)").update().join();
  }

  @AfterAll
  static void closePool() {
    pool.close(true, true).join();
  }

  @Test
  void fluxStreamsEveryRowWithBackpressure() {
    Flux<Long> numbers = AsyncOracleReactor.flux(client.sql("select n from numbers order by n").query(Long.class).stream());
    StepVerifier.create(numbers, 3)
        .expectNext(1L, 2L, 3L)
        .expectNoEvent(Duration.ofMillis(50))
        // One more than is left: the end of a JDBC result is known only when a fetch comes back short.
        .thenRequest(998)
        .expectNextCount(997)
        .expectComplete()
        .verify(Duration.ofSeconds(20));
    assertThat(pool.stats().busy()).isZero();
  }

  @Test
  void aSuppliedFluxCanBeSubscribedAgain() {
    Flux<Long> count = AsyncOracleReactor.flux(() -> client.sql("select count(*) from numbers").query(Long.class).stream());
    assertThat(count.repeat(2).collectList().block(Duration.ofSeconds(20))).containsExactly(1000L, 1000L, 1000L);
  }

  @Test
  void takingFewRowsCancelsTheRestAndFreesTheConnection() {
    assertThat(AsyncOracleReactor.flux(client.sql("select n from numbers order by n").query(Long.class).stream())
        .take(5).collectList().block(Duration.ofSeconds(20))).containsExactly(1L, 2L, 3L, 4L, 5L);
    Eventually.holds(Duration.ofSeconds(10), () -> pool.stats().busy() == 0, "no connection lent");
    assertThat(AsyncOracleReactor.mono(client.sql("select n from numbers where n = 7").query(Long.class).stream())
        .block(Duration.ofSeconds(20))).isEqualTo(7L);
    assertThat(AsyncOracleReactor.mono(() -> client.sql("select count(*) from numbers").query(Long.class).single())
        .block(Duration.ofSeconds(20))).isEqualTo(1000L);
  }

  @Test
  void disposingDuringALongQueryCancelsTheStatementAndTheConnectionIsUsable() {
    AtomicInteger signals = new AtomicInteger();
    Disposable subscription = AsyncOracleReactor.flux(template.queryForStream(TestDatabases.slowQuery(20_000),
        (rs, i) -> rs.getLong(1))).subscribe(n -> signals.incrementAndGet(), e -> signals.incrementAndGet(),
            signals::incrementAndGet);
    TestDatabases.awaitRunning(pool, "system_range(1,20000)", 1, Duration.ofSeconds(10));
    assertThat(pool.stats().busy()).isEqualTo(1);
    long start = System.nanoTime();
    subscription.dispose();
    // The query runs about 30 s: the connection is back this soon only because the statement was cancelled.
    Eventually.holds(Duration.ofSeconds(10), () -> pool.stats().busy() == 0, "no connection lent");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(signals).hasValue(0);
    assertThat(AsyncOracleReactor.mono(() -> template.queryForObject("select 1 from dual", Integer.class))
        .block(Duration.ofSeconds(20))).isEqualTo(1);
  }

  @Test
  void errorsArriveAsTranslatedOnErrorSignals() {
    StepVerifier.create(AsyncOracleReactor.flux(client.sql("select * from no_such_table").query().stream()))
        .expectError(org.springframework.jdbc.BadSqlGrammarException.class)
        .verify(Duration.ofSeconds(20));
    StepVerifier.create(AsyncOracleReactor.mono(() -> client.sql("update no_such_table set x = 1").update()))
        .expectError(org.springframework.jdbc.BadSqlGrammarException.class)
        .verify(Duration.ofSeconds(20));
  }
}
