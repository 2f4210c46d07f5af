package io.asyncoracle.internal;

import io.asyncoracle.CallTimeoutException;
import io.asyncoracle.ObservedCall;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The call running on a session's lane now: its statement (for cancel), and its state, which
 * decides once how the call's future completes: the call returning, or its timeout. A timed-out
 * call is cancelled; if it does not answer the cancel within {@link Session#CANCEL_GRACE}, its
 * connection is given up (python-oracledb's DPI-1080) while the driver thread is abandoned.
 */
final class RunningCall {

  private static final System.Logger LOG = System.getLogger(RunningCall.class.getName());

  static final int RUNNING = 0;
  static final int FINISHED = 1;
  static final int TIMED_OUT = 2;

  private static final AtomicIntegerFieldUpdater<RunningCall> STATE =
      AtomicIntegerFieldUpdater.newUpdater(RunningCall.class, "state");

  private final Session session;
  final String operation;
  final CompletableFuture<?> future;
  /** The call's observation, or {@code null} (no observer). */
  final ObservedCall observed;
  /** RUNNING, FINISHED or TIMED_OUT; changed only through {@link #STATE}. */
  volatile int state = RUNNING;
  volatile Statement statement;
  volatile boolean returned;

  RunningCall(Session session, String operation, CompletableFuture<?> future, ObservedCall observed) {
    this.session = session;
    this.operation = operation;
    this.future = future;
    this.observed = observed;
  }

  /** The driver returned: returns {@code false} if the deadline had passed first (the timer owns the future). */
  boolean finish() {
    returned = true;
    return STATE.compareAndSet(this, RUNNING, FINISHED);
  }

  /** Claims the call for its deadline; {@code false} if it finished (or timed out) first. */
  boolean timeOut() {
    return STATE.compareAndSet(this, RUNNING, TIMED_OUT);
  }

  /**
   * The call's deadline passed: it will not complete successfully. Cancels the statement (or, if
   * none exists yet, the statement as soon as it does, see {@link Session#track}), then fails the
   * future as soon as the call answers the cancel, saying the connection is still usable
   * (python-oracledb's DPI-1067). Runs on the timer.
   */
  void timedOut(Duration timeout) {
    if (!timeOut()) {
      return;
    }
    if (observed != null) {
      CallTarget.stop(observed, -1, new CallTimeoutException(operation + " exceeded the call timeout of "
          + timeout.toMillis() + " ms", timeout, null));
    }
    Engine engine = session.engine;
    // A cancel is a network call (H2 opens a connection for it, ojdbc sends a break): never on the
    // timer thread, which every other deadline needs.
    try {
      engine.workers().execute(this::cancel);
    } catch (RejectedExecutionException e) {
      LOG.log(Level.DEBUG, () -> session.ownerName() + " - could not cancel " + operation + ": " + e);
    }
    long graceEnd = System.nanoTime() + Session.CANCEL_GRACE.toNanos();
    engine.schedule(() -> awaitCancelled(timeout, graceEnd), 0);
  }

  private void awaitCancelled(Duration timeout, long graceEnd) {
    Engine engine = session.engine;
    if (returned) {
      engine.failFromTimer(future, new CallTimeoutException(operation + " exceeded the call timeout of "
          + timeout.toMillis() + " ms and was cancelled; the connection is still usable", timeout, null));
      return;
    }
    long left = graceEnd - System.nanoTime();
    if (left > 0) {
      engine.schedule(() -> awaitCancelled(timeout, graceEnd), Math.min(left, 1_000_000L));
      return;
    }
    CallTimeoutException discarded = new CallTimeoutException(operation + " exceeded the call timeout of "
        + timeout.toMillis() + " ms and did not answer the cancel within " + Session.CANCEL_GRACE.toMillis()
        + " ms; the connection was discarded", timeout, null);
    // Off the timer: giving up fails the calls queued behind, whose callbacks must not run here.
    // The place is freed first, so whoever sees the failure sees the pool without this connection.
    Runnable giveUp = () -> {
      session.abandon(null);
      engine.fail(future, discarded);
    };
    try {
      engine.workers().execute(giveUp);
    } catch (RejectedExecutionException e) {
      giveUp.run();
    }
  }

  /** Breaks the call if it is still in the driver. Safe from any thread; a network call. */
  void cancel() {
    if (returned) {
      return;
    }
    Statement running = statement;
    if (running != null) {
      cancelQuietly(running);
    } else if (session.isOracle()) {
      try {
        session.held().oracleConnection().cancel();
      } catch (SQLException | RuntimeException e) {
        LOG.log(Level.DEBUG, () -> session.ownerName() + " - cancel of " + operation + " failed: " + e);
      }
    }
  }

  void cancelQuietly(Statement running) {
    try {
      running.cancel();
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.DEBUG, () -> session.ownerName() + " - cancel of " + operation + " failed: " + e);
    }
  }
}
