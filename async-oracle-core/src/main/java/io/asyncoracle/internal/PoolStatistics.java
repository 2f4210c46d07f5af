package io.asyncoracle.internal;

import io.asyncoracle.AcquireTimeoutException;
import io.asyncoracle.GetMode;
import io.asyncoracle.PoolExhaustedException;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.PoolStats;
import java.sql.SQLException;

/** A pool's statistics, and the errors that carry them (exhausted, acquire timeout). Stateless. */
final class PoolStatistics {

  private PoolStatistics() {}

  static PoolStats stats(UcpAsyncPool pool) {
    PoolCounts c = pool.state.counts();
    int inUcp = pool.ucpControl.availableInUcp(pool.ucp);
    PoolOptions current = pool.options();
    // Connections on their way out (closing, going back to UCP) are no longer the pool's to count.
    int staying = c.lent() + c.idle();
    return new PoolStats(staying + inUcp, c.lent(), c.idle() + inUcp, c.waiting(), current.min(), current.max(),
        Math.max(0, staying - current.max()));
  }

  /** Connections UCP counts as borrowed (by this pool), for tests. */
  static int borrowedFromUcp(UcpAsyncPool pool) {
    try {
      return pool.ucp.getBorrowedConnectionsCount();
    } catch (SQLException | RuntimeException e) {
      return 0;
    }
  }

  /** The error of an acquire refused because every connection is busy and no more may wait. */
  static PoolExhaustedException exhausted(UcpAsyncPool pool) {
    PoolCounts c = pool.state.counts();
    PoolOptions options = pool.options();
    String why = pool.state.lifecycle() == PoolLifecycle.SUSPENDED
        ? "the pool is suspended and " + c.waiting() + " acquires are already waiting (maxWaiters=" + options.maxWaiters()
        : pool.limits().getMode == GetMode.NOWAIT ? "every connection is busy and getMode is NOWAIT ("
        : "every connection is busy and " + c.waiting() + " acquires are already waiting (maxWaiters="
            + options.maxWaiters() + "; ";
    return new PoolExhaustedException(pool.name + " - " + why + (why.endsWith("(") ? "" : "; ")
        + pool.stateForMessages() + ")");
  }

  /** The error of an acquire whose deadline passed. */
  static AcquireTimeoutException acquireTimeout(UcpAsyncPool pool, AcquireFuture acquire) {
    String which = pool.limits().getMode == GetMode.TIMEDWAIT ? "waitTimeout" : "acquireTimeout";
    return new AcquireTimeoutException(pool.name + " - no connection available after "
        + java.time.Duration.ofNanos(acquire.deadline - acquire.startNanos).toMillis() + "ms (" + which + "; "
        + pool.stateForMessages() + ")", pool.stats(), pool.opener.lastFailure());
  }
}
