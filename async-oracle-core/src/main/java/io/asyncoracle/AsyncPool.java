package io.asyncoracle;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * An asynchronous connection pool, made by {@link AsyncOracle#createPool(PoolOptions)}.
 *
 * <p>No thread ever waits for a connection: {@link #acquire()} takes one of {@code max} permits at
 * once, or joins a FIFO queue of waiters bounded by {@link PoolOptions#maxWaiters()} and
 * {@link PoolOptions#acquireTimeout()}. Oracle's Universal Connection Pool holds the physical
 * connections.
 */
public interface AsyncPool {

  /**
   * Returns the pool's name, unique in the JVM.
   *
   * @return the name
   */
  String name();

  /**
   * Borrows a connection. Give it back with {@link AsyncConnection#close()}, or use
   * {@link #withConnection(Function)}. Cancelling the returned future while it waits removes the
   * waiter from the queue.
   *
   * @return a future of the connection; failed with {@link PoolExhaustedException},
   *     {@link AcquireTimeoutException}, {@link PoolClosedException} or {@link DatabaseException}
   */
  CompletableFuture<AsyncConnection> acquire();

  /**
   * Borrows a connection, runs {@code work} with it and gives it back when the stage {@code work}
   * returns completes, whether it succeeds or fails (the {@code async with pool.acquire()} of the
   * reference).
   *
   * @param work what to do with the connection
   * @param <T> the result type
   * @return a future of the result of {@code work}, completing after the connection is back
   */
  <T> CompletableFuture<T> withConnection(Function<? super AsyncConnection, ? extends CompletionStage<T>> work);

  /**
   * Closes the pool if no connection is borrowed; otherwise fails with {@link PoolBusyException}
   * and leaves the pool open and usable.
   *
   * @return a future that completes when the pool is closed
   */
  CompletableFuture<Void> close();

  /**
   * Closes the pool.
   * <ul>
   *   <li>{@code force=false}: as {@link #close()}.</li>
   *   <li>{@code force=true, interrupt=false}: stop admitting (new and queued acquires fail with
   *   {@link PoolClosedException}), wait until every borrowed connection is back, then close.</li>
   *   <li>{@code interrupt=true}: as force, but first cancel every running call and reclaim the
   *   borrowed connections, so it completes promptly even with long queries running. Implies force.</li>
   * </ul>
   *
   * @param force whether to close while connections are borrowed
   * @param interrupt whether to cancel running calls
   * @return a future that completes when the pool is closed
   */
  CompletableFuture<Void> close(boolean force, boolean interrupt);

  /**
   * Closes the pool as {@link #close(boolean, boolean)} does, escalating a forced close to an
   * interrupt when borrowed connections are not back within {@code timeout}.
   *
   * @param force whether to close while connections are borrowed
   * @param interrupt whether to cancel running calls at once
   * @param timeout how long a forced close waits before interrupting
   * @return a future that completes when the pool is closed
   */
  CompletableFuture<Void> close(boolean force, boolean interrupt, Duration timeout);

  /**
   * Returns the pool's state. Never borrows a connection and never blocks.
   *
   * @return the current statistics
   */
  PoolStats stats();

  /**
   * Returns whether a close has begun (acquires are no longer admitted).
   *
   * @return {@code true} once closing or closed
   */
  boolean isClosed();

  /**
   * Returns the options the pool was created with.
   *
   * @return the options
   */
  PoolOptions options();

  /**
   * Adds a listener for the pool's events, besides {@link PoolOptions#listener()}: e.g. metrics
   * attached by a framework to a pool an application created itself. Events that happened before
   * are not replayed. Adding costs nothing on calls while no listener is set.
   *
   * @param listener the listener; its methods must return quickly and never throw
   * @throws UnsupportedOperationException if this implementation does not take listeners
   */
  default void addListener(PoolListener listener) {
    throw new UnsupportedOperationException(getClass().getName() + " does not take listeners");
  }
}
