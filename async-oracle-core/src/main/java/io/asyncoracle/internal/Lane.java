package io.asyncoracle.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the tasks of one connection one at a time, in submission order, on the shared workers. A
 * lane holds at most one worker, and only while it has work queued.
 *
 * <p>A task returns its result delivery instead of completing futures itself. The delivery of the
 * lane's last queued task runs after the lane has been let go, marked as running on a
 * {@linkplain #onFreeWorker() free worker}: application callbacks it triggers can no longer hold
 * up this connection's queue, and {@link Engine} decides whether they may run right there.
 */
final class Lane {

  /** A unit of work on a lane. */
  interface Task {
    /**
     * Runs the task. Must not throw.
     *
     * @return what to do with the result once the worker is free, or {@code null}
     */
    Runnable run();

    /**
     * Called instead of {@link #run()} when no worker will ever run the task.
     *
     * @param error why
     */
    void abort(Throwable error);
  }

  private static final ThreadLocal<Boolean> FREE_WORKER = new ThreadLocal<>();

  private final Executor workers;
  private final Queue<Task> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();

  Lane(Executor workers) {
    this.workers = workers;
  }

  /**
   * Whether the current thread is a worker that has finished its lane's work and is delivering
   * results: it holds no connection's queue.
   *
   * @return {@code true} on such a worker
   */
  static boolean onFreeWorker() {
    return Boolean.TRUE.equals(FREE_WORKER.get());
  }

  void submit(Task task) {
    queue.add(task);
    if (pending.getAndIncrement() == 0) {
      try {
        workers.execute(this::drain);
      } catch (RejectedExecutionException e) {
        abortAll(e);
      }
    }
  }

  /**
   * Runs the task on the current thread if the lane is idle, else queues it. Only for our own
   * short work (a release) issued on a {@linkplain #onFreeWorker() free worker}; application
   * calls always get a worker of their own so that they run concurrently.
   */
  void submitHere(Task task) {
    queue.add(task);
    if (pending.getAndIncrement() == 0) {
      drain();
    }
  }

  private void drain() {
    Boolean outer = FREE_WORKER.get();
    try {
      while (true) {
        FREE_WORKER.set(Boolean.FALSE);
        Task task = queue.poll();
        Runnable delivery;
        try {
          delivery = task.run();
        } catch (Throwable unexpected) {
          task.abort(unexpected);
          delivery = null;
        }
        if (pending.decrementAndGet() == 0) {
          if (delivery != null) {
            FREE_WORKER.set(Boolean.TRUE);
            delivery.run();
          }
          return;
        }
        if (delivery != null) {
          delivery.run();
        }
      }
    } finally {
      FREE_WORKER.set(outer);
    }
  }

  private void abortAll(RejectedExecutionException error) {
    Task task;
    while ((task = queue.poll()) != null) {
      task.abort(error);
      pending.decrementAndGet();
    }
  }
}
