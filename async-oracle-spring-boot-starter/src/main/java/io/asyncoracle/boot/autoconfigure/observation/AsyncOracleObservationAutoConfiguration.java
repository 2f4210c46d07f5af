package io.asyncoracle.boot.autoconfigure.observation;

import io.asyncoracle.AsyncPool;
import io.asyncoracle.boot.autoconfigure.AsyncOracleProperties;
import io.asyncoracle.boot.observation.AsyncOracleObservationConvention;
import io.asyncoracle.boot.observation.DefaultAsyncOracleObservationConvention;
import io.asyncoracle.boot.observation.ObservationCallObserver;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Observes every database call and acquire of the pool with Micrometer when the application has
 * an {@link ObservationRegistry} (Spring Boot's actuator makes one): the pool bean takes the
 * {@link ObservationCallObserver} when it is created. {@code async-oracle.observations.enabled=false}
 * turns it off; the pool then does no observation work per call at all.
 */
@AutoConfiguration(
    afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ObservationRegistry.class, AsyncPool.class})
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnBooleanProperty(name = AsyncOracleProperties.PREFIX + ".observations.enabled", matchIfMissing = true)
public final class AsyncOracleObservationAutoConfiguration {

  AsyncOracleObservationAutoConfiguration() {
  }

  /**
   * The observer the pool reports each call to.
   *
   * @param registry the observation registry
   * @param convention a convention bean replacing the default one, if any
   * @param environment for {@code async-oracle.observations.include-query-text}
   * @return the observer
   */
  @Bean
  @ConditionalOnMissingBean
  ObservationCallObserver asyncOracleCallObserver(ObservationRegistry registry,
      ObjectProvider<AsyncOracleObservationConvention> convention, org.springframework.core.env.Environment environment) {
    boolean includeQueryText = environment.getProperty(AsyncOracleProperties.PREFIX + ".observations.include-query-text",
        Boolean.class, true);
    return new ObservationCallObserver(registry, convention.getIfUnique(),
        new DefaultAsyncOracleObservationConvention(includeQueryText));
  }
}
