package io.asyncoracle.boot.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.boot.TestDatabases;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The caller's MDC and observation are in place when the template's futures complete. */
class TemplateContextPropagationTest {

  /** Takes long enough (tens of ms) that callbacks are attached before the future completes. */
  private static final String QUERY = TestDatabases.slowQuery(400);

  private static AsyncPool pool;
  private static AsyncOracleTemplate template;

  @BeforeAll
  static void createPool() {
    pool = AsyncOracle.createPool(PoolOptions.builder().url(TestDatabases.memUrl()).max(2).build()).join();
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
  void theMdcOfTheCallerIsRestoredForCallbacks() {
    Thread caller = Thread.currentThread();
    MDC.put("requestId", "r-42");
    CompletableFuture<List<Object>> seen = template.queryForObject(QUERY, Long.class)
        .thenApply(count -> List.of(String.valueOf(MDC.get("requestId")), Thread.currentThread()));
    MDC.clear();
    List<Object> result = seen.join();
    assertThat(result.get(1)).as("the callback ran on a pool thread").isNotSameAs(caller);
    assertThat(result.get(0)).isEqualTo("r-42");
  }

  @Test
  void eachCallCarriesItsOwnCallersMdc() {
    MDC.put("requestId", "first");
    CompletableFuture<String> first = template.queryForObject(QUERY, Long.class).thenApply(c -> MDC.get("requestId"));
    MDC.put("requestId", "second");
    CompletableFuture<String> second = template.queryForObject(QUERY, Long.class).thenApply(c -> MDC.get("requestId"));
    MDC.remove("requestId");
    CompletableFuture<String> none = template.queryForObject(QUERY, Long.class).thenApply(c -> MDC.get("requestId"));
    assertThat(first.join()).isEqualTo("first");
    assertThat(second.join()).isEqualTo("second");
    assertThat(none.join()).as("a callback thread keeps no MDC from an earlier request").isNull();
  }

  @Test
  void theMdcReachesTheWorkOfATransactionAndComposedCalls() {
    MDC.put("requestId", "tx-7");
    CompletableFuture<List<String>> seen = template.inTransaction(tx -> {
      String inWork = MDC.get("requestId");
      return tx.queryForObject(QUERY, Long.class)
          .thenCompose(c -> template.queryForObject("select 1 from dual", Integer.class))
          .thenApply(c -> List.of(inWork, MDC.get("requestId")));
    }).thenApply(list -> List.of(list.get(0), list.get(1), MDC.get("requestId")));
    MDC.clear();
    assertThat(seen.join()).containsExactly("tx-7", "tx-7", "tx-7");
  }

  @Test
  void theCurrentObservationIsRestoredForCallbacks() {
    ObservationRegistry registry = ObservationRegistry.create();
    registry.observationConfig().observationHandler(new ObservationHandler<>() {
      @Override
      public boolean supportsContext(Observation.Context context) {
        return true;
      }
    });
    Observation request = Observation.start("http.server.request", registry);
    CompletableFuture<Observation> seen;
    try (Observation.Scope scope = request.openScope()) {
      seen = template.queryForObject(QUERY, Long.class).thenApply(c -> registry.getCurrentObservation());
    }
    assertThat(registry.getCurrentObservation()).isNull();
    assertThat(seen.join()).isSameAs(request);
    request.stop();
  }
}
