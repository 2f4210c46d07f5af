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
 * <p>A task returns its result delivery instead of completing futures itself. Every delivery runs
 * after the lane has been let go, on a {@linkplain #onFreeWorker() free worker}: the
 * application callbacks it triggers can never hold up this connection's queue. When more tasks of
 * the lane are queued, the rest of the lane is handed on first; on a {@link WorkerPool} that hand-off
 * lands in the worker's own next slot, so the same thread goes on with the lane once the delivery
 * returns, and another worker takes over only if the delivery blocks.
 */
final class Lane {

  /** A unit of work on a lane. */
  interface Task {
    /**
     * Runs the task. Must not throw.
     *
     * @return what to do with the result once the worker is free, or {@code null}
     */
    Runnable runOnLane();

    /**
     * Called instead of {@link #runOnLane()} when no worker will ever run the task.
     *
     * @param error why
     */
    void abort(Throwable error);
  }

  /** Per thread: whether it is delivering results after letting go of its lane. A mutable holder, so a drain looks it up once. */
  private static final class Free {
    boolean value;
  }

  private static final ThreadLocal<Free> FREE_WORKER = ThreadLocal.withInitial(Free::new);

  private final Executor workers;
  private final Queue<Task> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final Runnable drain = this::drain;

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
    return FREE_WORKER.get().value;
  }

  void submit(Task task) {
    queue.add(task);
    if (pending.getAndIncrement() == 0) {
      schedule();
    }
  }

  /**
   * Takes the lane for the calling thread if nothing is queued or running on it: the caller may
   * then use the connection directly, and must call {@link #endClaim()} or
   * {@link #submitClaimed(Task)}.
   *
   * @return whether the lane is now the caller's
   */
  boolean tryClaim() {
    return pending.compareAndSet(0, 1);
  }

  /** Gives a claimed lane back; work submitted meanwhile starts on a worker. */
  void endClaim() {
    if (pending.decrementAndGet() != 0) {
      schedule();
    }
  }

  /**
   * Hands a task to the workers from a claimed lane: the claim becomes that task's place.
   *
   * @param task the task
   */
  void submitClaimed(Task task) {
    queue.add(task);
    schedule();
  }

  /**
   * Aborts every task queued behind the running one, without taking them off the queue: a task
   * aborted this way must do nothing when a worker reaches it later (a call finds its future
   * already complete). For a connection whose call never returns.
   *
   * @param error why
   */
  void abortQueued(Throwable error) {
    // The running task was taken off the queue before it ran: everything still here is waiting.
    for (Task task : queue) {
      task.abort(error);
    }
  }

  private void schedule() {
    try {
      workers.execute(drain);
    } catch (RejectedExecutionException e) {
      abortAll(e);
    }
  }

  private void drain() {
    Free free = FREE_WORKER.get();
    boolean outer = free.value;
    try {
      while (true) {
        free.value = false;
        Task task = queue.poll();
        Runnable delivery;
        try {
          delivery = task.runOnLane();
        } catch (Throwable unexpected) {
          task.abort(unexpected);
          delivery = null;
        }
        if (pending.decrementAndGet() == 0) {
          if (delivery != null) {
            free.value = true;
            delivery.run();
          }
          return;
        }
        if (delivery != null) {
          // Let go of the lane before delivering: on our own workers the rest of the lane lands
          // in this thread's next slot and runs right after the delivery (see the class comment).
          free.value = true;
          schedule();
          delivery.run();
          return;
        }
      }
    } finally {
      free.value = outer;
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
