package io.asyncoracle.internal;

import io.asyncoracle.PoolOptions;
import io.asyncoracle.VirtualThreads;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads of a pool (or of the standalone connections): workers that run blocking JDBC calls
 * and complete the futures handed to applications, and one timer thread for acquire and call
 * timeouts.
 *
 * <p>Where application callbacks run: on the worker that finished the call, after it has let go of
 * the connection's lane ({@link Lane}), so one call costs one task and no hand-off. That is safe
 * because our {@link WorkerPool} adds a thread whenever work arrives and none is idle: a callback
 * that blocks holds up nothing but itself (cx_Oracle_async issue #18 cannot happen). Completions
 * decided on the timer thread (timeouts) are moved to a worker, so a blocking callback can never
 * hold up the timer. An application that wants its callbacks elsewhere passes a
 * {@code callbackExecutor}.
 */
public final class Engine {

  /** Beyond this many platform workers, work queues (a safety net: normal use needs about max). */
  private static final int MAX_PLATFORM_WORKERS = 4096;
  private static final int MAX_VIRTUAL_WORKERS = 1_000_000;

  private final Executor workers;
  private final WorkerPool ownWorkers;
  private final Executor callbacks;
  private final ScheduledThreadPoolExecutor timer;
  private final boolean virtual;
  /** This engine without the callback executor (itself when there is none): see {@link #inline()}. */
  private final Engine inline;

  private Engine(Executor workers, WorkerPool ownWorkers, Executor callbacks, ScheduledThreadPoolExecutor timer,
      boolean virtual) {
    this.workers = workers;
    this.ownWorkers = ownWorkers;
    this.callbacks = callbacks;
    this.timer = timer;
    this.virtual = virtual;
    if (ownWorkers != null) {
      timer.scheduleWithFixedDelay(ownWorkers::sweep, WorkerPool.SWEEP_MILLIS, WorkerPool.SWEEP_MILLIS,
          TimeUnit.MILLISECONDS);
    }
    this.inline = callbacks == null ? this : new Engine(this);
  }

  /** The same threads, completing every future here (no callback executor). */
  private Engine(Engine withCallbacks) {
    this.workers = withCallbacks.workers;
    this.ownWorkers = withCallbacks.ownWorkers;
    this.callbacks = null;
    this.timer = withCallbacks.timer;
    this.virtual = withCallbacks.virtual;
    this.inline = this;
  }

  /**
   * This engine as it completes futures on the pool's side: never through the application's
   * callback executor. A connection lent to {@code withConnection} uses it, so the work's own
   * stages, and with them the release of the connection, never wait for that executor (whose
   * threads may all be blocked waiting for the very result the release completes).
   *
   * @return the engine without a callback executor
   */
  Engine inline() {
    return inline;
  }

  /**
   * Creates the threads of a pool.
   *
   * @param name the pool name, used in thread names
   * @param options the pool options
   * @return the engine
   */
  public static Engine forPool(String name, PoolOptions options) {
    // AUTO is platform workers: see VirtualThreads for the measurement behind it.
    boolean virtual = options.virtualThreads() == io.asyncoracle.VirtualThreads.ENABLED;
    if (virtual && !WorkerThreads.virtualThreadsAvailable()) {
      throw new io.asyncoracle.InvalidArgumentException("virtualThreads",
          "virtualThreads is ENABLED but this JVM (Java " + Runtime.version().feature()
              + ") has no virtual threads; use AUTO or run on Java 21+");
    }
    ScheduledThreadPoolExecutor timer = newTimer(name + "-timer");
    Executor supplied = options.workerExecutor();
    if (supplied != null) {
      return new Engine(supplied, null, options.callbackExecutor(), timer, false);
    }
    WorkerPool own = newWorkers(name + "-worker", virtual);
    return new Engine(own, own, options.callbackExecutor(), timer, virtual);
  }

  /**
   * Creates threads shared by standalone connections; they are daemons and never shut down.
   *
   * @return the engine
   */
  static Engine shared() {
    boolean virtual = false;
    WorkerPool own = newWorkers("async-oracle-standalone-worker", virtual);
    return new Engine(own, own, null, newTimer("async-oracle-standalone-timer"), virtual);
  }

  private static WorkerPool newWorkers(String prefix, boolean virtual) {
    return virtual
        ? new WorkerPool(WorkerThreads.virtualFactory(prefix), MAX_VIRTUAL_WORKERS)
        : new WorkerPool(WorkerThreads.daemonFactory(prefix), MAX_PLATFORM_WORKERS);
  }

  private static ScheduledThreadPoolExecutor newTimer(String name) {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, WorkerThreads.daemonFactory(name));
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  /**
   * The executor that runs blocking JDBC work.
   *
   * @return the worker executor
   */
  public Executor workers() {
    return workers;
  }

  /**
   * Whether the workers are virtual threads.
   *
   * @return {@code true} for virtual-thread workers
   */
  public boolean virtualWorkers() {
    return virtual;
  }

  /**
   * The engine's own worker pool, for tests and diagnostics.
   *
   * @return the pool, or {@code null} when the application supplied the worker executor
   */
  WorkerPool ownWorkers() {
    return ownWorkers;
  }

  /**
   * Whether the current thread is one of this engine's own workers (not a supplied executor's).
   *
   * @return {@code true} on an own worker
   */
  boolean onOwnWorker() {
    return ownWorkers != null && ownWorkers.onWorker();
  }

  /**
   * Called before the current thread blocks on one of our futures (see {@link WorkerPool#beforeBlocking()}).
   */
  void beforeBlocking() {
    if (ownWorkers != null) {
      ownWorkers.beforeBlocking();
    }
  }

  /**
   * Completes an application-facing future with a value: here, or on the application's
   * callback executor when it gave one.
   *
   * @param future the future
   * @param value the value
   * @param <T> the value type
   */
  public <T> void complete(CompletableFuture<T> future, T value) {
    if (future instanceof CallFuture<?> ours) {
      ours.firePoolSide(value, null);
    }
    if (callbacks == null || nothingToDispatch(future)) {
      DeliveryLoop.complete(future, value);
    } else {
      dispatch(() -> future.complete(value));
    }
  }

  /**
   * Whether completing a future here runs no application callback: it has no dependents, or its
   * only dependents are threads blocked on it (waking them runs nothing, and they may be the
   * callback executor's own threads, which would never run a dispatched completion).
   */
  private static boolean nothingToDispatch(CompletableFuture<?> future) {
    int dependents = future.getNumberOfDependents();
    return dependents == 0 || (future instanceof CallFuture<?> ours && dependents <= ours.blockedThreads());
  }

  /**
   * Completes an application-facing future, and runs {@code ifRefused} if the application had
   * already completed it (cancelled it, say), so what the value holds is not leaked.
   *
   * @param future the future
   * @param value the value
   * @param ifRefused what to do with the value if the future did not take it
   * @param <T> the value type
   */
  public <T> void complete(CompletableFuture<T> future, T value, Runnable ifRefused) {
    if (future instanceof CallFuture<?> ours && !future.isDone()) {
      ours.firePoolSide(value, null);
    }
    Runnable completion = () -> {
      if (!future.complete(value)) {
        ifRefused.run();
      }
    };
    if (callbacks == null || nothingToDispatch(future)) {
      DeliveryLoop.run(completion);
    } else {
      dispatch(completion);
    }
  }

  /**
   * Fails an application-facing future: here, or on the application's callback executor.
   *
   * @param future the future
   * @param error the error
   */
  public void fail(CompletableFuture<?> future, Throwable error) {
    if (future instanceof CallFuture<?> ours) {
      ours.firePoolSide(null, error);
    }
    if (callbacks == null || nothingToDispatch(future)) {
      DeliveryLoop.fail(future, error);
    } else {
      dispatch(() -> future.completeExceptionally(error));
    }
  }

  /**
   * Fails a future from the timer thread: the application's callbacks then run on a worker, never
   * on the timer, which every deadline of the pool depends on.
   *
   * @param future the future
   * @param error the error
   */
  void failFromTimer(CompletableFuture<?> future, Throwable error) {
    if (future instanceof CallFuture<?> ours && !future.isDone()) {
      ours.firePoolSide(null, error);
    }
    if (nothingToDispatch(future)) {
      future.completeExceptionally(error);
      return;
    }
    Executor target = callbacks != null ? callbacks : workers;
    try {
      target.execute(() -> future.completeExceptionally(error));
    } catch (Throwable refused) {
      future.completeExceptionally(error);
    }
  }

  private void dispatch(Runnable completion) {
    try {
      callbacks.execute(completion);
    } catch (Throwable refused) {
      // The application's executor refused (or broke): complete here rather than lose it.
      completion.run();
    }
  }

  /**
   * Runs a task after a delay on the timer thread. Timer tasks must be short.
   *
   * @param task the task
   * @param delayNanos the delay
   * @return the scheduled task, to cancel
   */
  public ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
    try {
      return timer.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // Shut down (the pool finished closing): nothing is left to time out.
      return NEVER;
    }
  }

  /** What {@link #schedule} returns once the timer is gone: a task that never runs. */
  private static final ScheduledFuture<?> NEVER = new java.util.concurrent.ScheduledFuture<Object>() {
    @Override
    public long getDelay(TimeUnit unit) {
      return Long.MAX_VALUE;
    }

    @Override
    public int compareTo(java.util.concurrent.Delayed other) {
      return other == this ? 0 : 1;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      return false;
    }

    @Override
    public boolean isCancelled() {
      return true;
    }

    @Override
    public boolean isDone() {
      return true;
    }

    @Override
    public Object get() {
      return null;
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      return null;
    }
  };

  /**
   * Runs a short task on the timer thread every {@code periodMillis}.
   *
   * @param task the task
   * @param periodMillis the period
   * @return the scheduled task, to cancel
   */
  ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long periodMillis) {
    try {
      return timer.scheduleAtFixedRate(task, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return NEVER;
    }
  }

  /**
   * Stops the threads this engine created (not those the application supplied). Running work
   * finishes; idle workers end.
   */
  public void shutdown() {
    timer.shutdownNow();
    if (ownWorkers != null) {
      ownWorkers.shutdown();
    }
  }
}
