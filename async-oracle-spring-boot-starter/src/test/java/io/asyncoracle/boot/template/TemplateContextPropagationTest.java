package io.asyncoracle.boot.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.boot.TestDatabases;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The caller's MDC and observation are in place for the callbacks chained to the template's
 * futures, whichever thread completes them: a pool thread, a JDBC worker, the thread that gave a
 * connection back, or the caller's own thread when the future is complete before the callback is
 * chained. The tests make each case happen on purpose instead of relying on how long a query takes.
 */
class TemplateContextPropagationTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int MAX = 2;

  private static AsyncPool pool;
  private static AsyncOracleTemplate template;

  @BeforeAll
  static void createPool() {
    pool = AsyncOracle.createPool(PoolOptions.builder().url(TestDatabases.memUrl()).min(1).max(MAX).build()).join();
    template = new AsyncOracleTemplate(pool);
  }

  @AfterAll
  static void closePool() {
    pool.close(true, true).join();
  }

  @AfterEach
  void clearMdc() {
    MDC.clear();
  }

  @Test
  void theMdcOfTheCallerIsRestoredForCallbacksChainedBeforeCompletion() throws Exception {
    List<AsyncConnection> held = holdEveryConnection();
    MDC.put("requestId", "r-42");
    CompletableFuture<String> seen = template.queryForObject("select 1 from dual", Integer.class)
        .thenApply(one -> MDC.get("requestId"));
    MDC.clear();
    assertThat(seen).as("waiting for a held connection").isNotDone();

    // The connections go back from a thread with a request of its own, which may well be the
    // thread that then completes the call.
    assertThat(giveBackFromAnotherRequest(held)).as("the releasing thread keeps its own MDC").isEqualTo("releaser");
    assertThat(seen).succeedsWithin(WAIT).isEqualTo("r-42");
  }

  @Test
  void theMdcOfTheCallerIsInPlaceForCallbacksChainedAfterCompletion() {
    MDC.put("requestId", "r-43");
    CompletableFuture<Integer> done = template.queryForObject("select 1 from dual", Integer.class);
    assertThat(done).succeedsWithin(WAIT);
    // Complete already: the callback runs at once, on this thread.
    assertThat(done.thenApply(one -> MDC.get("requestId")).join()).isEqualTo("r-43");
    assertThat(MDC.get("requestId")).as("the caller's MDC is left as it was").isEqualTo("r-43");
  }

  @Test
  void eachCallCarriesItsOwnCallersMdc() throws Exception {
    List<AsyncConnection> held = holdEveryConnection();
    MDC.put("requestId", "first");
    CompletableFuture<String> first = template.queryForObject("select 1 from dual", Integer.class)
        .thenApply(c -> MDC.get("requestId"));
    MDC.put("requestId", "second");
    CompletableFuture<String> second = template.queryForObject("select 1 from dual", Integer.class)
        .thenApply(c -> MDC.get("requestId"));
    MDC.remove("requestId");
    CompletableFuture<String> none = template.queryForObject("select 1 from dual", Integer.class)
        .thenApply(c -> MDC.get("requestId"));
    assertThat(List.of(first, second, none)).as("all waiting for a held connection").noneMatch(CompletableFuture::isDone);

    giveBackFromAnotherRequest(held);
    assertThat(first).succeedsWithin(WAIT).isEqualTo("first");
    assertThat(second).succeedsWithin(WAIT).isEqualTo("second");
    assertThat(none).as("a callback keeps no MDC from an earlier request or from the releasing thread")
        .succeedsWithin(WAIT).isNull();
  }

  @Test
  void theMdcReachesTheWorkOfATransactionAndComposedCalls() {
    MDC.put("requestId", "tx-7");
    CompletableFuture<List<String>> seen = template.inTransaction(tx -> {
      String inWork = MDC.get("requestId");
      return tx.queryForObject("select 1 from dual", Integer.class)
          .thenCompose(c -> template.queryForObject("select 1 from dual", Integer.class))
          .thenApply(c -> List.of(inWork, MDC.get("requestId")));
    }).thenApply(list -> List.of(list.get(0), list.get(1), MDC.get("requestId")));
    MDC.clear();
    assertThat(seen).succeedsWithin(WAIT).isEqualTo(List.of("tx-7", "tx-7", "tx-7"));
  }

  @Test
  void theCurrentObservationIsRestoredForCallbacks() throws Exception {
    ObservationRegistry registry = ObservationRegistry.create();
    registry.observationConfig().observationHandler(new ObservationHandler<>() {
      @Override
      public boolean supportsContext(Observation.Context context) {
        return true;
      }
    });
    List<AsyncConnection> held = holdEveryConnection();
    Observation request = Observation.start("http.server.request", registry);
    CompletableFuture<Observation> seen;
    try (Observation.Scope scope = request.openScope()) {
      seen = template.queryForObject("select 1 from dual", Integer.class).thenApply(c -> registry.getCurrentObservation());
    }
    assertThat(registry.getCurrentObservation()).isNull();
    assertThat(seen).as("waiting for a held connection").isNotDone();
    giveBackFromAnotherRequest(held);
    assertThat(seen).succeedsWithin(WAIT).isSameAs(request);
    request.stop();
  }

  /** Borrows every connection, so the template's calls wait until they are given back. */
  private static List<AsyncConnection> holdEveryConnection() {
    List<AsyncConnection> held = new ArrayList<>();
    for (int i = 0; i < MAX; i++) {
      held.add(pool.acquire().join());
    }
    return held;
  }

  /**
   * Closes {@code held} on a new thread whose MDC names another request, as a request that is
   * done with its connections would.
   *
   * @return the MDC that thread still had once the closes completed
   */
  private static String giveBackFromAnotherRequest(List<AsyncConnection> held) throws Exception {
    CompletableFuture<String> after = new CompletableFuture<>();
    Thread releaser = new Thread(() -> {
      MDC.put("requestId", "releaser");
      try {
        held.forEach(connection -> connection.close().join());
        after.complete(MDC.get("requestId"));
      } catch (RuntimeException e) {
        after.completeExceptionally(e);
      } finally {
        MDC.clear();
      }
    }, "releaser");
    releaser.start();
    return after.get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }
}
