package io.asyncoracle.internal;

import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import oracle.ucp.UniversalConnectionPoolException;
import oracle.ucp.admin.UniversalConnectionPoolManager;
import oracle.ucp.admin.UniversalConnectionPoolManagerImpl;
import oracle.ucp.jdbc.PoolDataSource;

/**
 * Every call to UCP's pool manager: stop and start (suspend, resume), purge and destroy (close).
 * UCP's {@code PoolDataSource} has no close: only the manager frees a pool and its name.
 */
final class UcpControl {

  private static final System.Logger LOG = System.getLogger(UcpControl.class.getName());

  private final String name;
  /** Serialises stopping and starting UCP's pool. */
  private final ReentrantLock lifecycle = new ReentrantLock();
  /** UCP's pool was stopped by a suspension and not started since. */
  private volatile boolean stopped;
  private volatile boolean destroyed;

  UcpControl(String name) {
    this.name = name;
  }

  private static UniversalConnectionPoolManager manager() throws UniversalConnectionPoolException {
    return UniversalConnectionPoolManagerImpl.getUniversalConnectionPoolManager();
  }

  /** Stops UCP's pool, which closes every physical connection it holds and opens none until started. */
  void stop() {
    lifecycle.lock();
    try {
      manager().stopConnectionPool(name);
      stopped = true;
    } catch (Exception e) {
      // Never started (a lazy pool not used yet): no physical connection to close.
      LOG.log(Level.TRACE, () -> name + " - stop: " + e);
    } finally {
      lifecycle.unlock();
    }
  }

  /** Whether a suspension stopped UCP's pool. */
  boolean stopped() {
    return stopped;
  }

  /** Starts UCP's pool again if a suspension stopped it. */
  void startIfStopped() throws SQLException {
    lifecycle.lock();
    try {
      if (stopped) {
        try {
          manager().startConnectionPool(name);
        } catch (UniversalConnectionPoolException e) {
          throw new SQLException(name + " - could not start the Universal Connection Pool again: " + e.getMessage(), e);
        }
        stopped = false;
      }
    } finally {
      lifecycle.unlock();
    }
  }

  /** Closes UCP's idle connections without waiting for those it is still creating. */
  void purge() {
    try {
      manager().purgeConnectionPool(name);
    } catch (Exception e) {
      LOG.log(Level.TRACE, () -> name + " - purge: " + e);
    }
  }

  /** Destroys UCP's pool: every physical connection closes and the pool name is free. May wait for UCP. */
  void destroy() {
    destroyed = true;
    try {
      manager().destroyConnectionPool(name);
    } catch (Exception e) {
      // Never started (lazy pool with no acquire): nothing to destroy.
      LOG.log(Level.TRACE, () -> name + " - destroy: " + e);
    }
  }

  /** Connections idle in UCP itself (not held by the async pool); 0 when UCP has none or is gone. */
  int availableInUcp(PoolDataSource ucp) {
    if (destroyed) {
      return 0;
    }
    try {
      return ucp.getAvailableConnectionsCount();
    } catch (SQLException | RuntimeException e) {
      // UCP not started yet (lazy pool) or already destroyed.
      return 0;
    }
  }
}
