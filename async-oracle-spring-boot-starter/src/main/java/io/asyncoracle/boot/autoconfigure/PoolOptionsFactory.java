package io.asyncoracle.boot.autoconfigure;

import io.asyncoracle.CallObserver;
import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.PoolListener;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.SessionCallback;
import io.asyncoracle.VirtualThreads;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.util.StringUtils;

/**
 * Turns {@link AsyncOracleProperties} and {@link AsyncOracleConnectionDetails} into {@link PoolOptions},
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

  /** {@code V$SESSION.MODULE} holds 48 bytes (ORA-24960 beyond). */
  private static final int MODULE_MAX_BYTES = 48;

  PoolOptionsFactory() {
  }

  /**
   * Builds the options.
   *
   * @param properties the bound properties
   * @param connectionDetails where to connect: from the properties, or a service connection
   * @param applicationName {@code spring.application.name}, or {@code null}
   * @param listeners the pool listeners (metrics), possibly empty
   * @return the options
   * @throws InvalidAsyncOracleConfigurationException if something is missing or invalid
   */
  PoolOptions create(AsyncOracleProperties properties, AsyncOracleConnectionDetails connectionDetails,
      String applicationName, List<PoolListener> listeners, CallObserver callObserver) {
    return create(properties, connectionDetails, applicationName, listeners, List.of(), false, callObserver, null);
  }

  /**
   * Builds the options, then applies the customizers in order.
   *
   * @param properties the bound properties
   * @param connectionDetails where to connect: from the properties, or a service connection
   * @param applicationName {@code spring.application.name}, or {@code null}
   * @param listeners the pool listeners (metrics), possibly empty
   * @param customizers the {@link AsyncPoolOptionsCustomizer} beans, in order
   * @param springVirtualThreads whether Spring Boot runs on virtual threads
   *     ({@code spring.threads.virtual.enabled} on Java 21+): the workers follow when
   *     {@code async-oracle.virtual-threads} is {@code auto}
   * @param callObserver the observer of database calls (tracing), or {@code null}
   * @param hooks the session callback and on-connect hook beans, or {@code null}
   * @return the options
   * @throws InvalidAsyncOracleConfigurationException if something is missing or invalid
   */
  PoolOptions create(AsyncOracleProperties properties, AsyncOracleConnectionDetails connectionDetails,
      String applicationName, List<PoolListener> listeners, List<AsyncPoolOptionsCustomizer> customizers,
      boolean springVirtualThreads, CallObserver callObserver, PoolHooks hooks) {
    PoolOptions.Builder builder = PoolOptions.builder();
    target(builder, connectionDetails);
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
        .connectTimeout(properties.getConnectTimeout())
        .maxWaiters(properties.getMaxWaiters())
        .validateOnBorrow(properties.isValidateOnBorrow())
        .inactiveTimeout(properties.getInactiveTimeout())
        .maxLifetime(properties.getMaxLifetime())
        .stmtCacheSize(properties.getStatementCacheSize())
        .callTimeout(properties.getCallTimeout())
        .arraySize(properties.getArraySize())
        .virtualThreads(virtualThreads(properties.getVirtualThreads(), springVirtualThreads))
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
    for (AsyncPoolOptionsCustomizer customizer : customizers) {
      customizer.customize(builder);
    }
    builder.callObserver(callObserver);
    try {
      PoolOptions options = builder.build();
      // A listener a customizer set joins the PoolListener beans instead of replacing them.
      List<PoolListener> all = new java.util.ArrayList<>(listeners);
      if (options.listener() != PoolListener.NONE) {
        all.add(options.listener());
      }
      return all.isEmpty() ? options : options.toBuilder().listener(CompositePoolListener.of(all)).build();
    } catch (InvalidArgumentException e) {
      throw invalid(e);
    }
  }

  static InvalidAsyncOracleConfigurationException invalid(InvalidArgumentException e) {
    return new InvalidAsyncOracleConfigurationException(ConfigurationPropertyNames.forArgument(e.argument()),
        e.getMessage(), e);
  }

  private void target(PoolOptions.Builder builder, AsyncOracleConnectionDetails details) {
    if (!(details instanceof PropertiesAsyncOracleConnectionDetails fromProperties)) {
      // A service connection (e.g. @ServiceConnection OracleContainer) wins over properties, as in Boot.
      builder.url(details.getUrl()).user(details.getUsername()).password(details.getPassword());
      return;
    }
    AsyncOracleProperties properties = fromProperties.properties();
    if (!fromProperties.embedded()) {
      if (properties.getUrl() == null && properties.getHost() == null) {
        throw hostMissing();
      }
      // Passed as given: build() reports a service name without host, url with host, a bad port.
      builder.url(properties.getUrl()).host(properties.getHost())
          .serviceName(properties.getServiceName()).sid(properties.getSid());
      if (properties.getPort() != null) {
        builder.port(properties.getPort());
      }
    } else {
      builder.url(fromProperties.getUrl());
    }
    builder.user(fromProperties.getUsername()).password(fromProperties.getPassword());
  }

  static InvalidAsyncOracleConfigurationException hostMissing() {
    return new InvalidAsyncOracleConfigurationException(AsyncOracleProperties.PREFIX + ".host",
        "async-oracle.service-name, async-oracle.sid and async-oracle.port need async-oracle.host"
            + " (or set async-oracle.url instead)", null);
  }

  private static VirtualThreads virtualThreads(AsyncOracleProperties.VirtualThreadsMode mode,
      boolean springVirtualThreads) {
    if (mode == null || mode == AsyncOracleProperties.VirtualThreadsMode.AUTO) {
      // The application chose virtual threads for Spring's own executors: ours follow.
      return springVirtualThreads ? VirtualThreads.ENABLED : VirtualThreads.AUTO;
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
