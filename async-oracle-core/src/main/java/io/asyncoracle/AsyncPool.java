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
   * Borrows a connection whose session carries {@code tag} (python-oracledb's
   * {@code acquire(tag=...)}), as {@code acquire(tag, false)}.
   *
   * @param tag the tag, e.g. {@code "NLS_DATE_FORMAT=SIMPLE"}; {@code null} for no preference
   * @return a future of the connection, failed as {@link #acquire()}'s is
   */
  CompletableFuture<AsyncConnection> acquire(String tag);

  /**
   * Borrows a connection, preferring one whose session carries {@code tag}. An idle connection
   * with that tag is taken first; then an untagged one (any one with {@code matchAnyTag}); then,
   * as {@link #acquire()} does, a new one or the next released one. When the connection's
   * {@linkplain AsyncConnection#tag() tag} is not {@code tag}, the pool's
   * {@link PoolOptions#sessionCallback() session callback} runs before the acquire completes, and
   * it sets the tag. A connection's tag is kept with its session when it is released.
   *
   * @param tag the tag; {@code null} for no preference
   * @param matchAnyTag whether a connection with another tag may be taken before opening a new one
   * @return a future of the connection, failed as {@link #acquire()}'s is
   */
  CompletableFuture<AsyncConnection> acquire(String tag, boolean matchAnyTag);

  /**
   * Gives a connection back with a tag for its session (python-oracledb's
   * {@code pool.release(connection, tag)}): sets {@link AsyncConnection#setTag(String)} and closes it.
   *
   * @param connection a connection of this pool
   * @param tag the tag to keep with the session, or {@code null} to untag it
   * @return a future that completes when the connection is back
   */
  CompletableFuture<Void> release(AsyncConnection connection, String tag);

  /**
   * Closes a borrowed connection instead of pooling it (python-oracledb's {@code pool.drop}), for
   * a session that is no longer usable or wanted: its physical connection is closed, never lent
   * again, and its place is freed for a new one. Uncommitted work is rolled back by the database.
   *
   * @param connection a connection of this pool, not yet closed
   * @return a future that completes when the connection is closed; failed with
   *     {@link InvalidArgumentException} for a connection of another pool or one already closed
   */
  CompletableFuture<Void> drop(AsyncConnection connection);

  /**
   * Changes the pool's settings while it runs (python-oracledb's {@code pool.reconfigure}), without
   * touching connections that are lent out: {@code change} edits a copy of the current options.
   * These may change: {@code min}, {@code max}, {@code increment}, {@code getMode},
   * {@code waitTimeout}, {@code acquireTimeout}, {@code maxWaiters}, {@code callTimeout},
   * {@code timeout}/{@code inactiveTimeout}, {@code maxLifetime}/{@code maxLifetimeSession},
   * {@code pingInterval}/{@code aliveBypass}/{@code validateOnBorrow}, {@code pingTimeout},
   * {@code maxHold}, {@code holdIdleTimeout} and {@code stmtCacheSize}. New values apply to the next
   * acquire and release; a smaller {@code max} closes idle connections above it at once and lent
   * ones when they come back; a larger one serves queued acquires.
   *
   * @param change edits the builder, e.g. {@code b -> b.max(20).getMode(GetMode.NOWAIT)}
   * @return a future of the new options; failed with {@link InvalidArgumentException} naming an
   *     option that is invalid or cannot change while the pool runs (then nothing changes)
   */
  CompletableFuture<PoolOptions> reconfigure(java.util.function.Consumer<PoolOptions.Builder> change);

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
   * Returns the pool's options: those it was created with, as changed by {@link #reconfigure}.
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
