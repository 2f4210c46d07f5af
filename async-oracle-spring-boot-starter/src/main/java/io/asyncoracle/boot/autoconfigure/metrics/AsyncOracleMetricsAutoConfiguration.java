package io.asyncoracle.boot.autoconfigure.metrics;

import io.asyncoracle.AsyncPool;
import io.asyncoracle.boot.autoconfigure.AsyncOracleAutoConfiguration;
import io.asyncoracle.boot.autoconfigure.AsyncOracleProperties;
import io.asyncoracle.boot.metrics.AsyncPoolDataSourcePoolMetadata;
import io.asyncoracle.boot.metrics.AsyncPoolsMetrics;
import io.asyncoracle.boot.metrics.JdbcConnectionsMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.metadata.DataSourcePoolMetadata;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configures Micrometer meters for every {@link AsyncPool} bean, the application's own pools
 * included, when a {@link MeterRegistry} is present: each pool's gauges and event meters (its
 * listener is attached to the open pool), tagged {@code pool=<pool name>}, and, with
 * spring-boot-jdbc present, Boot's standard {@code jdbc.connections.*} gauges tagged
 * {@code name=<pool name>}. Pool names are unique in the JVM, so every pool has its own meters.
 * Boot binds the binders to the registry.
 */
@AutoConfiguration(after = AsyncOracleAutoConfiguration.class,
    afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass({MeterRegistry.class, AsyncPool.class})
@ConditionalOnBean({MeterRegistry.class, AsyncPool.class})
public final class AsyncOracleMetricsAutoConfiguration {

  AsyncOracleMetricsAutoConfiguration() {
  }

  /**
   * The binder of every pool's meters. Creating it attaches a metrics listener to each pool.
   *
   * @param pools the pool beans
   * @param properties for {@code async-oracle.metrics.naming}
   * @return the binder
   */
  @Bean
  @ConditionalOnMissingBean
  AsyncPoolsMetrics asyncPoolMetrics(List<AsyncPool> pools, AsyncOracleProperties properties) {
    return new AsyncPoolsMetrics(pools, properties.getMetrics().getNaming());
  }

  /** Boot's {@code jdbc.connections.*} gauges for the pools. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(DataSourcePoolMetadata.class)
  static final class JdbcConnectionsMetricsConfiguration {

    /**
     * The gauges of every pool, tagged {@code name=<pool name>}.
     *
     * @param pools the pool beans
     * @return the binder
     */
    @Bean
    @ConditionalOnMissingBean(name = "asyncPoolJdbcConnectionsMetrics")
    MeterBinder asyncPoolJdbcConnectionsMetrics(List<AsyncPool> pools) {
      List<JdbcConnectionsMetrics> binders = pools.stream()
          .map(pool -> new JdbcConnectionsMetrics(new AsyncPoolDataSourcePoolMetadata(pool), pool.name()))
          .toList();
      return registry -> binders.forEach(binder -> binder.bindTo(registry));
    }
  }
}
