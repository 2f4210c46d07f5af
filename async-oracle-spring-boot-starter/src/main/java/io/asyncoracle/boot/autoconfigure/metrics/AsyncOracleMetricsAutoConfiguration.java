package io.asyncoracle.boot.autoconfigure.metrics;

import io.asyncoracle.AsyncPool;
import io.asyncoracle.boot.autoconfigure.AsyncOracleAutoConfiguration;
import io.asyncoracle.boot.autoconfigure.AsyncOracleProperties;
import io.asyncoracle.boot.metrics.AsyncPoolDataSourcePoolMetadata;
import io.asyncoracle.boot.metrics.AsyncPoolMetrics;
import io.asyncoracle.boot.metrics.AsyncPoolMetricsListener;
import io.asyncoracle.boot.metrics.JdbcConnectionsMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.jdbc.metadata.DataSourcePoolMetadata;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configures the pool's Micrometer meters when a {@link MeterRegistry} is present: the
 * listener the pool reports its events to (created before the pool, which takes it at creation),
 * the binder of the pool's meters and, with spring-boot-jdbc present, Boot's standard
 * {@code jdbc.connections.*} gauges. Boot binds the binders to the registry.
 */
@AutoConfiguration(after = AsyncOracleAutoConfiguration.class,
    afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass({MeterRegistry.class, AsyncPool.class})
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnSingleCandidate(AsyncPool.class)
public final class AsyncOracleMetricsAutoConfiguration {

  AsyncOracleMetricsAutoConfiguration() {
  }

  /**
   * The listener that turns pool events into timers and counters. The pool bean picks up every
   * {@code PoolListener} bean when it is created.
   *
   * @return the listener
   */
  @Bean
  @ConditionalOnMissingBean
  AsyncPoolMetricsListener asyncPoolMetricsListener() {
    return new AsyncPoolMetricsListener();
  }

  /**
   * The binder of the pool's gauges and of the listener's meters.
   *
   * @param pool the pool
   * @param listener the metrics listener, if any
   * @param properties for {@code async-oracle.metrics.naming}
   * @return the binder
   */
  @Bean
  @ConditionalOnMissingBean
  AsyncPoolMetrics asyncPoolMetrics(AsyncPool pool, ObjectProvider<AsyncPoolMetricsListener> listener,
      AsyncOracleProperties properties) {
    return new AsyncPoolMetrics(pool, listener.getIfUnique(), properties.getMetrics().getNaming());
  }

  /** Boot's {@code jdbc.connections.*} gauges for the pool. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(DataSourcePoolMetadata.class)
  static final class JdbcConnectionsMetricsConfiguration {

    /**
     * The gauges, tagged {@code name=<pool name>}.
     *
     * @param pool the pool
     * @return the binder
     */
    @Bean
    @ConditionalOnMissingBean
    JdbcConnectionsMetrics asyncPoolJdbcConnectionsMetrics(AsyncPool pool) {
      return new JdbcConnectionsMetrics(new AsyncPoolDataSourcePoolMetadata(pool), pool.name());
    }
  }
}
