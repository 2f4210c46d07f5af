package io.asyncoracle.boot.autoconfigure.observation;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.DatabaseException;
import io.asyncoracle.Row;
import io.asyncoracle.boot.TestDatabases;
import io.asyncoracle.boot.autoconfigure.AsyncOracleAutoConfiguration;
import io.asyncoracle.boot.observation.AsyncOracleObservationContext;
import io.asyncoracle.boot.observation.AsyncOracleObservationConvention;
import io.asyncoracle.boot.observation.DefaultAsyncOracleObservationConvention;
import io.asyncoracle.boot.observation.ObservationCallObserver;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A Micrometer observation per database call: on when an {@link ObservationRegistry} bean exists,
 * child of the caller's observation although the JDBC work runs on a worker, with the OpenTelemetry
 * keys, and the caller's MDC on the worker while the statement runs.
 */
public class AsyncOracleObservationAutoConfigurationTest {

  private static final String NAME = DefaultAsyncOracleObservationConvention.NAME;

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AsyncOracleAutoConfiguration.class,
          AsyncOracleObservationAutoConfiguration.class))
      .withPropertyValues("async-oracle.url=" + TestDatabases.memUrl(), "async-oracle.pool-name=traced");

  @Configuration(proxyBeanMethods = false)
  static class Registry {
    @Bean
    TestObservationRegistry observationRegistry() {
      return TestObservationRegistry.create();
    }
  }

  /** An H2 function: the MDC value of a key on the thread that runs the statement. */
  public static String mdc(String key) {
    return MDC.get(key);
  }

  /** An H2 function: the name of the thread that runs the statement. */
  public static String threadName() {
    return Thread.currentThread().getName();
  }

  /** {@code jdbc:h2:mem:NAME;...} → NAME. */
  private static String memName(String url) {
    return url.substring("jdbc:h2:mem:".length(), url.indexOf(';'));
  }

  private static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(30, TimeUnit.SECONDS);
  }

  @Test
  void eachCallIsAChildOfTheCallersObservationWithTheOpenTelemetryKeys() {
    runner.withUserConfiguration(Registry.class).run(context -> {
      assertThat(context).hasSingleBean(ObservationCallObserver.class);
      TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
      AsyncPool pool = context.getBean(AsyncPool.class);
      assertThat(pool.options().callObserver()).isSameAs(context.getBean(ObservationCallObserver.class));

      Observation request = Observation.start("http.server.requests", registry);
      List<Row> rows;
      try (Observation.Scope scope = request.openScope()) {
        rows = await(pool.withConnection(c -> c.execute("create table orders (id number, item varchar2(20))")
            .thenCompose(n -> c.executeMany("insert into orders values (?, ?)", List.of(List.of(1, "tea"),
                List.of(2, "milk"))))
            .thenCompose(n -> c.commit())
            .thenCompose(v -> c.fetchAll("select item from orders where id > 0 order by id"))));
      } finally {
        request.stop();
      }
      assertThat(rows).hasSize(2);

      assertThat(registry).hasNumberOfObservationsWithNameEqualTo(NAME, 5)
          .forAllObservationsWithNameEqualTo(NAME, call -> call
              .hasParentObservationEqualTo(request)
              .hasLowCardinalityKeyValue("db.system.name", "h2")
              .hasLowCardinalityKeyValue("db.namespace", memName(context.getEnvironment()
                  .getProperty("async-oracle.url")))
              .hasLowCardinalityKeyValue("db.client.connection.pool.name", "traced")
              .hasLowCardinalityKeyValue("server.address", "none")
              .hasLowCardinalityKeyValue("error.type", "none")
              .doesNotHaveError());
      assertThat(registry).hasAnObservation(o -> o.hasContextualNameEqualTo("acquire")
          .hasLowCardinalityKeyValue("db.operation.name", "acquire")
          .doesNotHaveHighCardinalityKeyValueWithKey("db.query.text"));
      assertThat(registry).hasAnObservation(o -> o.hasContextualNameEqualTo("executeMany")
          .hasHighCardinalityKeyValue("db.query.text", "insert into orders values (?, ?)")
          .hasHighCardinalityKeyValue("db.response.affected_rows", "2"));
      assertThat(registry).hasAnObservation(o -> o.hasContextualNameEqualTo("commit")
          .hasLowCardinalityKeyValue("db.operation.name", "commit"));
      assertThat(registry).hasAnObservation(o -> o.hasContextualNameEqualTo("fetchAll")
          .hasHighCardinalityKeyValue("db.query.text", "select item from orders where id > 0 order by id")
          .hasHighCardinalityKeyValue("db.response.returned_rows", "2"));
    });
  }

  @Test
  void aFailedCallRecordsItsError() {
    runner.withUserConfiguration(Registry.class).run(context -> {
      TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
      AsyncPool pool = context.getBean(AsyncPool.class);
      assertThatThrownBy(() -> await(pool.withConnection(c -> c.callProc("no_such_procedure"))))
          .cause().isInstanceOf(DatabaseException.class);
      assertThat(registry).hasAnObservation(o -> o.hasContextualNameEqualTo("callProc no_such_procedure")
          .hasError()
          .hasLowCardinalityKeyValue("error.type", "DatabaseException")
          .hasHighCardinalityKeyValue("db.stored_procedure.name", "no_such_procedure"));
    });
  }

  @Test
  void aCallTimeoutEndsTheObservationWithTheTimeout() {
    runner.withUserConfiguration(Registry.class).withPropertyValues("async-oracle.call-timeout=200ms").run(context -> {
      TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
      AsyncPool pool = context.getBean(AsyncPool.class);
      assertThatThrownBy(() -> await(pool.withConnection(c -> c.fetchOne(TestDatabases.slowQuery(5000)))))
          .cause().isInstanceOf(io.asyncoracle.CallTimeoutException.class);
      // The next call on the same pool is observed normally once the cancelled one has returned.
      await(pool.withConnection(c -> c.fetchOne("select 1 from dual")));
      assertThat(registry).hasAnObservation(o -> o.hasContextualNameEqualTo("fetchOne")
          .hasLowCardinalityKeyValue("error.type", "CallTimeoutException"));
      assertThat(registry).hasNumberOfObservationsWithNameEqualTo(NAME, 4);
    });
  }

  @Test
  void theCallersMdcIsOnTheWorkerWhileTheStatementRunsAndGoneAfterwards() {
    runner.withUserConfiguration(Registry.class).run(context -> {
      AsyncPool pool = context.getBean(AsyncPool.class);
      AsyncConnection c = await(pool.acquire());
      String self = AsyncOracleObservationAutoConfigurationTest.class.getName();
      await(c.execute("CREATE ALIAS MDC_OF FOR '" + self + ".mdc'"));
      await(c.execute("CREATE ALIAS THREAD_NAME FOR '" + self + ".threadName'"));

      MDC.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
      CompletableFuture<Row> seen;
      try {
        seen = c.fetchOne("select mdc_of('traceId'), thread_name() from dual");
      } finally {
        MDC.remove("traceId");
      }
      Row row = await(seen);
      assertThat(row.get(1, String.class)).as("ran on a worker").isNotEqualTo(Thread.currentThread().getName());
      assertThat(row.get(0, String.class)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");

      Row after = await(c.fetchOne("select mdc_of('traceId'), thread_name() from dual"));
      assertThat(after.get(0)).as("a later call without an MDC sees none on %s", after.get(1)).isNull();
      await(c.close());
    });
  }

  @Test
  void aCustomConventionBeanRenamesTheObservations() {
    runner.withUserConfiguration(Registry.class, CustomConvention.class).run(context -> {
      TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
      await(context.getBean(AsyncPool.class).withConnection(c -> c.fetchOne("select 1 from dual")));
      assertThat(registry).hasObservationWithNameEqualTo("orders.db").that()
          .hasLowCardinalityKeyValue("team", "orders");
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class CustomConvention {
    @Bean
    AsyncOracleObservationConvention ordersConvention() {
      return new AsyncOracleObservationConvention() {
        @Override
        public String getName() {
          return "orders.db";
        }

        @Override
        public KeyValues getLowCardinalityKeyValues(AsyncOracleObservationContext context) {
          return KeyValues.of("team", "orders");
        }
      };
    }
  }

  @Test
  void theQueryTextCanBeLeftOut() {
    runner.withUserConfiguration(Registry.class)
        .withPropertyValues("async-oracle.observations.include-query-text=false").run(context -> {
          TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
          await(context.getBean(AsyncPool.class).withConnection(c -> c.fetchOne("select 'secret' from dual")));
          assertThat(registry).forAllObservationsWithNameEqualTo(NAME,
              o -> o.doesNotHaveHighCardinalityKeyValueWithKey("db.query.text"));
        });
  }

  @Test
  void offWithoutAnObservationRegistry() {
    runner.run(context -> {
      assertThat(context).doesNotHaveBean(ObservationCallObserver.class);
      assertThat(context.getBean(AsyncPool.class).options().callObserver()).isNull();
    });
  }

  @Test
  void offWhenDisabled() {
    runner.withUserConfiguration(Registry.class).withPropertyValues("async-oracle.observations.enabled=false")
        .run(context -> {
          assertThat(context).doesNotHaveBean(ObservationCallObserver.class);
          assertThat(context.getBean(AsyncPool.class).options().callObserver()).isNull();
          await(context.getBean(AsyncPool.class).withConnection(c -> c.fetchOne("select 1 from dual")));
          assertThat(context.getBean(TestObservationRegistry.class)).doesNotHaveAnyObservation();
        });
  }

  @Test
  void offWithoutMicrometerObservation() {
    runner.withUserConfiguration(Registry.class).withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
        .run(context -> assertThat(context).doesNotHaveBean(ObservationCallObserver.class));
  }
}
