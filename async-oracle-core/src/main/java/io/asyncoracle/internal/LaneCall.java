package io.asyncoracle.internal;

import io.asyncoracle.AsyncOracleException;
import io.asyncoracle.ObservedCall;
import io.asyncoracle.PoolClosedException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.function.ToLongFunction;

/**
 * The future of a call, as {@link Session#run} returns it, and the running of that call on the
 * session's lane ({@link #runOnLane()}): cancelling it ({@code cancel(true)} or {@code cancel(false)},
 * the same) breaks the statement if the call is running, so the lane and the connection are free
 * again as soon as the driver answers the break; a call still queued is skipped when its turn comes
 * ({@link #runOnLane()} finds its future done). Futures derived from it are plain
 * {@link CallFuture}s: as with any {@code CompletableFuture}, cancelling a dependent does not cancel
 * what it depends on.
 */
final class LaneCall<T> extends CallFuture<T> implements Lane.Task, Runnable {

  /** How a call that no worker will run fails. */
  enum Aborted {
    /** As an application's call: mapped, through the engine. */
    FAIL_AS_APPLICATION_ERROR,
    /** As the pool's own call (a release, a clean-up): with the error as it is. */
    FAIL_AS_IS
  }

  /** Counts the rows of a call's result for its observation; {@code -1} for none. */
  static final ToLongFunction<Object> NO_ROWS = result -> -1;
  /** The result is the count of rows affected. */
  static final ToLongFunction<Object> COUNTED = result -> result instanceof Long n ? n : -1;
  /** The result is the list of rows fetched. */
  static final ToLongFunction<Object> LISTED = result -> result instanceof List<?> rows ? rows.size() : -1;
  /** The result is one row or {@code null}. */
  static final ToLongFunction<Object> ONE_OR_NONE = result -> result == null ? 0 : 1;

  private final Session session;
  private final String operation;
  private final JdbcAction<T> action;
  /** The call's observation, or {@code null}. */
  private final ObservedCall observed;
  private final ToLongFunction<Object> rows;
  private final Aborted aborted;
  /** The outcome to deliver once the lane is let go (see {@link #run()}). */
  private T value;
  private Throwable failure;

  LaneCall(Session session, String operation, JdbcAction<T> action, ObservedCall observed,
      ToLongFunction<Object> rows, Aborted aborted) {
    super(session.engine);
    this.session = session;
    this.operation = operation;
    this.action = action;
    this.observed = observed;
    this.rows = rows;
    this.aborted = aborted;
  }

  @Override
  boolean completedByThePool() {
    return true;
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled) {
      cancelled();
    }
    return cancelled;
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new CallFuture<>(session.engine);
  }

  @Override
  public void abort(Throwable error) {
    if (observed != null) {
      CallTarget.stop(observed, -1, error);
    }
    if (aborted == Aborted.FAIL_AS_IS) {
      completeExceptionally(error);
    } else {
      session.engine.fail(this, error instanceof RejectedExecutionException
          ? new PoolClosedException(session.ownerName() + " - " + operation + " could not run: the pool's workers"
              + " are shut down", error)
          : Errors.failure(error));
    }
  }

  /** The delivery, once the lane is let go: completes this future with the outcome, in the caller's context. */
  @Override
  public void run() {
    ObservedCall.Scope scope = observed == null ? null : CallTarget.open(observed, true);
    try {
      if (failure == null) {
        session.engine.complete(this, value);
      } else {
        session.engine.fail(this, failure);
      }
    } finally {
      if (scope != null) {
        CallTarget.close(scope);
      }
    }
  }

  /**
   * This call's future was cancelled. If this call is the one running, its statement is broken; a
   * statement not yet started sees the cancel in {@link Session#track} and does not start.
   */
  private void cancelled() {
    RunningCall call = session.currentCall();
    if (call == null || call.future != this || call.returned) {
      return;
    }
    // A cancel is a network call (ojdbc sends a break, H2 over TCP opens a connection): off the
    // application's thread, which an asynchronous API must never hold.
    try {
      session.engine.workers().execute(call::cancel);
    } catch (RejectedExecutionException e) {
      call.cancel();
    }
  }

  /** Runs the call on the lane; returns this call as the delivery of its outcome, or {@code null} for none. */
  @Override
  public Runnable runOnLane() {
    if (isDone()) {
      if (observed != null) {
        // Cancelled by the application before it ran (or aborted, which stopped it already).
        CallTarget.stop(observed, -1, new java.util.concurrent.CancellationException(operation + " was cancelled"));
      }
      return null;
    }
    if (session.isAbandoned()) {
      AsyncOracleException refused = new AsyncOracleException(operation + " refused: the connection was"
          + " discarded after a call the database did not answer");
      if (observed != null) {
        CallTarget.stop(observed, -1, refused);
      }
      failure = refused;
      return this;
    }
    RunningCall call = new RunningCall(session, operation, this, observed);
    Duration timeout = session.callTimeout();
    ScheduledFuture<?> timer = null;
    session.callStarted(call);
    ObservedCall.Scope scope = observed == null ? null : CallTarget.open(observed, false);
    try {
      if (!timeout.isZero()) {
        timer = session.engine.schedule(() -> call.timedOut(timeout), timeout.toNanos());
      }
      SessionChanges pending = session.changesIfAny();
      if (pending != null) {
        pending.applyPending();
      }
      T result = action.execute(session);
      if (scope != null) {
        CallTarget.close(scope);
        scope = null;
      }
      boolean inTime = finish(call, timer);
      if (!inTime) {
        return null;
      }
      if (observed != null) {
        CallTarget.stop(observed, rows.applyAsLong(result), null);
      }
      value = result;
      return this;
    } catch (Throwable error) {
      if (scope != null) {
        CallTarget.close(scope);
      }
      boolean inTime = finish(call, timer);
      if (error instanceof Error || Errors.isFatal(error)) {
        // After an Error (a mapper's StackOverflowError, an OutOfMemoryError in the driver) nobody
        // can tell what state the driver's session is in: usable for this lending, never lent again.
        session.markBroken();
      }
      if (!inTime) {
        return null;
      }
      Throwable translated = translate(call, error);
      if (observed != null) {
        CallTarget.stop(observed, -1, translated);
      }
      failure = translated;
      return this;
    }
  }

  /** Ends the call; returns {@code false} if its deadline had already passed (the timer owns the future). */
  private boolean finish(RunningCall call, ScheduledFuture<?> timer) {
    session.callEnded();
    if (timer != null) {
      timer.cancel(false);
    }
    return call.finish();
  }

  private Throwable translate(RunningCall call, Throwable error) {
    AsyncOracleException why = session.revoked();
    if (why != null && !(Errors.unwrap(error) instanceof AsyncOracleException) && !(error instanceof Error)) {
      return new PoolClosedException(session.ownerName() + " - " + call.operation + " was interrupted: "
          + why.getMessage(), Errors.unwrap(error));
    }
    return Errors.failure(error);
  }
}
