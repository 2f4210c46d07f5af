package io.asyncoracle.boot.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.boot.TestDatabases;
import io.asyncoracle.boot.autoconfigure.AsyncOracleAutoConfiguration;
import io.asyncoracle.boot.client.AsyncOracleClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * Errors say where they came from: the SQL in every message the template and client raise (never
 * the bind values), and, when asked for, the caller's stack captured when the call was made.
 */
class TemplateDiagnosticsTest {

  /** A bind value that must never appear in a message. */
  private static final long SECRET_ID = 987_654_321_123L;

  private static AsyncPool pool;
  private static AsyncOracleTemplate template;

  @BeforeAll
  static void openPool() {
    pool = AsyncOracle.createPool(PoolOptions.builder().url(TestDatabases.memUrl()).user("sa").password("")
        .min(1).max(2).build()).join();
    template = new AsyncOracleTemplate(pool);
    template.update("create table accounts (id number primary key, owner varchar2(40))").join();
    template.update("insert into accounts values (1, 'ann')").join();
    template.update("insert into accounts values (2, 'bob')").join();
  }

  @AfterAll
  static void closePool() {
    pool.close(true, true).orTimeout(30, TimeUnit.SECONDS).join();
  }

  @BeforeEach
  void callSitesOff() {
    template.setCaptureCallSite(false);
  }

  @Test
  void aMissingRowNamesTheSqlAndNotTheBindValue() {
    String sql = "select owner from accounts where id = ?";
    Throwable failure = failureOf(template.queryForObject(sql, String.class, SECRET_ID));

    assertThat(failure).isInstanceOf(EmptyResultDataAccessException.class)
        .hasMessageContaining("Incorrect result size: expected 1, actual 0").hasMessageContaining("SQL [" + sql + "]");
    assertThat(everyMessage(failure)).doesNotContain(Long.toString(SECRET_ID));
  }

  @Test
  void tooManyRowsAndNamedParametersNameTheSqlTheDriverRan() {
    Throwable tooMany = failureOf(template.queryForObject("select owner from accounts where id > :min",
        Map.of("min", 0), String.class));
    assertThat(tooMany).isInstanceOf(IncorrectResultSizeDataAccessException.class)
        .hasMessageContaining("SQL [select owner from accounts where id > ?]");

    Throwable missing = failureOf(AsyncOracleClient.create(template).sql("select owner from accounts where id = :id")
        .param("id", SECRET_ID).query(String.class).single());
    assertThat(missing).isInstanceOf(EmptyResultDataAccessException.class)
        .hasMessageContaining("SQL [select owner from accounts where id = ?]");
    assertThat(everyMessage(missing)).doesNotContain(Long.toString(SECRET_ID));
  }

  @Test
  void driverErrorsPoolErrorsAndMisuseNameTheSql() {
    String bad = "select owner from no_such_table where id = ?";
    assertThat(failureOf(template.queryForList(bad, String.class, SECRET_ID)))
        .isInstanceOf(BadSqlGrammarException.class).hasMessageContaining(bad)
        .satisfies(e -> assertThat(everyMessage(e)).doesNotContain(Long.toString(SECRET_ID)));

    String misuse = "select owner from accounts where id = :id";
    assertThat(failureOf(AsyncOracleClient.create(template).sql(misuse).param(1).param("id", 2).query().listOfRows()))
        .isInstanceOf(InvalidDataAccessApiUsageException.class).hasMessageContaining("SQL [" + misuse + "]");

    AsyncPool tiny = AsyncOracle.createPool(PoolOptions.builder().url(TestDatabases.memUrl()).user("sa").password("")
        .min(1).max(1).acquireTimeout(Duration.ofMillis(100)).build()).join();
    try {
      AsyncConnection held = tiny.acquire().join();
      String waiting = "select 1 from dual where 1 = ?";
      assertThat(failureOf(new AsyncOracleTemplate(tiny).queryForObject(waiting, Integer.class, SECRET_ID)))
          .isInstanceOf(CannotGetJdbcConnectionException.class).hasMessageStartingWith("queryForObject; SQL [" + waiting + "]; ")
          .satisfies(e -> assertThat(everyMessage(e)).doesNotContain(Long.toString(SECRET_ID)));
      held.close().join();
    } finally {
      tiny.close(true, true).orTimeout(30, TimeUnit.SECONDS).join();
    }
  }

