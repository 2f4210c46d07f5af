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
 * Auto-configures the pool's health indicator when Spring Boot's health support is present. Its
 * contributor name is {@value #CONTRIBUTOR}, the name the switch uses too:
 * {@code management.health.async-oracle.enabled=false} turns it off,
 * {@code /actuator/health/async-oracle} shows it, and
 * {@code management.endpoint.health.group.readiness.include=readinessState,async-oracle} makes the
 * readiness probe depend on the database. One pool gives one indicator; several pools (a primary
 * and a read replica) give a composite with one indicator per pool, named by its bean name, as Boot
 * does for several {@code DataSource}s.
 */
@AutoConfiguration(after = AsyncOracleAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, AsyncPool.class})
@ConditionalOnBean(AsyncPool.class)
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
   * The pools' health, shown as {@value #CONTRIBUTOR} in the health endpoint: the indicator of the
   * only pool, or a composite of one indicator per pool bean.
   *
   * @param pools the pool beans by name
   * @param properties for the health timeout and whether to show the URL
   * @return the indicator or composite
   */
  @Bean(BEAN_NAME)
  @ConditionalOnMissingBean(name = {BEAN_NAME, "asyncOracleHealthIndicator"})
  HealthContributor asyncOracleHealthIndicator(Map<String, AsyncPool> pools, AsyncOracleProperties properties) {
    Duration timeout = properties.getHealth().getTimeout();
    boolean showUrl = properties.getHealth().isShowUrl();
    if (pools.size() == 1) {
      return indicator(pools.values().iterator().next(), timeout, showUrl);
    }
    return CompositeHealthContributor.fromMap(pools, pool -> indicator(pool, timeout, showUrl));
  }

  /** The one place a pool's indicator is made from the properties. */
  private static AsyncOracleHealthIndicator indicator(AsyncPool pool, Duration timeout, boolean showUrl) {
    return new AsyncOracleHealthIndicator(pool, timeout, showUrl);
  }
}
