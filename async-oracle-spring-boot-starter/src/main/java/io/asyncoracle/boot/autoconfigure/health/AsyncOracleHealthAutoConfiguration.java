package io.asyncoracle.boot.autoconfigure.health;

import io.asyncoracle.AsyncPool;
import io.asyncoracle.boot.autoconfigure.AsyncOracleAutoConfiguration;
import io.asyncoracle.boot.autoconfigure.AsyncOracleProperties;
import io.asyncoracle.boot.health.AsyncOracleHealthIndicator;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures the pools' health when Spring Boot's health support is present; switched off
 * with {@code management.health.async-oracle.enabled=false}. One pool gives one indicator; several
 * pools (e.g. a primary and a read replica) give a composite with one indicator per pool, named by
 * its bean name, as Boot does for several {@code DataSource}s.
 */
@AutoConfiguration(after = AsyncOracleAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, AsyncPool.class})
@ConditionalOnBean(AsyncPool.class)
@ConditionalOnEnabledHealthIndicator("async-oracle")
public final class AsyncOracleHealthAutoConfiguration {

  AsyncOracleHealthAutoConfiguration() {
  }

  /**
   * The pools' health, shown as {@code asyncOracle} in the health endpoint: the indicator of the
   * only pool, or a composite of one indicator per pool bean.
   *
   * @param pools the pool beans by name
   * @param properties for the health timeout
   * @return the indicator or composite
   */
  @Bean
  @ConditionalOnMissingBean(name = "asyncOracleHealthIndicator")
  HealthContributor asyncOracleHealthIndicator(Map<String, AsyncPool> pools, AsyncOracleProperties properties) {
    Duration timeout = properties.getHealth().getTimeout();
    if (pools.size() == 1) {
      return indicator(pools.values().iterator().next(), timeout);
    }
    return CompositeHealthContributor.fromMap(pools, pool -> indicator(pool, timeout));
  }

  /** The one place a pool's indicator is made from the properties. */
  private static AsyncOracleHealthIndicator indicator(AsyncPool pool, Duration timeout) {
    return new AsyncOracleHealthIndicator(pool, timeout);
  }
}
