package io.asyncoracle.internal;

import io.asyncoracle.ObservedCall;
import io.asyncoracle.PoolListener;
import io.asyncoracle.PoolOptions;
import java.time.Duration;

/**
 * What happens to a held connection at each hand-off, once {@link PoolState} has decided it: lent
 * to an acquire (set up first if it needs it, and delivered through the {@link DeliveryLoop}),
 * handed on to the next waiter, or leaving the pool (given back to UCP, closed or discarded, always
 * on a worker, after which its place is free).
 */
final class Handoffs {

  private final UcpAsyncPool pool;

  Handoffs(UcpAsyncPool pool) {
    this.pool = pool;
  }

  /** Lends a held connection (already counted as lent) to an acquire, setting it up first if it needs it. */
  void lend(AcquireFuture acquire, HeldConnection held) {
    if (pool.setUp.needed(held, acquire.tag)) {
      pool.setUp.lendAfterSetUp(acquire, held);
      return;
    }
    acquire.cancelTimer();
    Session session = newSession(held, acquire.delivery);
    ConnectionImpl connection = new ConnectionImpl(session, pool.options().arraySize(), pool.options().fetchDecimals());
    if (acquire.isDone()) {
      session.release();
      return;
    }
    deliver(acquire, connection, session);
  }

  /**
   * Completes an acquire with its connection (through the {@link DeliveryLoop}, so a release made
   * from its callbacks never recurses); with an observation, in its context.
   */
  void deliver(AcquireFuture acquire, ConnectionImpl connection, Session session) {
    if (pool.listener != PoolListener.NONE) {
      pool.notifyListener(l -> l.onAcquire(Duration.ofNanos(pool.clock.getAsLong() - acquire.startNanos)));
    }
    if (acquire.inCallerFrame) {
      DeliveryLoop.beforeReturn(acquire, () -> complete(acquire, connection, session), pool.engine.workers());
    } else {
      complete(acquire, connection, session);
    }
  }

  private static void complete(AcquireFuture acquire, ConnectionImpl connection, Session session) {
    Engine target = acquire.engine();
    if (acquire.observed == null) {
      target.complete(acquire, connection, session::release);
      return;
    }
    ObservedCall.Scope scope = CallTarget.open(acquire.observed, true);
    try {
      target.complete(acquire, connection, session::release);
    } finally {
      CallTarget.close(scope);
    }
  }

  /** A new lending of a held connection (already counted as lent): a request for the driver. */
  Session newSession(HeldConnection held, AcquireFuture.Delivery delivery) {
    PoolOptions current = pool.options();
    PhysicalState physical = held.state;
    // What the session callback set is where every lend of the session starts.
    SessionBaseline baseline = physical.baseline;
    int stmtCacheSize = baseline.stmtCacheSizeOr(current.stmtCacheSize());
    Session session = new Session(pool.engineFor(delivery), pool, held, pool.redactedUrl,
        baseline.callTimeoutOr(current.callTimeout()), stmtCacheSize, current.module(), pool.callTarget);
    String tag = physical.tag;
    if (tag != null) {
      session.setTag(tag);
    }
    if (held.oracle && physical.stmtCacheSize != stmtCacheSize) {
      // Reconfigured since the connection was opened: applied with the lending's first call.
      session.changes().setStmtCacheSize(stmtCacheSize);
    }
    held.lentTo = session;
    held.uses++;
    held.beginRequest();
    return session;
  }

  /**
   * The common case, without a future: an idle connection used a moment ago, lent at once.
   * {@code null} when anything else is needed (none idle, callers queued, a check or set-up due).
   */
  ConnectionImpl lendIdleNow(AcquireFuture.Delivery delivery) {
    HeldConnection candidate = pool.state.lendIdleNow();
    if (candidate == null) {
      return null;
    }
    if (!pool.idleCheck.lendableAtOnce(candidate) || pool.setUp.needed(candidate, null)) {
      // Back to the pool (a caller that queued meanwhile gets it); the general path checks or replaces it.
      handle(candidate, pool.state.notUsed(candidate));
      return null;
    }
    Session session = newSession(candidate, delivery);
    if (pool.listener != PoolListener.NONE) {
      pool.notifyListener(l -> l.onAcquire(Duration.ZERO));
    }
    return new ConnectionImpl(session, pool.options().arraySize(), pool.options().fetchDecimals());
  }

  /** How a connection leaves the pool. */
  enum Exit {
    /** Back to UCP for reuse (held long enough, the pool suspended or closing). */
    GIVE_BACK,
    /** Closed for good (dropped, past its lifetime, idle past the timeout, above max). */
    CLOSE,
    /** Broken or given up: closed, and never lent again should UCP lend it back. */
    DISCARD
  }

  /** Does what the state decided for a connection that came back or was opened. */
  void handle(HeldConnection held, ConnectionFate fate) {
    switch (fate) {
      case POOLED -> {
      }
      case HANDED_ON -> {
        AcquireFuture next = held.handedTo;
        held.handedTo = null;
        lend(next, held);
      }
      case GIVE_BACK -> leave(held, Exit.GIVE_BACK);
      case CLOSE -> leave(held, Exit.CLOSE);
      default -> throw new IllegalStateException(fate.toString());
    }
  }

  /** A lent connection leaves the pool instead of being pooled again. */
  void leaveLent(HeldConnection held, Exit exit) {
    pool.state.stopLending(held);
    leave(held, exit);
  }

  /**
   * A held connection that is neither idle nor lent leaves the pool: on a worker (it may talk to the
   * database), after which its place is free, and only then may a replacement open.
   */
  void leave(HeldConnection held, Exit exit) {
    pool.runOnWorker(() -> {
      try {
        switch (exit) {
          case GIVE_BACK -> held.returnToUcp();
          case CLOSE -> held.close();
          case DISCARD -> {
            held.state.discarded = true;
            held.discard();
          }
          default -> throw new IllegalStateException(exit.toString());
        }
      } finally {
        pool.opener.start(pool.state.placeFreed(held));
        pool.shutdown.progress();
      }
    });
  }
}
