package io.asyncoracle.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

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

  private final Engine engine;
  /** Threads blocked in join or get now. */
  private volatile int blocked;

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

  @Override
  public T join() {
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
