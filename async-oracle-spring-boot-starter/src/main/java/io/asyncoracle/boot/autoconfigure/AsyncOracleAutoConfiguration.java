package io.asyncoracle.boot.autoconfigure;

import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncOracleException;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.CallObserver;
import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.PoolListener;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.SessionCallback;
import io.asyncoracle.boot.client.AsyncOracleClient;
import io.asyncoracle.boot.shutdown.AsyncPoolLifecycle;
import io.asyncoracle.boot.support.JdbcUrls;
import io.asyncoracle.boot.template.AsyncOracleTemplate;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.boot.thread.Threading;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/**
 * Auto-configures an async-oracle {@link AsyncPool} from {@link AsyncOracleConnectionDetails}
 * ({@code async-oracle.*} properties, a service connection, or an embedded H2 database), an
 * {@link AsyncOracleTemplate} and an {@link AsyncOracleClient} on the primary or only pool, and an
 * {@link AsyncPoolLifecycle} per pool bean, the application's own pools included, that closes it on
 * shutdown.
 */
@AutoConfiguration
@ConditionalOnClass(AsyncPool.class)
@EnableConfigurationProperties(AsyncOracleProperties.class)
public final class AsyncOracleAutoConfiguration {

  AsyncOracleAutoConfiguration() {
  }

  /**
   * Where the pool connects, from {@code async-oracle.*}; a service connection replaces it. None
   * when the application defines its own pools (then the properties configure nothing).
   *
   * @param properties the properties
   * @param beanFactory for the class loader
   * @return the connection details
   */
  @Bean
  @ConditionalOnMissingBean({AsyncOracleConnectionDetails.class, AsyncPool.class})
  PropertiesAsyncOracleConnectionDetails asyncOracleConnectionDetails(AsyncOracleProperties properties,
      ConfigurableListableBeanFactory beanFactory) {
    // The context's class loader, not ours: it decides whether H2 is "on the classpath".
    return new PropertiesAsyncOracleConnectionDetails(properties, beanFactory.getBeanClassLoader());
  }

  /**
   * Creates and opens the pool. With {@code async-oracle.fail-fast} (the default) this fails the
   * startup when the database cannot be reached.
   *
   * @param properties the properties
   * @param connectionDetails where to connect
   * @param environment for {@code spring.application.name}
   * @param listeners the application's pool listeners
   * @param customizers customizers of the pool's options, applied in order
   * @param sessionCallback the application's session callback, if it declares one
   * @param onConnect the application's on-connect hook, if it declares one
   * @param observers the observer of database calls (tracing), if any
   * @return the open pool
   */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean
  AsyncPool asyncPool(AsyncOracleProperties properties, AsyncOracleConnectionDetails connectionDetails,
      Environment environment, ObjectProvider<PoolListener> listeners, ObjectProvider<CallObserver> observers,
      ObjectProvider<SessionCallback> sessionCallback, ObjectProvider<AsyncConnectionInitializer> onConnect,
      ObjectProvider<AsyncPoolOptionsCustomizer> customizers) {
    PoolOptions options = new PoolOptionsFactory().create(properties, connectionDetails,
        environment.getProperty("spring.application.name"), listeners.orderedStream().toList(),
        customizers.orderedStream().toList(), Threading.VIRTUAL.isActive(environment),
        observers.getIfUnique(),
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
   * The template, for Spring-style asynchronous queries and updates, on the primary or only pool.
   * With several pools and none primary, make one per pool: {@code new AsyncOracleTemplate(pool)}.
   * Templates the application declares for its other pools (a {@code replicaTemplate}) do not
   * replace it: it stays, {@code @Primary}, so an {@code AsyncOracleTemplate} injected by type is
   * the primary pool's. It backs off for a template the application marks {@code @Primary}, or
   * declares while it has a single pool.
   * A unique {@link SQLExceptionTranslator} bean, when the application defines one, translates the
   * driver's errors; otherwise they are translated by the error codes of the pool's database.
   *
   * @param pool the pool
   * @param sqlExceptionTranslator the application's translator, if it has exactly one
   * @param properties for {@code async-oracle.diagnostics.capture-call-site}
   * @return the template
   */
  @Bean
  @Primary
  @ConditionalOnNoDefaultBean(AsyncOracleTemplate.class)
  @ConditionalOnSingleCandidate(AsyncPool.class)
  AsyncOracleTemplate asyncOracleTemplate(AsyncPool pool, ObjectProvider<SQLExceptionTranslator> sqlExceptionTranslator,
      AsyncOracleProperties properties) {
    SQLExceptionTranslator translator = sqlExceptionTranslator.getIfUnique();
    AsyncOracleTemplate template = translator != null ? new AsyncOracleTemplate(pool, translator)
        : new AsyncOracleTemplate(pool);
    template.setCaptureCallSite(properties.getDiagnostics().isCaptureCallSite());
    return template;
  }

  /**
   * The fluent client, in the style of Spring's {@code JdbcClient}, on the primary (or only)
   * template, so on the primary pool, sharing the template's error translation. Clients the
   * application declares for other pools do not replace it, as for the template.
   *
   * @param template the template
   * @return the client
   */
  @Bean
  @Primary
  @ConditionalOnNoDefaultBean(AsyncOracleClient.class)
  @ConditionalOnSingleCandidate(AsyncOracleTemplate.class)
  AsyncOracleClient asyncOracleClient(AsyncOracleTemplate template) {
    return AsyncOracleClient.create(template);
  }

  /**
   * Registers an {@link AsyncPoolLifecycle} named {@code <pool bean name>Lifecycle} for every
   * {@link AsyncPool} bean, so each closes after the web server's graceful shutdown.
   *
   * @return the registrar
   */
  @Bean
  static AsyncPoolLifecycleRegistrar asyncPoolLifecycleRegistrar() {
    return new AsyncPoolLifecycleRegistrar();
  }
}
