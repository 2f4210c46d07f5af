package io.asyncoracle.boot.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AcquireTimeoutException;
import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.PoolExhaustedException;
import io.asyncoracle.boot.TestDatabases;
import io.asyncoracle.boot.autoconfigure.AsyncOracleAutoConfiguration;
import io.asyncoracle.boot.metrics.AsyncPoolMetrics;
import io.asyncoracle.boot.metrics.AsyncPoolsMetrics;
import io.asyncoracle.boot.template.AsyncOracleTemplate;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.metadata.DataSourcePoolMetadata;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

class AsyncOracleMetricsAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AsyncOracleAutoConfiguration.class,
          AsyncOracleMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
          CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
      .withPropertyValues("async-oracle.url=" + TestDatabases.memUrl(), "async-oracle.pool-name=metered");

  @Test
  void publishesPoolGaugesTaggedWithThePoolName() {
    runner.withPropertyValues("async-oracle.min=2", "async-oracle.max=5").run(context -> {
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      assertThat(gauge(registry, "async.oracle.pool.connections.max")).isEqualTo(5);
      assertThat(gauge(registry, "async.oracle.pool.connections.min")).isEqualTo(2);
      assertThat(gauge(registry, "async.oracle.pool.connections.opened")).isGreaterThanOrEqualTo(2);
      assertThat(gauge(registry, "async.oracle.pool.connections.busy")).isZero();
      assertThat(gauge(registry, "async.oracle.pool.connections.idle")).isGreaterThanOrEqualTo(2);
      assertThat(gauge(registry, "async.oracle.pool.waiting")).isZero();

      AsyncPool pool = context.getBean(AsyncPool.class);
      AsyncConnection held = pool.acquire().join();
      assertThat(gauge(registry, "async.oracle.pool.connections.busy")).isEqualTo(1);
      held.close().join();
      assertThat(gauge(registry, "async.oracle.pool.connections.busy")).isZero();
    });
  }

  @Test
  void timesAcquireWaitsAndConnectionUse() {
    runner.run(context -> {
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      AsyncOracleTemplate template = context.getBean(AsyncOracleTemplate.class);
      for (int i = 0; i < 3; i++) {
        template.queryForObject(TestDatabases.slowQuery(300), Long.class).join();
      }
      Timer acquire = registry.get("async.oracle.pool.acquire").tag("pool", "metered").timer();
      Timer usage = registry.get("async.oracle.pool.usage").tag("pool", "metered").timer();
      assertThat(acquire.count()).isEqualTo(3);
      // The release is reported as the connection goes back, just before the future completes.
      assertThat(usage.count()).isEqualTo(3);
      assertThat(usage.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    });
  }

  @Test
  void countsAcquireTimeoutsAndShowsWaiters() {
    runner.withPropertyValues("async-oracle.max=1", "async-oracle.acquire-timeout=300ms").run(context -> {
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      AsyncPool pool = context.getBean(AsyncPool.class);
      AsyncConnection held = pool.acquire().join();
      CompletableFuture<AsyncConnection> waiter = pool.acquire();
      assertThat(gauge(registry, "async.oracle.pool.waiting")).isEqualTo(1);
      assertThat(waiter).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
          .havingCause().isInstanceOf(AcquireTimeoutException.class);
      assertThat(registry.get("async.oracle.pool.acquire.timeouts").tag("pool", "metered").counter().count())
          .isEqualTo(1);
      assertThat(gauge(registry, "async.oracle.pool.waiting")).isZero();
      held.close().join();
    });
  }

  @Test
  void countsAcquiresRefusedByAFullQueue() {
    runner.withPropertyValues("async-oracle.max=1", "async-oracle.max-waiters=0").run(context -> {
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      AsyncPool pool = context.getBean(AsyncPool.class);
      AsyncConnection held = pool.acquire().join();
      assertThat(pool.acquire()).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
          .havingCause().isInstanceOf(PoolExhaustedException.class);
      assertThat(registry.get("async.oracle.pool.exhausted").tag("pool", "metered").counter().count()).isEqualTo(1);
      held.close().join();
    });
  }

  @Test
  void countsConnectionsDiscardedWhenAnInterruptedCloseRevokesThem() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    CompletableFuture<?>[] query = new CompletableFuture<?>[1];
    runner.withBean(MeterRegistry.class, () -> registry)
        .withPropertyValues("async-oracle.shutdown.mode=interrupt").run(context -> {
          query[0] = context.getBean(AsyncOracleTemplate.class).queryForObject(TestDatabases.slowQuery(20_000), Long.class);
          TestDatabases.awaitRunning(context.getBean(AsyncPool.class), TestDatabases.slowQuery(20_000), 1,
              Duration.ofSeconds(30));
        });
    assertThat(query[0]).failsWithin(Duration.ofSeconds(10));
    assertThat(registry.get("async.oracle.pool.connections.invalidated").tag("pool", "metered").counter().count())
        .isEqualTo(1);
  }

  @Test
  void publishesBootsJdbcConnectionsGauges() {
    runner.withPropertyValues("async-oracle.min=1", "async-oracle.max=4").run(context -> {
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      assertThat(registry.get("jdbc.connections.max").tag("name", "metered").gauge().value()).isEqualTo(4);
      assertThat(registry.get("jdbc.connections.min").tag("name", "metered").gauge().value()).isEqualTo(1);
      assertThat(registry.get("jdbc.connections.idle").tag("name", "metered").gauge().value()).isGreaterThanOrEqualTo(1);
      AsyncConnection held = context.getBean(AsyncPool.class).acquire().join();
      assertThat(registry.get("jdbc.connections.active").tag("name", "metered").gauge().value()).isEqualTo(1);
      held.close().join();
    });
  }

  @Test
  void skipsJdbcConnectionsGaugesWithoutSpringBootJdbc() {
    runner.withClassLoader(new FilteredClassLoader(DataSourcePoolMetadata.class)).run(context -> {
      assertThat(context).hasSingleBean(AsyncPoolsMetrics.class).doesNotHaveBean("asyncPoolJdbcConnectionsMetrics");
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      assertThat(registry.find("jdbc.connections.max").gauge()).isNull();
      assertThat(registry.find("async.oracle.pool.connections.max").gauge()).isNotNull();
    });
  }

  @Test
  void backsOffWithoutMicrometer() {
    runner.withClassLoader(new FilteredClassLoader("io.micrometer.core")).run(context ->
        assertThat(context).hasSingleBean(AsyncPool.class).doesNotHaveBean(AsyncPoolsMetrics.class)
            .doesNotHaveBean("asyncPoolJdbcConnectionsMetrics"));
  }

  @Test
  void backsOffWithoutAMeterRegistry() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AsyncOracleAutoConfiguration.class,
            AsyncOracleMetricsAutoConfiguration.class))
        .withPropertyValues("async-oracle.url=" + TestDatabases.memUrl())
        .run(context -> assertThat(context).hasSingleBean(AsyncPool.class).doesNotHaveBean(AsyncPoolsMetrics.class)
            .doesNotHaveBean("asyncPoolJdbcConnectionsMetrics"));
  }

  @Test
  void theListenerIsAttachedToThePoolItMeasures() {
    runner.run(context -> {
      AsyncPoolMetrics binder = context.getBean(AsyncPoolsMetrics.class).binders().get(0);
      assertThat(binder.listener()).isNotNull();
      // Attached after creation, not passed in the options: the pool's own options stay the user's.
      assertThat(context.getBean(AsyncPool.class).options().listener()).isNotSameAs(binder.listener());
    });
  }

  @Test
  void openTelemetryNamesOnRequest() {
    runner.withPropertyValues("async-oracle.metrics.naming=opentelemetry", "async-oracle.min=1", "async-oracle.max=3",
        "async-oracle.acquire-timeout=200ms").run(context -> {
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          String pool = "db.client.connection.pool.name";
          AsyncPool asyncPool = context.getBean(AsyncPool.class);
          assertThat(registry.get("db.client.connection.max").tag(pool, "metered").gauge().value()).isEqualTo(3);
          AsyncConnection first = asyncPool.acquire().join();
          AsyncConnection second = asyncPool.acquire().join();
          AsyncConnection third = asyncPool.acquire().join();
          assertThat(registry.get("db.client.connection.count").tag(pool, "metered")
              .tag("db.client.connection.state", "used").gauge().value()).isEqualTo(3);
          assertThat(registry.get("db.client.connection.count").tag(pool, "metered")
              .tag("db.client.connection.state", "idle").gauge().value()).isZero();
          CompletableFuture<AsyncConnection> waiting = asyncPool.acquire();
          assertThat(registry.get("db.client.connection.pending_requests").tag(pool, "metered").gauge().value())
              .isEqualTo(1);
          assertThat(waiting).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
              .havingCause().isInstanceOf(AcquireTimeoutException.class);
          assertThat(registry.get("db.client.connection.timeouts").tag(pool, "metered").counter().count())
              .isEqualTo(1);
          second.close().join();
          third.close().join();
          first.close().join();
          assertThat(registry.get("db.client.connection.count").tag(pool, "metered")
              .tag("db.client.connection.state", "idle").gauge().value()).isEqualTo(3);
          assertThat(registry.get("db.client.connection.wait_time").tag(pool, "metered").timer().count())
              .isGreaterThanOrEqualTo(3);
          assertThat(registry.get("db.client.connection.use_time").tag(pool, "metered").timer().count())
              .isEqualTo(3);
          assertThat(registry.find("async.oracle.pool.connections.max").gauge()).isNull();
          assertThat(registry.find("async.oracle.pool.acquire").timer()).isNull();
        });
  }

  @Test
  void measuresAPoolTheApplicationCreatedItself() {
    runner.withUserConfiguration(UserPools.class).run(context -> {
      assertThat(context).hasNotFailed();
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      AsyncPool replica = context.getBean("replicaPool", AsyncPool.class);
      replica.withConnection(c -> c.fetchOne("select 1 from dual")).join();
      assertThat(registry.get("async.oracle.pool.acquire").tag("pool", "replica").timer().count()).isEqualTo(1);
      assertThat(registry.get("async.oracle.pool.usage").tag("pool", "replica").timer().count()).isEqualTo(1);
      assertThat(registry.get("async.oracle.pool.connections.max").tag("pool", "replica").gauge().value())
          .isEqualTo(3);
    });
  }

  @Test
  void measuresEveryPoolSeparately() {
    runner.withUserConfiguration(UserPools.class).run(context -> {
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      AsyncPool primary = context.getBean("primaryPool", AsyncPool.class);
      AsyncPool replica = context.getBean("replicaPool", AsyncPool.class);
      for (int i = 0; i < 2; i++) {
        primary.withConnection(c -> c.fetchOne("select 1 from dual")).join();
      }
      replica.withConnection(c -> c.fetchOne("select 1 from dual")).join();
      assertThat(registry.get("async.oracle.pool.acquire").tag("pool", "primary").timer().count()).isEqualTo(2);
      assertThat(registry.get("async.oracle.pool.acquire").tag("pool", "replica").timer().count()).isEqualTo(1);
      assertThat(registry.get("async.oracle.pool.connections.max").tag("pool", "primary").gauge().value())
          .isEqualTo(2);
      assertThat(registry.get("jdbc.connections.max").tag("name", "replica").gauge().value()).isEqualTo(3);
      assertThat(registry.get("jdbc.connections.max").tag("name", "primary").gauge().value()).isEqualTo(2);
    });
  }

  /** A primary and a read replica, made by the application: the starter's pool backs off. */
  @Configuration(proxyBeanMethods = false)
  static class UserPools {
    @Bean(destroyMethod = "")
    @Primary
    AsyncPool primaryPool() {
      return AsyncOracle.createPool(PoolOptions.builder().url(TestDatabases.memUrl()).poolName("primary").max(2)
          .build()).join();
    }

    @Bean(destroyMethod = "")
    AsyncPool replicaPool() {
      return AsyncOracle.createPool(PoolOptions.builder().url(TestDatabases.memUrl()).poolName("replica").max(3)
          .build()).join();
    }
  }

  private static double gauge(MeterRegistry registry, String name) {
    return registry.get(name).tag("pool", "metered").gauge().value();
  }
}
