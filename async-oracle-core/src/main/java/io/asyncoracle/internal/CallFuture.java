package io.asyncoracle.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future of a call or an acquire, as applications get it. It behaves as any
 * {@link CompletableFuture}; what it adds: before a thread blocks on it ({@code join}, {@code get}),
 * a task parked in that thread's next slot (see {@link WorkerPool}) is handed to another worker,
 * since it may be the very task that completes this future. Futures derived from it
 * ({@code thenApply}, ...) are of this class too.
 *
 * @param <T> the value type
 */
class CallFuture<T> extends CompletableFuture<T> {

  private final Engine engine;

  CallFuture(Engine engine) {
    this.engine = engine;
  }

  @Override
  public T join() {
    if (!isDone()) {
      engine.beforeBlocking();
    }
    return super.join();
  }

  @Override
  public T get() throws InterruptedException, ExecutionException {
    if (!isDone()) {
      engine.beforeBlocking();
    }
    return super.get();
  }

  @Override
  public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
    if (!isDone()) {
      engine.beforeBlocking();
    }
    return super.get(timeout, unit);
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new CallFuture<>(engine);
  }
}
