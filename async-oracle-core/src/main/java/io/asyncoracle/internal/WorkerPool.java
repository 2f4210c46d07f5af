package io.asyncoracle.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The executor that runs a pool's blocking JDBC work, on platform or virtual threads.
 *
 * <p>Why not a {@code ThreadPoolExecutor} or a thread per task: one call is one task, and the
 * worker that ran it also completes the caller's future, so the application's next call is usually
 * submitted <em>from that worker</em>. Here that submission is kept in the worker's own
 * <em>next</em> slot and run by the same thread as soon as the completion returns: no other thread
 * is woken, no thread is created. Everything else goes to an idle worker (most recently parked
 * first, so a few threads stay warm), or to a new thread when none is idle.
 *
 * <p>Why that never deadlocks: the pool grows whenever work arrives and no worker is idle, so work
 * never waits behind a worker that is busy, whatever application code it runs. A task parked in a
 * worker's next slot only waits while that worker finishes delivering a result; if the
 * application blocks there, the next slot is moved to another worker, at once when it blocks on
 * one of our futures ({@link #beforeBlocking()}), otherwise by a sweep every
 * {@value #SWEEP_MILLIS} ms.
 */
final class WorkerPool implements Executor {

  /** How often parked next-slot tasks of stuck workers are moved on. */
  static final long SWEEP_MILLIS = 10;
  private static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(30);
  private static final ThreadLocal<Worker> CURRENT = new ThreadLocal<>();

  private final ThreadFactory threads;
  private final int maxThreads;
  private final ReentrantLock lock = new ReentrantLock();
  // Guarded by lock.
  private final ArrayDeque<Worker> idle = new ArrayDeque<>();
  private final ArrayDeque<Runnable> overflow = new ArrayDeque<>();
  private final List<Worker> live = new ArrayList<>();
  private volatile boolean shutdown;
  private long started;

  /**
   * Creates a pool.
   *
   * @param threads makes the worker threads (platform or virtual)
   * @param maxThreads a safety limit: beyond it, work queues until a worker is free
   */
  WorkerPool(ThreadFactory threads, int maxThreads) {
    this.threads = threads;
    this.maxThreads = maxThreads;
  }

  /** One worker thread: its next slot and what the sweep needs to see whether it is stuck. */
  private final class Worker implements Runnable {
    final AtomicReference<Runnable> next = new AtomicReference<>();
    /** Work handed to this worker while it was idle; taken with getAndSet, so a hand-off is never lost. */
    final AtomicReference<Runnable> assigned = new AtomicReference<>();
    volatile long runs;
    long runsAtLastSweep = -1;
    Thread thread;

    Worker(Runnable first) {
      this.assigned.set(first);
    }

    WorkerPool owner() {
      return WorkerPool.this;
    }

    @Override
    public void run() {
      CURRENT.set(this);
      try {
        Runnable task = takeAssigned();
        while (task != null) {
          runTask(task);
          task = next.getAndSet(null);
          if (task == null) {
            task = awaitWork(this);
          }
        }
      } finally {
        CURRENT.remove();
      }
    }

    private Runnable takeAssigned() {
      return assigned.getAndSet(null);
    }

    private void runTask(Runnable task) {
      runs++;
      try {
        task.run();
      } catch (Throwable unexpected) {
        // Tasks handle their own failures (lanes complete their futures); never lose the thread.
        Thread t = Thread.currentThread();
        t.getUncaughtExceptionHandler().uncaughtException(t, unexpected);
      }
    }
  }

  /**
   * Whether the current thread is one of this pool's workers.
   *
   * @return {@code true} on a worker
   */
  boolean onWorker() {
    Worker w = CURRENT.get();
    return w != null && w.owner() == this;
  }

  @Override
  public void execute(Runnable task) {
    Worker self = CURRENT.get();
    // A worker delivering a result (it holds no connection any more) runs what its callback
    // submits itself, right after the callback returns.
    if (self != null && self.owner() == this && Lane.onFreeWorker() && self.next.compareAndSet(null, task)) {
      return;
    }
    dispatch(task);
  }

  private void dispatch(Runnable task) {
    Worker wake;
    lock.lock();
    try {
      if (shutdown) {
        throw new RejectedExecutionException("the pool's workers are shut down");
      }
      wake = idle.pollFirst();
      if (wake == null) {
        if (live.size() >= maxThreads) {
          overflow.add(task);
          return;
        }
        Worker fresh = new Worker(task);
        fresh.thread = threads.newThread(fresh);
        live.add(fresh);
        started++;
        wake = fresh;
      } else {
        wake.assigned.set(task);
      }
    } finally {
      lock.unlock();
    }
    if (wake.thread.getState() == Thread.State.NEW) {
      wake.thread.start();
    } else {
      LockSupport.unpark(wake.thread);
    }
  }

  /** Parks an idle worker until it is handed work; returns null when it should end. */
  private Runnable awaitWork(Worker w) {
    lock.lock();
    try {
      Runnable queued = overflow.poll();
      if (queued != null) {
        return queued;
      }
      if (shutdown) {
        live.remove(w);
        return null;
      }
      idle.addFirst(w);
    } finally {
      lock.unlock();
    }
    long deadline = System.nanoTime() + KEEP_ALIVE_NANOS;
    while (true) {
      Runnable task = w.takeAssigned();
      if (task != null) {
        return task;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || shutdown) {
        lock.lock();
        try {
          // Handed work between the check above and now: run it.
          task = w.takeAssigned();
          if (task != null) {
            return task;
          }
          if (idle.remove(w)) {
            live.remove(w);
            return null;
          }
        } finally {
          lock.unlock();
        }
        // Popped by a dispatcher that is about to assign: wait for it.
        LockSupport.parkNanos(this, 50_000);
        continue;
      }
      LockSupport.parkNanos(this, left);
    }
  }

  /**
   * Moves the current worker's next-slot task to another worker: called before the current thread
   * blocks waiting for one of our futures, which that task may be needed to complete.
   */
  void beforeBlocking() {
    Worker self = CURRENT.get();
    if (self != null && self.owner() == this) {
      Runnable task = self.next.getAndSet(null);
      if (task != null) {
        dispatchOrRun(task);
      }
    }
  }

  /** Moves next-slot tasks away from workers that have been delivering since the last sweep. */
  void sweep() {
    List<Runnable> stuck = new ArrayList<>();
    lock.lock();
    try {
      for (Worker w : live) {
        long runs = w.runs;
        if (w.next.get() != null && runs == w.runsAtLastSweep) {
          Runnable task = w.next.getAndSet(null);
          if (task != null) {
            stuck.add(task);
          }
        }
        w.runsAtLastSweep = runs;
      }
    } finally {
      lock.unlock();
    }
    for (Runnable task : stuck) {
      dispatchOrRun(task);
    }
  }

  private void dispatchOrRun(Runnable task) {
    try {
      dispatch(task);
    } catch (RejectedExecutionException e) {
      task.run();
    }
  }

  /** Stops accepting work; idle workers end, busy ones end after their task. */
  void shutdown() {
    List<Worker> toWake;
    lock.lock();
    try {
      shutdown = true;
      toWake = new ArrayList<>(idle);
    } finally {
      lock.unlock();
    }
    for (Worker w : toWake) {
      LockSupport.unpark(w.thread);
    }
  }

  /**
   * Live worker threads, for tests and diagnostics.
   *
   * @return the number of threads
   */
  int liveThreads() {
    lock.lock();
    try {
      return live.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Threads started since the pool was created, for tests and diagnostics.
   *
   * @return the number of threads ever started
   */
  long startedThreads() {
    lock.lock();
    try {
      return started;
    } finally {
      lock.unlock();
    }
  }
}
