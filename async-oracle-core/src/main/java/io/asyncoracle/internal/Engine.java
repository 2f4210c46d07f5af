package io.asyncoracle.internal;

import io.asyncoracle.PoolOptions;
import io.asyncoracle.VirtualThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads of a pool (or of the standalone connections): workers that run blocking JDBC calls,
 * callback threads that complete the futures handed to applications, and one timer thread for
 * acquire and call timeouts.
 *
 * <p>Why callbacks have threads of their own: completing a future runs whatever the application
 * chained to it on the completing thread. If that were a JDBC worker, an application callback that
 * blocks could hold the very worker the next release needs (cx_Oracle_async issue #18). So a worker
 * completes a future itself only when nothing is chained to it yet (a caller blocked in
 * {@code join()}), and otherwise hands the completion to a callback thread (virtual-thread
 * workers that have let go of their connection may complete it themselves, see
 * {@link #mayRunCallbacksHere()}). Without virtual
 * threads the callback threads are a {@link java.util.concurrent.ForkJoinPool}, so a callback that
 * itself blocks in {@code join()} gets a compensating thread instead of starving the others.
 */
public final class Engine {

  private final Executor workers;
  private final Executor callbacks;
  private final ScheduledThreadPoolExecutor timer;
  private final List<ExecutorService> owned = new ArrayList<>();
  private final boolean virtual;

  private Engine(Executor workers, Executor callbacks, ScheduledThreadPoolExecutor timer, boolean virtual) {
    this.workers = workers;
    this.callbacks = callbacks;
    this.timer = timer;
    this.virtual = virtual;
  }

  /**
   * Creates the threads of a pool.
   *
   * @param name the pool name, used in thread names
   * @param options the pool options
   * @return the engine
   */
  public static Engine forPool(String name, PoolOptions options) {
    boolean virtual = switch (options.virtualThreads()) {
      case AUTO -> WorkerThreads.virtualThreadsAvailable();
      case ENABLED -> true;
      case DISABLED -> false;
    };
    if (virtual && !WorkerThreads.virtualThreadsAvailable()) {
      throw new io.asyncoracle.InvalidArgumentException("virtualThreads",
          "virtualThreads is ENABLED but this JVM (Java " + Runtime.version().feature()
              + ") has no virtual threads; use AUTO or run on Java 21+");
    }
    ScheduledThreadPoolExecutor timer = newTimer(name + "-timer");
    List<ExecutorService> owned = new ArrayList<>();
    Executor workers = options.workerExecutor();
    boolean virtualWorkers = false;
    if (workers == null) {
      // Each borrowed connection runs at most one blocking call at a time, so max workers always
      // suffice; the spare threads serve pool creation, close and health pings.
      ExecutorService own = virtual
          ? WorkerThreads.virtualThreadPerTask(name + "-worker")
          : WorkerThreads.platform(name + "-worker", options.max() + 2);
      owned.add(own);
      workers = own;
      virtualWorkers = virtual;
    }
    Executor callbacks = options.callbackExecutor();
    if (callbacks == null) {
      ExecutorService own = virtual
          ? WorkerThreads.virtualThreadPerTask(name + "-callback")
          : WorkerThreads.callbackPool(name + "-callback", Math.max(2, Runtime.getRuntime().availableProcessors()));
      owned.add(own);
      callbacks = own;
    }
    Engine engine = new Engine(workers, callbacks, timer, virtualWorkers);
    engine.owned.addAll(owned);
    return engine;
  }

  /**
   * Creates threads shared by standalone connections; they are daemons and never shut down.
   *
   * @return the engine
   */
  static Engine shared() {
    boolean virtual = WorkerThreads.virtualThreadsAvailable();
    ExecutorService workers = virtual
        ? WorkerThreads.virtualThreadPerTask("async-oracle-standalone-worker")
        : new java.util.concurrent.ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new java.util.concurrent.SynchronousQueue<>(), WorkerThreads.daemonFactory("async-oracle-standalone-worker"));
    ExecutorService callbacks = virtual
        ? WorkerThreads.virtualThreadPerTask("async-oracle-standalone-callback")
        : WorkerThreads.callbackPool("async-oracle-standalone-callback", Math.max(2, Runtime.getRuntime().availableProcessors()));
    return new Engine(workers, callbacks, newTimer("async-oracle-standalone-timer"), virtual);
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
   * Completes an application-facing future with a value, never running the application's
   * callbacks on the calling worker (see the class comment).
   *
   * @param future the future
   * @param value the value
   * @param <T> the value type
   */
  public <T> void complete(CompletableFuture<T> future, T value) {
    if (future.getNumberOfDependents() == 0 || mayRunCallbacksHere()) {
      future.complete(value);
    } else {
      dispatch(() -> future.complete(value), future, null);
    }
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
    Runnable completion = () -> {
      if (!future.complete(value)) {
        ifRefused.run();
      }
    };
    if (future.getNumberOfDependents() == 0 || mayRunCallbacksHere()) {
      completion.run();
    } else {
      dispatch(completion, future, null);
    }
  }

  /**
   * Fails an application-facing future, never running the application's callbacks on the calling
   * worker.
   *
   * @param future the future
   * @param error the error
   */
  public void fail(CompletableFuture<?> future, Throwable error) {
    if (future.getNumberOfDependents() == 0 || mayRunCallbacksHere()) {
      future.completeExceptionally(error);
    } else {
      dispatch(() -> future.completeExceptionally(error), future, error);
    }
  }

  /**
   * Whether application callbacks may run on the current thread: a virtual worker that has let go
   * of its lane. It holds no connection and no platform thread the pool needs (the next call gets a
   * virtual thread of its own), so running callbacks here saves a hand-off; a callback that blocks
   * blocks only this virtual thread. Platform workers are a bounded pool: they always hand off.
   *
   * @return whether to complete here
   */
  boolean mayRunCallbacksHere() {
    return virtual && Lane.onFreeWorker();
  }

  private void dispatch(Runnable completion, CompletableFuture<?> future, Throwable error) {
    try {
      callbacks.execute(completion);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // Callback threads are gone (the pool finished closing): complete here rather than lose it.
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
    return timer.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Stops the threads this engine created (not those the application supplied). Queued work still
   * runs; the callback threads finish the completions already handed to them.
   */
  public void shutdown() {
    timer.shutdownNow();
    for (ExecutorService service : owned) {
      service.shutdown();
    }
  }
}
