package io.asyncoracle.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the tasks of one connection one at a time, in submission order, on the shared workers. A
 * lane holds at most one worker, and only while it has work queued.
 */
final class Lane {

  /** A unit of work on a lane. */
  interface Task {
    /** Runs the task; must not throw. */
    void run();

    /**
     * Called instead of {@link #run()} when no worker will ever run the task.
     *
     * @param error why
     */
    void abort(Throwable error);
  }

  private final Executor workers;
  private final Queue<Task> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();

  Lane(Executor workers) {
    this.workers = workers;
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

  private void drain() {
    do {
      Task task = queue.poll();
      try {
        task.run();
      } catch (Throwable unexpected) {
        task.abort(unexpected);
      }
    } while (pending.decrementAndGet() != 0);
  }

  private void abortAll(RejectedExecutionException error) {
    Task task;
    while ((task = queue.poll()) != null) {
      task.abort(error);
      pending.decrementAndGet();
    }
  }
}
