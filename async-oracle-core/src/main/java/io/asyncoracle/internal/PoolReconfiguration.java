package io.asyncoracle.internal;

import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.PoolClosedException;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import io.asyncoracle.PoolOptions;
import java.util.Objects;
import java.util.function.Function;

/**
 * Which options {@code AsyncPool.reconfigure} may change while the pool runs. Everything that says
 * where and how to connect, or what the pool was built around (workers, hooks, listener), is fixed
 * for the pool's life; the sizes, modes and timeouts are not.
 */
final class PoolReconfiguration {

  private static final System.Logger LOG = System.getLogger(PoolReconfiguration.class.getName());

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

  /**
   * Changes the settings a running pool may change: checked here, applied to UCP and the pool on a
   * worker (UCP's setters may open connections). A lower max closes idle connections above it now and
   * lent ones as they come back; a higher one gives every queued acquire the open the new room allows.
   */
  static CompletableFuture<PoolOptions> reconfigure(UcpAsyncPool pool, Consumer<PoolOptions.Builder> change) {
    if (change == null) {
      return CompletableFuture.failedFuture(new InvalidArgumentException("change", "change must not be null"));
    }
    if (pool.state.lifecycle() == PoolLifecycle.CLOSING) {
      return CompletableFuture.failedFuture(new PoolClosedException(pool.name + " - pool is closed"));
    }
    PoolOptions before = pool.options();
    PoolOptions next;
    try {
      PoolOptions.Builder builder = before.toBuilder();
      change.accept(builder);
      next = builder.build();
      PoolReconfiguration.checkOnlyRuntimeSettingsChanged(before, next);
    } catch (InvalidArgumentException e) {
      return CompletableFuture.failedFuture(e);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(new InvalidArgumentException("change", "the change failed: " + e));
    }
    CompletableFuture<PoolOptions> done = new CompletableFuture<>();
    // UCP's setters may start opening connections (a larger min): on a worker, never the caller's thread.
    pool.runOnWorker(() -> {
      try {
        UcpConfiguration.applyRuntimeSettings(pool.ucp, before, next);
      } catch (SQLException | RuntimeException e) {
        done.completeExceptionally(Errors.map(e));
        return;
      }
      pool.optionsChanged(next);
      java.util.List<HeldConnection> aboveMax = new java.util.ArrayList<>();
      // A lower max: idle connections above it close now, lent ones when they come back. A higher
      // one: every queued acquire that the new room allows gets its open now.
      int opens = pool.state.changeLimits(UcpAsyncPool.stateLimitsOf(next), aboveMax);
      aboveMax.forEach(h -> pool.handoffs.leave(h, Handoffs.Exit.CLOSE));
      pool.opener.start(opens);
      LOG.log(Level.DEBUG, () -> pool.name + " - reconfigured (" + next + ")");
      done.complete(next);
    });
    return done;
  }
}
