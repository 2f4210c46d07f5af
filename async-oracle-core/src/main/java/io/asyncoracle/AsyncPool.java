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
   * Suspends the pool, for a checkpoint (CRaC) or a paused application context: it keeps no
   * connection to the database open, and resumes with {@link #resume()}.
   * <ul>
   *   <li>Acquires made meanwhile wait in the queue (bounded by {@link PoolOptions#maxWaiters()};
   *   their acquire timeout still runs) and are served after the resume.</li>
   *   <li>Idle connections go back at once; borrowed ones when their borrowers give them back, or,
   *   once {@code timeout} has passed ({@link Duration#ZERO}: no limit), their running calls are
   *   cancelled and the connections taken back (their later calls fail with
   *   {@link PoolClosedException}).</li>
   *   <li>Then the Universal Connection Pool closes every physical connection it has.</li>
   * </ul>
   * Suspending a suspended pool returns the same future; a closed pool fails it with
   * {@link PoolClosedException}.
   *
   * @param timeout how long borrowed connections may stay out before they are taken back
   * @return a future that completes when no connection is open any more (or the pool was resumed
   *     or closed first)
   */
  default CompletableFuture<Void> suspend(Duration timeout) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException(getClass().getName()
        + " cannot suspend"));
  }

  /**
   * Resumes a suspended pool: the acquires that waited are served, and the Universal Connection
   * Pool opens its minimum of connections again. Does nothing on a pool that is not suspended.
   *
   * @return a future that completes when the Universal Connection Pool is started again; failed
   *     (with {@link DatabaseException}, say) if it could not start, in which case the pool stays
   *     resumed and tries again with the next connection it opens
   */
  default CompletableFuture<Void> resume() {
    return CompletableFuture.completedFuture(null);
  }

  /**
   * Returns whether the pool is suspended ({@link #suspend(Duration)}) and not yet resumed.
   *
   * @return {@code true} while suspended
   */
  default boolean isSuspended() {
    return false;
  }

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
}
