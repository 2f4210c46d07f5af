package io.asyncoracle.boot.autoconfigure.health;

import io.asyncoracle.AsyncPool;
import io.asyncoracle.boot.autoconfigure.AsyncOracleAutoConfiguration;
import io.asyncoracle.boot.autoconfigure.AsyncOracleProperties;
import io.asyncoracle.boot.health.AsyncOracleHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures the pool's health indicator when Spring Boot's health support is present;
 * switched off with {@code management.health.async-oracle.enabled=false}.
 */
@AutoConfiguration(after = AsyncOracleAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, AsyncPool.class})
@ConditionalOnSingleCandidate(AsyncPool.class)
@ConditionalOnEnabledHealthIndicator("async-oracle")
public final class AsyncOracleHealthAutoConfiguration {

  AsyncOracleHealthAutoConfiguration() {
  }

  /**
   * The health indicator, shown as {@code asyncOracle} in the health endpoint.
   *
   * @param pool the pool
   * @param properties for the health timeout
   * @return the indicator
   */
  @Bean
  @ConditionalOnMissingBean(name = "asyncOracleHealthIndicator")
  AsyncOracleHealthIndicator asyncOracleHealthIndicator(AsyncPool pool, AsyncOracleProperties properties) {
    return new AsyncOracleHealthIndicator(pool, properties.getHealth().getTimeout());
  }
}
