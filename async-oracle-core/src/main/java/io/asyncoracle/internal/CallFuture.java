package io.asyncoracle.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.BiConsumer;

/**
 * The future of a call or an acquire, as applications get it. It behaves as any
 * {@link CompletableFuture}; what it adds:
 * <ul>
 *   <li>before a thread blocks on it ({@code join}, {@code get}), the completions queued on that
 *       thread's {@link DeliveryLoop} run, and a task parked in that thread's next slot (see
 *       {@link WorkerPool}) is handed to another worker, since either may be what completes it;</li>
 *   <li>it counts the threads blocked on it, so that a completion whose only dependents are blocked
 *       threads is never sent to the application's callback executor, whose threads may be the very
 *       ones blocked (see {@link Engine#complete}).</li>
 * </ul>
 * Futures derived from it ({@code thenApply}, ...) are of this class too.
 *
 * @param <T> the value type
 */
class CallFuture<T> extends CompletableFuture<T> {

  private static final AtomicIntegerFieldUpdater<CallFuture> BLOCKED =
      AtomicIntegerFieldUpdater.newUpdater(CallFuture.class, "blocked");

  @SuppressWarnings("rawtypes")
  private static final AtomicReferenceFieldUpdater<CallFuture, BiConsumer> POOL_SIDE =
      AtomicReferenceFieldUpdater.newUpdater(CallFuture.class, BiConsumer.class, "poolSide");

  private final Engine engine;
  /** Threads blocked in join or get now. */
  private volatile int blocked;
  /** What runs on the pool's side when the future completes, before its dependents (see {@link #relay}). */
  private volatile BiConsumer<Object, Throwable> poolSide;

  CallFuture(Engine engine) {
    this.engine = engine;
  }

  /** The engine the future belongs to. */
  final Engine engine() {
    return engine;
  }

  /** How many threads are blocked on this future now. */
  final int blockedThreads() {
    return blocked;
  }

  private void beforeBlocking() {
    DeliveryLoop.runQueued();
    if (!isDone()) {
      engine.beforeBlocking();
    }
  }

  /**
   * Runs {@code action} when this future completes, on the pool's side: before the future's
   * dependents, and never through the application's callback executor. For an integration that
   * relays our future to one of its own (the starter's template), so the relay is not a dependent
   * sent to an executor whose threads may all be blocked on the relayed future.
   */
  @SuppressWarnings("unchecked")
  final void relay(BiConsumer<? super T, ? super Throwable> action) {
    BiConsumer<Object, Throwable> added = (BiConsumer<Object, Throwable>) action;
    while (true) {
      BiConsumer<Object, Throwable> current = poolSide;
      BiConsumer<Object, Throwable> next = current == null ? added : current.andThen(added);
      if (POOL_SIDE.compareAndSet(this, current, next)) {
        break;
      }
    }
    if (isDone()) {
      // Completed meanwhile: whoever completed it may have run the relays already; run what is left.
      firePoolSide();
    }
  }

  /**
   * Whether this future is completed by the pool itself ({@link Engine#complete}, {@link Engine#fail},
   * a cancel): only then can a relay run on the pool's side. A future derived from one of ours
   * ({@code thenApply}, ...) is completed by {@code CompletableFuture} itself, which calls none of the
   * methods this class overrides.
   *
   * @return {@code true} for the futures of calls, acquires and {@code withConnection}
   */
  boolean completedByThePool() {
    return false;
  }

  /** Runs the relays with the outcome about to be (or just) set; once. */
  @SuppressWarnings("unchecked")
  final void firePoolSide(Object value, Throwable error) {
    if (poolSide == null) {
      return;
    }
    BiConsumer<Object, Throwable> action = POOL_SIDE.getAndSet(this, null);
    if (action != null) {
      try {
        action.accept(value, error == null ? null : Errors.unwrap(error));
      } catch (Throwable e) {
        System.getLogger(CallFuture.class.getName()).log(System.Logger.Level.WARNING, () -> "a relay failed: " + e);
      }
    }
  }

  private void firePoolSide() {
    if (poolSide == null) {
      return;
    }
    Object value = null;
    Throwable error = null;
    try {
      value = super.join();
    } catch (Throwable e) {
      error = e;
    }
    firePoolSide(value, error);
  }

  @Override
  public boolean complete(T value) {
    boolean completed = super.complete(value);
    firePoolSide();
    return completed;
  }

  @Override
  public boolean completeExceptionally(Throwable error) {
    boolean completed = super.completeExceptionally(error);
    firePoolSide();
    return completed;
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    firePoolSide();
    return cancelled;
  }

  @Override
  public T join() {
    // A thread that waits is not recursing through our callbacks: its run of completions starts over.
    DeliveryLoop.waited();
    if (isDone()) {
      return super.join();
    }
    beforeBlocking();
    BLOCKED.incrementAndGet(this);
    try {
      return super.join();
    } finally {
      BLOCKED.decrementAndGet(this);
    }
  }

  @Override
  public T get() throws InterruptedException, ExecutionException {
    // A thread that waits is not recursing through our callbacks: its run of completions starts over.
    DeliveryLoop.waited();
    if (isDone()) {
      return super.get();
    }
    beforeBlocking();
    BLOCKED.incrementAndGet(this);
    try {
      return super.get();
    } finally {
      BLOCKED.decrementAndGet(this);
    }
  }

  @Override
  public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
    // A thread that waits is not recursing through our callbacks: its run of completions starts over.
    DeliveryLoop.waited();
    if (isDone()) {
      return super.get(timeout, unit);
    }
    beforeBlocking();
    BLOCKED.incrementAndGet(this);
    try {
      return super.get(timeout, unit);
    } finally {
      BLOCKED.decrementAndGet(this);
    }
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new CallFuture<>(engine);
  }
}
