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
 * Auto-configures the pool's health indicator when Spring Boot's health support is present. Its
 * contributor name is {@value #CONTRIBUTOR}, the name the switch uses too:
 * {@code management.health.async-oracle.enabled=false} turns it off,
 * {@code /actuator/health/async-oracle} shows it, and
 * {@code management.endpoint.health.group.readiness.include=readinessState,async-oracle} makes the
 * readiness probe depend on the database.
 */
@AutoConfiguration(after = AsyncOracleAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, AsyncPool.class})
@ConditionalOnSingleCandidate(AsyncPool.class)
@ConditionalOnEnabledHealthIndicator(AsyncOracleHealthAutoConfiguration.CONTRIBUTOR)
public final class AsyncOracleHealthAutoConfiguration {

  /** The contributor name in the health endpoint and in health groups, and the switch's name. */
  public static final String CONTRIBUTOR = "async-oracle";

  /**
   * The bean's name: Boot names a contributor after its bean, minus the {@code HealthIndicator}
   * suffix, so this one appears as {@value #CONTRIBUTOR}, as its switch is named.
   */
  public static final String BEAN_NAME = CONTRIBUTOR + "HealthIndicator";

  AsyncOracleHealthAutoConfiguration() {
  }

  /**
   * The health indicator, shown as {@value #CONTRIBUTOR} in the health endpoint.
   *
   * @param pool the pool
   * @param properties for the health timeout and whether to show the URL
   * @return the indicator
   */
  @Bean(BEAN_NAME)
  @ConditionalOnMissingBean(name = {BEAN_NAME, "asyncOracleHealthIndicator"})
  AsyncOracleHealthIndicator asyncOracleHealthIndicator(AsyncPool pool, AsyncOracleProperties properties) {
    return new AsyncOracleHealthIndicator(pool, properties.getHealth().getTimeout(),
        properties.getHealth().isShowUrl());
  }
}
