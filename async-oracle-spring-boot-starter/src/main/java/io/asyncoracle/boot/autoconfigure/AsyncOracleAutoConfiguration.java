package io.asyncoracle.boot.autoconfigure;

import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncOracleException;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.CallObserver;
import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.PoolListener;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.SessionCallback;
import io.asyncoracle.boot.shutdown.AsyncPoolLifecycle;
import io.asyncoracle.boot.support.JdbcUrls;
import io.asyncoracle.boot.template.AsyncOracleTemplate;
import java.util.concurrent.CompletionException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configures an async-oracle {@link AsyncPool} from {@code async-oracle.*} properties (or a
 * {@code JdbcConnectionDetails} service connection, or an embedded H2 database), an
 * {@link AsyncOracleTemplate} on it, and the {@link AsyncPoolLifecycle} that closes it on shutdown.
 */
@AutoConfiguration
@ConditionalOnClass(AsyncPool.class)
@EnableConfigurationProperties(AsyncOracleProperties.class)
public final class AsyncOracleAutoConfiguration {

  AsyncOracleAutoConfiguration() {
  }

  /**
   * Creates and opens the pool. With {@code async-oracle.fail-fast} (the default) this fails the
   * startup when the database cannot be reached.
   *
   * @param properties the properties
   * @param environment for {@code spring.application.name}
   * @param listeners pool listeners, e.g. the metrics listener
   * @param sessionCallback the application's session callback, if it declares one
   * @param onConnect the application's on-connect hook, if it declares one
   * @param observers the observer of database calls (tracing), if any
   * @param beanFactory to find a service connection and the class loader
   * @return the open pool
   */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean
  AsyncPool asyncPool(AsyncOracleProperties properties, Environment environment,
      ObjectProvider<PoolListener> listeners, ObjectProvider<CallObserver> observers,
      ObjectProvider<SessionCallback> sessionCallback, ObjectProvider<AsyncConnectionInitializer> onConnect,
      ConfigurableListableBeanFactory beanFactory) {
    // The context's class loader, not ours: it decides whether H2 is "on the classpath".
    PoolOptions options = new PoolOptionsFactory(beanFactory.getBeanClassLoader()).create(properties,
        JdbcConnectionDetailsLookup.find(beanFactory), environment.getProperty("spring.application.name"),
        listeners.orderedStream().toList(), observers.getIfUnique(),
        new PoolOptionsFactory.PoolHooks(sessionCallback.getIfUnique(), onConnect.getIfUnique()));
    try {
      return AsyncOracle.createPool(options).join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      if (cause instanceof InvalidArgumentException invalid) {
        throw PoolOptionsFactory.invalid(invalid);
      }
      if (cause instanceof AsyncOracleException) {
        throw new AsyncOracleStartupException(JdbcUrls.redact(options.jdbcUrl()), cause);
      }
      throw e;
    }
  }

  /**
   * The template, for Spring-style asynchronous queries and updates.
   *
   * @param pool the pool
   * @return the template
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnSingleCandidate(AsyncPool.class)
  AsyncOracleTemplate asyncOracleTemplate(AsyncPool pool) {
    return new AsyncOracleTemplate(pool);
  }

  /**
   * Closes the pool after the web server's graceful shutdown.
   *
   * @param pool the pool
   * @param properties the properties
   * @return the lifecycle
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnSingleCandidate(AsyncPool.class)
  AsyncPoolLifecycle asyncPoolLifecycle(AsyncPool pool, AsyncOracleProperties properties) {
    return new AsyncPoolLifecycle(pool, properties.getShutdown().getMode(), properties.getShutdown().getTimeout());
  }
}
