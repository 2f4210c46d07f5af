package io.asyncoracle.internal;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.ObservedCall;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * A waiter: the future {@code acquire()} returns, its place in the FIFO queue ({@link WaiterQueue})
 * and its deadline. Whoever completes it first (a connection, the deadline, a cancel, a close) wins;
 * a connection that arrives too late goes back to the pool.
 */
final class AcquireFuture extends CallFuture<AsyncConnection> {

  /** What the pool does when an acquire gives up (cancelled, timed out). */
  interface Owner {
    /** The acquire gave up while it may still be queued. */
    void gaveUp(AcquireFuture acquire);
  }

  private final Owner owner;
  /** When the acquire began, on the pool's clock. */
  final long startNanos;
  /** When it times out, on the pool's clock; {@link Long#MAX_VALUE} for never. */
  final long deadline;
  /** The tag asked for, or {@code null}. */
  final String tag;
  final boolean matchAnyTag;
  /** The acquire's observation, or {@code null}: ended just before the future completes, whoever completes it. */
  final ObservedCall observed;
  /** Whether the connection is lent to {@code withConnection}'s work (its futures complete on the pool's side). */
  final Delivery delivery;

  // Guarded by PoolState's lock.
  boolean queued;
  AcquireFuture previous;
  AcquireFuture next;
  /** The idle connection admission took for it. */
  HeldConnection candidate;
  /** How many opens admission reserved for it. */
  int opens;

  /** The deadline's own timer, for the phases outside the queue (a check, a set-up); or {@code null}. */
  private volatile ScheduledFuture<?> timer;
  /** Whether {@code acquire} has not returned this future to its caller yet (see {@link DeliveryLoop#beforeReturn}). */
  volatile boolean inCallerFrame;
  /** What to do if the acquire gives up while its connection is being set up, or {@code null}. */
  volatile Runnable onGiveUp;

  /** Where the futures of the connection lent to this acquire complete. */
  enum Delivery {
    /** As the pool's options say (the callback executor, if any). */
    APPLICATION,
    /** On the pool's side: the connection is lent to {@code withConnection}'s work. */
    POOL_SIDE
  }

  AcquireFuture(Engine engine, Owner owner, long startNanos, long deadline, String tag, boolean matchAnyTag,
      ObservedCall observed, Delivery delivery) {
    super(engine);
    this.owner = owner;
    this.startNanos = startNanos;
    this.deadline = deadline;
    this.tag = tag;
    this.matchAnyTag = matchAnyTag;
    this.observed = observed;
    this.delivery = delivery;
  }

  @Override
  boolean completedByThePool() {
    return true;
  }

  @Override
  public boolean complete(AsyncConnection value) {
    if (observed != null && !isDone()) {
      CallTarget.stop(observed, -1, null);
    }
    return super.complete(value);
  }

  @Override
  public boolean completeExceptionally(Throwable error) {
    if (observed != null && !isDone()) {
      CallTarget.stop(observed, -1, error);
    }
    boolean failed = super.completeExceptionally(error);
    if (failed) {
      gaveUp();
    }
    return failed;
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    if (observed != null && !isDone()) {
      CallTarget.stop(observed, -1, new CancellationException("acquire was cancelled"));
    }
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled) {
      gaveUp();
    }
    return cancelled;
  }

  private void gaveUp() {
    cancelTimer();
    owner.gaveUp(this);
    Runnable hook = onGiveUp;
    if (hook != null) {
      hook.run();
    }
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new CallFuture<>(engine());
  }

  /** Arms the deadline's own timer for a phase outside the queue, once. */
  void armTimer(Engine engine, long now, Runnable timedOut) {
    if (timer != null || isDone() || deadline == Long.MAX_VALUE) {
      return;
    }
    timer = engine.schedule(timedOut, Math.max(0, deadline - now));
  }

  void cancelTimer() {
    ScheduledFuture<?> t = timer;
    if (t != null) {
      t.cancel(false);
    }
  }
}