  @Test
  void withoutTheOptionNoCallSiteIsAttached() {
    Throwable failure = failureOf(template.queryForObject("select owner from accounts where id = ?", String.class, 3));
    assertThat(failure.getSuppressed()).noneMatch(CallSite.class::isInstance);
  }

  @Test
  void theCallSiteShowsTheCallersFramesFromWhenTheCallWasMade() {
    template.setCaptureCallSite(true);
    Throwable failure = failureOf(callerThatAsksForAMissingRow());

    CallSite callSite = callSite(failure);
    assertThat(callSite.getMessage()).startsWith("queryForObject was called here");
    StackTraceElement[] frames = callSite.getStackTrace();
    assertThat(frames[0].getMethodName()).as("the library's own frames are dropped")
        .isEqualTo("callerThatAsksForAMissingRow");
  }

  @Test
  void theClientStreamsAndTransactionsGetTheirCallSitesToo() throws Exception {
    template.setCaptureCallSite(true);
    AsyncOracleClient client = AsyncOracleClient.create(template);
    Throwable fromClient = failureOf(client.sql("select owner from accounts where id = ?").param(SECRET_ID)
        .query(String.class).single());
    assertThat(callSite(fromClient).getStackTrace()[0].getMethodName())
        .isEqualTo("theClientStreamsAndTransactionsGetTheirCallSitesToo");

    Throwable fromStream = streamFailure(template.queryForStream("select owner from no_such_table",
        (rs, n) -> rs.getString(1)));
    assertThat(callSite(fromStream).getMessage()).startsWith("queryForStream was called here");

    Throwable fromTransaction = failureOf(template.inTransaction(tx -> tx.queryForObject(
        "select owner from accounts where id = ?", String.class, SECRET_ID)));
    assertThat(fromTransaction).hasMessageContaining("SQL [select owner from accounts where id = ?]");
    assertThat(fromTransaction.getSuppressed()).filteredOn(CallSite.class::isInstance).hasSize(1);
  }

  @Test
  void thePropertyTurnsItOnForTheAutoConfiguredTemplate() {
    ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AsyncOracleAutoConfiguration.class))
        .withPropertyValues("async-oracle.url=" + TestDatabases.memUrl());
    runner.run(context -> assertThat(context.getBean(AsyncOracleTemplate.class).isCaptureCallSite()).isFalse());
    runner.withPropertyValues("async-oracle.diagnostics.capture-call-site=true").run(context -> {
      AsyncOracleClient client = context.getBean(AsyncOracleClient.class);
      Throwable failure = failureOf(client.sql("select 1 from dual where 1 = 2").query(Integer.class).single());
      assertThat(callSite(failure).getStackTrace()).isNotEmpty();
    });
  }

  private static CompletableFuture<String> callerThatAsksForAMissingRow() {
    return template.queryForObject("select owner from accounts where id = ?", String.class, SECRET_ID);
  }

  private static CallSite callSite(Throwable failure) {
    return (CallSite) Arrays.stream(failure.getSuppressed()).filter(CallSite.class::isInstance).findFirst()
        .orElseThrow(() -> new AssertionError("no call site on " + failure));
  }

  private static Throwable failureOf(CompletableFuture<?> future) {
    try {
      future.get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("the call did not fail");
  }

  private static Throwable streamFailure(Flow.Publisher<?> publisher) throws Exception {
    CompletableFuture<Throwable> error = new CompletableFuture<>();
    publisher.subscribe(new Flow.Subscriber<Object>() {
      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(Object item) {
      }

      @Override
      public void onError(Throwable throwable) {
        error.complete(throwable);
      }

      @Override
      public void onComplete() {
        error.completeExceptionally(new AssertionError("the stream did not fail"));
      }
    });
    return error.get(30, TimeUnit.SECONDS);
  }

  /** The messages of the failure, its causes and what it suppressed. */
  private static String everyMessage(Throwable failure) {
    StringBuilder all = new StringBuilder();
    List<Throwable> todo = new java.util.ArrayList<>(List.of(failure));
    java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    while (!todo.isEmpty()) {
      Throwable t = todo.remove(0);
      if (t == null || !seen.add(t)) {
        continue;
      }
      all.append(t).append('\n');
      todo.add(t.getCause());
      todo.addAll(List.of(t.getSuppressed()));
    }
    return all.toString();
  }
}
