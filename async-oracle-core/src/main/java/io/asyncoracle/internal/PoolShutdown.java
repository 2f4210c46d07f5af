package io.asyncoracle.internal;

import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.PoolBusyException;
import io.asyncoracle.PoolClosedException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Suspend, resume and close (force, interrupt, timeout). The state's lifecycle decides what is
 * lent and opened; this class holds what the lifecycle's transitions wait for, and finishes them
 * from {@link #progress()}, which every change that can let a suspension or a close finish calls.
 */
final class PoolShutdown {

  private static final System.Logger LOG = System.getLogger(PoolShutdown.class.getName());
  /** How a close waits for UCP's destroy (see {@link #destroyAndComplete}). */
  private static final Duration DESTROY_WAIT = Duration.ofMillis(300);

  private final UcpAsyncPool pool;
  // Guarded by this.
  private CompletableFuture<Void> closeFuture;
  private boolean destroyScheduled;
  private CompletableFuture<Void> suspendFuture;
  private long suspensions;
  private boolean ucpStopScheduled;
  private ScheduledFuture<?> suspendDeadline;

  PoolShutdown(UcpAsyncPool pool) {
    this.pool = pool;
  }

  // ---- suspend and resume ---------------------------------------------------------------------

  CompletableFuture<Void> suspend(Duration timeout) {
    if (timeout == null || timeout.isNegative()) {
      return CompletableFuture.failedFuture(new InvalidArgumentException("timeout",
          "suspend timeout must not be null or negative"));
    }
    CompletableFuture<Void> done;
    long suspension;
    List<HeldConnection> idle;
    synchronized (this) {
      if (closeFuture != null) {
        return CompletableFuture.failedFuture(new PoolClosedException(pool.name + " - pool is closed"));
      }
      if (suspendFuture != null && pool.state.lifecycle() == PoolLifecycle.SUSPENDED) {
        return suspendFuture;
      }
      idle = pool.state.suspend();
      if (idle == null) {
        return CompletableFuture.failedFuture(new PoolClosedException(pool.name + " - pool is closed"));
      }
      suspension = ++suspensions;
      ucpStopScheduled = false;
      done = new CompletableFuture<>();
      suspendFuture = done;
    }
    LOG.log(Level.DEBUG, () -> pool.name + " - suspending (timeout=" + timeout + ")");
    idle.forEach(h -> pool.handoffs.leave(h, Handoffs.Exit.GIVE_BACK));
    if (!timeout.isZero()) {
      ScheduledFuture<?> deadline = pool.engine.schedule(() -> pool.runOnWorker(() -> {
        if (stillSuspended(suspension) && pool.state.lent() > 0) {
          LOG.log(Level.INFO, () -> pool.name + " - suspend timeout of " + timeout.toMillis()
              + " ms passed with connections still in use: taking them back");
          interruptAll("was suspended");
        }
      }), timeout.toNanos());
      synchronized (this) {
        suspendDeadline = deadline;
      }
    }
    progress();
    return done;
  }

  private synchronized boolean stillSuspended(long suspension) {
    return suspensions == suspension && suspendFuture != null && closeFuture == null
        && pool.state.lifecycle() == PoolLifecycle.SUSPENDED;
  }

  CompletableFuture<Void> resume() {
    CompletableFuture<Void> pending;
    int opens;
    synchronized (this) {
      opens = pool.state.resume();
      if (opens < 0) {
        return CompletableFuture.completedFuture(null);
      }
      pending = suspendFuture;
      suspendFuture = null;
      cancelSuspendDeadline();
    }
    // Resumed before every connection was back: nothing to wait for any more.
    if (pending != null) {
      pending.complete(null);
    }
    LOG.log(Level.DEBUG, () -> pool.name + " - resuming");
    CompletableFuture<Void> started = new CallFuture<>(pool.engine);
    pool.runOnWorker(() -> {
      try {
        pool.ucpControl.startIfStopped();
        pool.engine.complete(started, null);
      } catch (java.sql.SQLException | RuntimeException e) {
        LOG.log(Level.WARNING, () -> pool.name + " - could not start the Universal Connection Pool again after a"
            + " suspension (the next open tries again): " + e);
        pool.engine.fail(started, Errors.failure(e));
      }
      // The acquires that waited get their opens once UCP runs again.
      pool.opener.start(opens);
    });
    return started;
  }

  private void cancelSuspendDeadline() {
    if (suspendDeadline != null) {
      suspendDeadline.cancel(false);
      suspendDeadline = null;
    }
  }

  // ---- close ----------------------------------------------------------------------------------

  CompletableFuture<Void> close(boolean force, boolean interrupt, Duration timeout) {
    if (timeout == null || timeout.isNegative()) {
      return CompletableFuture.failedFuture(new InvalidArgumentException("timeout",
          "close timeout must not be null or negative"));
    }
    boolean forced = force || interrupt;
    CompletableFuture<Void> done;
    PoolClosing closing;
    synchronized (this) {
      if (closeFuture != null) {
        done = closeFuture;
        closing = null;
      } else {
        try {
          closing = pool.state.close(forced ? LentConnections.WAIT_FOR_THEM : LentConnections.REFUSE);
        } catch (IllegalStateException lent) {
          return CompletableFuture.failedFuture(new PoolBusyException(pool.name + " - cannot close: "
              + lent.getMessage() + " connection(s) still in use (ORA-24422); close with force to wait for them"));
        }
        done = new CompletableFuture<>();
        closeFuture = done;
        cancelSuspendDeadline();
      }
    }
    if (closing == null) {
      if (interrupt) {
        interruptAll("was closed with interrupt");
      }
      return done;
    }
    LOG.log(Level.DEBUG, () -> pool.name + " - closing (force=" + forced + ", interrupt=" + interrupt
        + ", timeout=" + timeout + ")");
    pool.stopTimers();
    for (AcquireFuture waiter : closing.waiters()) {
      pool.failAcquire(waiter, new PoolClosedException(pool.name + " - pool closed while waiting for a connection"));
    }
    closing.idle().forEach(h -> pool.handoffs.leave(h, Handoffs.Exit.GIVE_BACK));
    if (interrupt) {
      interruptAll("was closed with interrupt");
    } else if (!timeout.isZero() && pool.state.lent() > 0) {
      pool.engine.schedule(() -> {
        if (!done.isDone()) {
          LOG.log(Level.INFO, () -> pool.name + " - close timeout of " + timeout.toMillis()
              + " ms passed with connections still in use: interrupting them");
          interruptAll("was closed with interrupt");
        }
      }, timeout.toNanos());
    }
    progress();
    return done;
  }

  /** Cancels every running call and takes back every lent connection; {@code what} says why, for messages. */
  void interruptAll(String what) {
    PoolClosedException why = new PoolClosedException("pool " + pool.name + " " + what);
    for (Session session : pool.state.lentSessions()) {
      session.revoke(why);
    }
    // A call that does not answer its cancel (a database that stopped answering) must not hold the
    // close: after the grace its connection is given up, and its future fails.
    pool.engine.schedule(() -> pool.runOnWorker(() -> {
      for (Session session : pool.state.lentSessions()) {
        if (session.callInProgress()) {
          session.abandon(new PoolClosedException(pool.name + " - the pool " + what + " and the call did"
              + " not answer its cancel; its connection was given up"));
        }
      }
    }), Session.CANCEL_GRACE.toNanos());
  }

  /**
   * Finishes what can be finished: a close once nothing is lent (opens in flight are given up, not
   * waited for), a suspension once nothing is held, lent or opening.
   */
  void progress() {
    CompletableFuture<Void> closeDone = null;
    CompletableFuture<Void> suspendDone = null;
    long suspension = 0;
    synchronized (this) {
      if (closeFuture != null) {
        if (!destroyScheduled && pool.state.closingAndNothingLent()) {
          destroyScheduled = true;
          closeDone = closeFuture;
        }
      } else if (suspendFuture != null && !ucpStopScheduled && pool.state.suspendedAndEmpty()) {
        ucpStopScheduled = true;
        suspendDone = suspendFuture;
        suspension = suspensions;
      }
    }
    if (closeDone != null) {
      CompletableFuture<Void> done = closeDone;
      pool.runOnWorker(() -> destroyAndComplete(done));
    } else if (suspendDone != null) {
      CompletableFuture<Void> done = suspendDone;
      long which = suspension;
      pool.runOnWorker(() -> {
        if (stillSuspended(which)) {
          pool.ucpControl.stop();
          LOG.log(Level.DEBUG, () -> pool.name + " - suspended: no connection is open");
        }
        synchronized (this) {
          cancelSuspendDeadline();
        }
        done.complete(null);
      });
    }
  }

  /**
   * Closes UCP's side and completes the close. UCP's destroy waits for every connection UCP is
   * still creating; one stuck in a driver that never answers would hold it for good. So idle
   * connections are closed first (a purge, which does not wait), the destroy runs on a thread of
   * its own, and the close completes when it finishes or after {@link #DESTROY_WAIT}, whichever
   * comes first.
   */
  private void destroyAndComplete(CompletableFuture<Void> done) {
    CompletableFuture<Void> pendingSuspend;
    synchronized (this) {
      pendingSuspend = suspendFuture;
    }
    if (pendingSuspend != null) {
      pendingSuspend.complete(null);
    }
    pool.ucpControl.purge();
    AtomicBoolean finished = new AtomicBoolean();
    Thread destroyer = new Thread(() -> {
      try {
        destroyNow();
        LOG.log(Level.DEBUG, () -> pool.name + " - closed");
      } finally {
        finished.set(true);
        done.complete(null);
      }
    }, pool.name + "-destroy");
    destroyer.setDaemon(true);
    destroyer.start();
    try {
      destroyer.join(DESTROY_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!finished.get()) {
      LOG.log(Level.INFO, () -> pool.name + " - UCP is still creating a connection the database does not answer;"
          + " the pool is closed and UCP finishes in the background");
      done.complete(null);
    }
    pool.engine.shutdown();
  }

  /** Destroys UCP's pool and stops the threads; frees the pool's name. */
  void destroyNow() {
    try {
      pool.ucpControl.destroy();
    } finally {
      pool.nameFreed();
      pool.engine.shutdown();
    }
  }
}
