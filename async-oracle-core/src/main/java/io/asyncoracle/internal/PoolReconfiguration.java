package io.asyncoracle.internal;

import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.PoolOptions;
import java.util.Objects;
import java.util.function.Function;

/**
 * Which options {@code AsyncPool.reconfigure} may change while the pool runs. Everything that says
 * where and how to connect, or what the pool was built around (workers, hooks, listener), is fixed
 * for the pool's life; the sizes, modes and timeouts are not.
 */
final class PoolReconfiguration {

  private PoolReconfiguration() {
  }

  private record Fixed(String name, Function<PoolOptions, Object> value) {
  }

  private static final Fixed[] FIXED = {
      new Fixed("url", PoolOptions::url),
      new Fixed("dsn", PoolOptions::dsn),
      new Fixed("host", PoolOptions::host),
      new Fixed("port", PoolOptions::port),
      new Fixed("serviceName", PoolOptions::serviceName),
      new Fixed("sid", PoolOptions::sid),
      new Fixed("user", PoolOptions::user),
      new Fixed("password", PoolOptions::password),
      new Fixed("poolName", PoolOptions::poolName),
      new Fixed("connectTimeout", PoolOptions::connectTimeout),
      new Fixed("arraySize", PoolOptions::arraySize),
      new Fixed("virtualThreads", PoolOptions::virtualThreads),
      new Fixed("workerExecutor", PoolOptions::workerExecutor),
      new Fixed("callbackExecutor", PoolOptions::callbackExecutor),
      new Fixed("connectionProperty", PoolOptions::connectionProperties),
      new Fixed("module", PoolOptions::module),
      new Fixed("failFast", PoolOptions::failFast),
      new Fixed("listener", PoolOptions::listener),
      new Fixed("connectionFactoryClassName", PoolOptions::connectionFactoryClassName),
      new Fixed("sessionCallback", PoolOptions::sessionCallback),
      new Fixed("onConnect", PoolOptions::onConnect),
      new Fixed("callObserver", PoolOptions::callObserver),
  };

  /**
   * Fails naming the first option that changed but may not change while the pool runs.
   *
   * @param before the options now
   * @param after the options asked for
   * @throws InvalidArgumentException naming the option
   */
  static void checkOnlyRuntimeSettingsChanged(PoolOptions before, PoolOptions after) {
    for (Fixed fixed : FIXED) {
      if (!Objects.equals(fixed.value().apply(before), fixed.value().apply(after))) {
        throw new InvalidArgumentException(fixed.name(), fixed.name()
            + " cannot be changed while the pool runs; create a new pool for it");
      }
    }
  }
}
