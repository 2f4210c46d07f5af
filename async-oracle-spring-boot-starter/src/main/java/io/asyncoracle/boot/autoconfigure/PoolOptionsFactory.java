package io.asyncoracle.boot.autoconfigure;

import io.asyncoracle.CallObserver;
import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.PoolListener;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.SessionCallback;
import io.asyncoracle.VirtualThreads;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Turns {@link AsyncOracleProperties} (and a service connection, if any) into {@link PoolOptions},
 * reporting bad values as {@link InvalidAsyncOracleConfigurationException}s that name the property.
 */
final class PoolOptionsFactory {

  /**
   * The application's pool hooks, from its beans.
   *
   * @param sessionCallback the session callback, or {@code null}
   * @param onConnect the on-connect hook, or {@code null}
   */
  record PoolHooks(SessionCallback sessionCallback, AsyncConnectionInitializer onConnect) {
  }

  private static final Log LOG = LogFactory.getLog(AsyncOracleAutoConfiguration.class);
  private static final String H2_DRIVER = "org.h2.Driver";
  /** {@code V$SESSION.MODULE} holds 48 bytes (ORA-24960 beyond). */
  private static final int MODULE_MAX_BYTES = 48;

  private final ClassLoader classLoader;

  PoolOptionsFactory(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  /**
   * Builds the options.
   *
   * @param properties the bound properties
   * @param serviceConnection connection details from a service connection, or {@code null}
   * @param applicationName {@code spring.application.name}, or {@code null}
   * @param listeners the pool listeners (metrics), possibly empty
   * @param callObserver the observer of database calls (tracing), or {@code null}
   * @return the options
   * @throws InvalidAsyncOracleConfigurationException if something is missing or invalid
   */
  PoolOptions create(AsyncOracleProperties properties, DatabaseTarget serviceConnection, String applicationName,
      List<PoolListener> listeners, CallObserver callObserver) {
    return create(properties, serviceConnection, applicationName, listeners, callObserver, null);
  }

  /**
   * Builds the options with the application's pool hooks.
   *
   * @param properties the bound properties
   * @param serviceConnection connection details from a service connection, or {@code null}
   * @param applicationName {@code spring.application.name}, or {@code null}
   * @param listeners the pool listeners (metrics), possibly empty
   * @param callObserver the observer of database calls (tracing), or {@code null}
   * @param hooks the session callback and on-connect hook beans, or {@code null}
   * @return the options
   * @throws InvalidAsyncOracleConfigurationException if something is missing or invalid
   */
  PoolOptions create(AsyncOracleProperties properties, DatabaseTarget serviceConnection, String applicationName,
      List<PoolListener> listeners, CallObserver callObserver, PoolHooks hooks) {
    PoolOptions.Builder builder = PoolOptions.builder();
    target(builder, properties, serviceConnection);
    if (StringUtils.hasText(properties.getTnsAdmin())) {
      builder.connectionProperty("oracle.net.tns_admin", properties.getTnsAdmin());
    }
    if (StringUtils.hasText(properties.getWalletLocation())) {
      builder.connectionProperty("oracle.net.wallet_location", properties.getWalletLocation());
    }
    properties.getConnectionProperties().forEach(builder::connectionProperty);
    builder.poolName(properties.getPoolName())
        .min(properties.getMin())
        .max(properties.getMax())
        .acquireTimeout(properties.getAcquireTimeout())
        .maxWaiters(properties.getMaxWaiters())
        .validateOnBorrow(properties.isValidateOnBorrow())
        .inactiveTimeout(properties.getInactiveTimeout())
        .maxLifetime(properties.getMaxLifetime())
        .stmtCacheSize(properties.getStatementCacheSize())
        .callTimeout(properties.getCallTimeout())
        .arraySize(properties.getArraySize())
        .virtualThreads(virtualThreads(properties.getVirtualThreads()))
        .failFast(properties.isFailFast())
        .module(module(properties.getModule(), applicationName))
        .getMode(properties.getGetMode())
        .waitTimeout(properties.getWaitTimeout())
        .increment(properties.getIncrement())
        .pingTimeout(properties.getPingTimeout());
    if (properties.getPingInterval() != null) {
      // After validate-on-borrow: a ping interval that is set says whether (and when) to check.
      builder.pingInterval(properties.getPingInterval());
    }
    if (hooks != null) {
      builder.sessionCallback(hooks.sessionCallback()).onConnect(hooks.onConnect());
    }
    if (!listeners.isEmpty()) {
      builder.listener(CompositePoolListener.of(listeners));
    }
    builder.callObserver(callObserver);
    try {
      return builder.build();
    } catch (InvalidArgumentException e) {
      throw invalid(e);
    }
  }

  static InvalidAsyncOracleConfigurationException invalid(InvalidArgumentException e) {
    return new InvalidAsyncOracleConfigurationException(ConfigurationPropertyNames.forArgument(e.argument()),
        e.getMessage(), e);
  }

  private void target(PoolOptions.Builder builder, AsyncOracleProperties properties, DatabaseTarget serviceConnection) {
    if (serviceConnection != null) {
      // A service connection (e.g. @ServiceConnection OracleContainer) wins over properties, as in Boot.
      builder.url(serviceConnection.url()).user(serviceConnection.username()).password(serviceConnection.password());
      return;
    }
    boolean configured = properties.getUrl() != null || properties.getHost() != null
        || properties.getServiceName() != null || properties.getSid() != null || properties.getPort() != null;
    if (configured) {
      if (properties.getUrl() == null && properties.getHost() == null) {
        throw new InvalidAsyncOracleConfigurationException(AsyncOracleProperties.PREFIX + ".host",
            "async-oracle.service-name, async-oracle.sid and async-oracle.port need async-oracle.host"
                + " (or set async-oracle.url instead)", null);
      }
      // Passed as given: build() reports a service name without host, url with host, a bad port.
      builder.url(properties.getUrl()).host(properties.getHost())
          .serviceName(properties.getServiceName()).sid(properties.getSid());
      if (properties.getPort() != null) {
        builder.port(properties.getPort());
      }
      builder.user(properties.getUsername()).password(properties.getPassword());
      return;
    }
    if (!ClassUtils.isPresent(H2_DRIVER, classLoader)) {
      throw new InvalidAsyncOracleConfigurationException(AsyncOracleProperties.PREFIX + ".url",
          "no database is configured (set async-oracle.url, or async-oracle.host with async-oracle.service-name"
              + " or async-oracle.sid) and H2 is not on the classpath for an embedded one", null);
    }
    String name = StringUtils.hasText(properties.getEmbeddedDatabaseName())
        ? properties.getEmbeddedDatabaseName() : "async-oracle-" + UUID.randomUUID();
    String url = "jdbc:h2:mem:" + name + ";MODE=Oracle;DB_CLOSE_DELAY=-1";
    LOG.warn("No database configured (async-oracle.url or async-oracle.host): using an embedded in-memory H2"
        + " database in Oracle mode (" + url + "). Set async-oracle.url to use Oracle Database.");
    builder.url(url)
        .user(properties.getUsername() != null ? properties.getUsername() : "sa")
        .password(properties.getPassword() != null ? properties.getPassword() : "");
  }

  private static VirtualThreads virtualThreads(AsyncOracleProperties.VirtualThreadsMode mode) {
    if (mode == null) {
      return VirtualThreads.AUTO;
    }
    return switch (mode) {
      case AUTO -> VirtualThreads.AUTO;
      case TRUE -> VirtualThreads.ENABLED;
      case FALSE -> VirtualThreads.DISABLED;
    };
  }

  /** The configured module, else the application name cut to what the column holds. */
  private static String module(String configured, String applicationName) {
    if (configured != null) {
      return configured;
    }
    if (!StringUtils.hasText(applicationName)) {
      return null;
    }
    String name = applicationName;
    while (name.getBytes(StandardCharsets.UTF_8).length > MODULE_MAX_BYTES) {
      name = name.substring(0, name.length() - 1);
    }
    return name;
  }
}
