package io.asyncoracle.internal;

import io.asyncoracle.PoolClosedException;
import io.asyncoracle.PoolListener;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Decides whether an idle connection an acquire took may be lent: locally usable, within its
 * lifetime and hold, and used within the alive-bypass window; an older one is checked first with a
 * ping bounded by {@code pingTimeout}, on a worker. A connection that fails leaves the pool and the
 * acquire is served again.
 */
final class IdleCheck {

  private static final System.Logger LOG = System.getLogger(IdleCheck.class.getName());

  private final UcpAsyncPool pool;

  IdleCheck(UcpAsyncPool pool) {
    this.pool = pool;
  }

  /** Whether an idle connection may be lent with no check at all (the fast path). */
  boolean lendableAtOnce(HeldConnection candidate) {
    long now = pool.clock.getAsLong();
    PoolLimits limits = pool.limits();
    return now - candidate.lastUsed <= limits.aliveBypassNanos && !limits.holdExpired(candidate, now)
        && !limits.pastLifetime(candidate, now) && candidate.usableLocally();
  }

  /**
   * Lends a candidate (counted as lent) to an acquire if it is fit, or starts its check on a worker.
   *
   * @return {@code false} when the candidate left the pool and the acquire must be served again
   */
  boolean lendIfFit(AcquireFuture acquire, HeldConnection candidate) {
    long now = pool.clock.getAsLong();
    PoolLimits limits = pool.limits();
    if (!candidate.usableLocally()) {
      pool.handoffs.leaveLent(candidate, Handoffs.Exit.DISCARD);
      return false;
    }
    if (limits.pastLifetime(candidate, now)) {
      pool.handoffs.leaveLent(candidate, Handoffs.Exit.CLOSE);
      return false;
    }
    if (limits.holdExpired(candidate, now)) {
      pool.handoffs.leaveLent(candidate, Handoffs.Exit.GIVE_BACK);
      return false;
    }
    if (now - candidate.lastUsed <= limits.aliveBypassNanos) {
      pool.handoffs.lend(acquire, candidate);
      return true;
    }
    // A check is a round trip: the acquire's deadline covers it.
    acquire.armTimer(pool.engine, now, () -> pool.acquireTimedOut(acquire));
    try {
      pool.engine.workers().execute(() -> checkAndLend(acquire, candidate));
    } catch (RejectedExecutionException e) {
      pool.handoffs.leaveLent(candidate, Handoffs.Exit.DISCARD);
      pool.failAcquire(acquire, new PoolClosedException(pool.name + " - pool is closed", e));
    }
    return true;
  }

  /** Checks a connection idle past the alive bypass; if it fails, the acquire is served again. Runs on a worker. */
  private void checkAndLend(AcquireFuture acquire, HeldConnection held) {
    if (acquire.isDone()) {
      pool.handoffs.handle(held, pool.state.notUsed(held));
      return;
    }
    PoolLimits limits = pool.limits();
    AtomicBoolean settled = new AtomicBoolean();
    ScheduledFuture<?> deadline = pool.engine.schedule(() -> {
      if (settled.compareAndSet(false, true)) {
        pingTimedOut(acquire, held, limits);
      }
    }, limits.pingTimeoutNanos);
    boolean alive = held.validate(limits.pingSeconds);
    if (!settled.compareAndSet(false, true)) {
      // Given up at the ping timeout (its place is free already): only the connection is left.
      held.discard();
      return;
    }
    deadline.cancel(false);
    if (alive) {
      pool.handoffs.lend(acquire, held);
      return;
    }
    LOG.log(Level.DEBUG, () -> pool.name + " - a held connection failed its check and was discarded");
    pool.notifyListener(PoolListener::onConnectionInvalidated);
    pool.handoffs.leaveLent(held, Handoffs.Exit.DISCARD);
    pool.serve(acquire);
  }

  /** The ping did not answer in time: the place is freed now and the acquire goes on elsewhere. */
  private void pingTimedOut(AcquireFuture acquire, HeldConnection held, PoolLimits limits) {
    LOG.log(Level.WARNING, () -> pool.name + " - a held connection did not answer its check within the ping timeout of "
        + Duration.ofNanos(limits.pingTimeoutNanos).toMillis() + " ms and was given up");
    pool.notifyListener(PoolListener::onConnectionInvalidated);
    held.state.discarded = true;
    int opens = pool.state.abandoned(held);
    // Off the timer thread: the acquire goes on, which may open or check another connection.
    pool.runOnWorker(() -> {
      pool.opener.start(opens);
      pool.serve(acquire);
    });
  }
}
