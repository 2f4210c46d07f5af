package io.asyncoracle.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * Once a second, on the timer: gives idle connections past their hold window back to UCP, and
 * closes those past {@code maxLifetime} and those idle past {@code timeout} while more than
 * {@code min} are open (least recently used first). The work itself runs on workers.
 */
final class Housekeeper {

  /** How often idle held connections past their window go back to UCP. */
  static final long PERIOD_MILLIS = 1000;

  private final UcpAsyncPool pool;
  private volatile ScheduledFuture<?> task;

  Housekeeper(UcpAsyncPool pool) {
    this.pool = pool;
  }

  void start() {
    task = pool.engine.scheduleAtFixedRate(this::run, PERIOD_MILLIS);
  }

  void stop() {
    ScheduledFuture<?> t = task;
    if (t != null) {
      t.cancel(false);
    }
  }

  /** One round; called by the timer, or by a test with its own clock. */
  void run() {
    long now = pool.clock.getAsLong();
    PoolLimits limits = pool.limits();
    int inUcp = 0;
    if (limits.idleTimeoutNanos != Long.MAX_VALUE) {
      try {
        inUcp = pool.ucp.getAvailableConnectionsCount();
      } catch (SQLException | RuntimeException e) {
        // UCP not started yet: nothing idle there.
      }
    }
    PoolCounts counts = pool.state.counts();
    int[] aboveMin = {counts.held() + inUcp - pool.options().min()};
    List<HeldConnection> toClose = new ArrayList<>();
    List<HeldConnection> leaving = pool.state.takeIdle(h -> {
      if (limits.pastLifetime(h, now) || (aboveMin[0] > 0 && now - h.lastUsed >= limits.idleTimeoutNanos)) {
        toClose.add(h);
        aboveMin[0]--;
        return true;
      }
      return limits.holdExpired(h, now);
    });
    for (HeldConnection h : leaving) {
      pool.handoffs.leave(h, toClose.contains(h) ? Handoffs.Exit.CLOSE : Handoffs.Exit.GIVE_BACK);
    }
  }
}
