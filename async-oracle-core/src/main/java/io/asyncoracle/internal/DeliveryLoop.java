package io.asyncoracle.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * Where the futures the application gets are completed when no callback executor takes them: on the
 * current thread, at a bounded depth. Completing a future runs the application's callbacks, which may
 * call straight back into the pool or the connection (a release from an acquire's callback, the next
 * {@code withConnection} from the previous one's completion), and so complete another future on the
 * same stack. Up to {@link #MAX_DEPTH} such completions nest; beyond that a completion is queued to
 * the loop already running lower on this thread's stack, which runs it once the callbacks above it
 * have returned. So however deep synchronous re-entry goes, the stack stays bounded, and every
 * completion still happens exactly once.
 *
 * <p>One loop per thread, not one for the pool: a loop shared across threads (a work-in-progress
 * counter) would have the thread in the loop run everyone's callbacks, and a callback that blocks on
 * a future only another thread's release can complete would then wait for itself. Here a thread only
 * ever runs its own completions. A thread that blocks on one of our futures first runs what it has
 * queued ({@link #runQueued()}, called by {@link CallFuture#join()} and {@code get()}), since the
 * future it waits for may be among them.
 */
final class DeliveryLoop {

  private static final System.Logger LOG = System.getLogger(DeliveryLoop.class.getName());

  /** How many completions may nest on one stack before they are queued (each is a few dozen frames). */
  static final int MAX_DEPTH = 8;

  private static final ThreadLocal<DeliveryLoop> LOOP = ThreadLocal.withInitial(DeliveryLoop::new);

  /**
   * How many futures in a row this thread may complete before returning them, outside any loop,
   * before one is handed to a worker instead (see {@link #beforeReturn}).
   */
  static final int MAX_STREAK = 16;

  /** How many times a worker yields, at most, for a caller to chain to a future handed to it. */
  static final int CHAIN_WAIT_YIELDS = 16;

  private int depth;
  private ArrayDeque<Runnable> queued;
  /** Futures completed before being returned, on this thread, outside any loop, since the last hand-off. */
  private int streak;

  private DeliveryLoop() {
  }

  /**
   * Completes a future with a value here, or queues the completion if this thread is already
   * {@link #MAX_DEPTH} completions deep.
   */
  static <T> void complete(CompletableFuture<T> future, T value) {
    DeliveryLoop loop = LOOP.get();
    if (loop.depth >= MAX_DEPTH) {
      loop.queue(() -> future.complete(value));
      return;
    }
    loop.depth++;
    try {
      future.complete(value);
    } finally {
      loop.leave();
    }
  }

  /** Fails a future here, or queues the failure (see {@link #complete}). */
  static void fail(CompletableFuture<?> future, Throwable error) {
    DeliveryLoop loop = LOOP.get();
    if (loop.depth >= MAX_DEPTH) {
      loop.queue(() -> future.completeExceptionally(error));
      return;
    }
    loop.depth++;
    try {
      future.completeExceptionally(error);
    } finally {
      loop.leave();
    }
  }

  /** Runs a delivery (code that completes futures) here, or queues it (see {@link #complete}). */
  static void run(Runnable delivery) {
    DeliveryLoop loop = LOOP.get();
    if (loop.depth >= MAX_DEPTH) {
      loop.queue(delivery);
      return;
    }
    loop.depth++;
    try {
      delivery.run();
    } catch (Throwable e) {
      LOG.log(Level.WARNING, () -> "a delivery failed: " + e);
    } finally {
      loop.leave();
    }
  }

  /**
   * Runs a completion of a future that is not yet returned to its caller ({@code acquire} or
   * {@code withConnection} finding everything it needs at once). Completed here, the future would be
   * returned done, and a caller that chains the next call to it ({@code whenComplete(... next())})
   * would recurse in its own frames, where no loop of ours can see it. So: inside a loop, the
   * completion is queued to it and runs once the current callback returned; outside any loop, it
   * runs here, except that one in {@link #MAX_STREAK} is handed to a worker, which bounds such a
   * recursion (a loop that is not recursive pays one hand-off per {@value #MAX_STREAK} calls).
   * The worker waits for the caller to chain to {@code future} first (see {@link #awaitChained}).
   */
  static void beforeReturn(CompletableFuture<?> future, Runnable completion, java.util.concurrent.Executor workers) {
    DeliveryLoop loop = LOOP.get();
    if (loop.depth > 0) {
      loop.queue(completion);
      return;
    }
    if (++loop.streak < MAX_STREAK) {
      run(completion);
      return;
    }
    loop.streak = 0;
    try {
      workers.execute(() -> {
        awaitChained(future);
        run(completion);
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      run(completion);
    }
  }

  /**
   * On the worker a completion was handed to: lets the caller chain to the future first. A callback
   * added to a future that is already done runs at once, in the frames of whoever adds it; so were
   * the worker to complete the future before the caller chained to it, the caller would run its next
   * step in its own frames after all, and the recursion the hand-off was meant to break would go on,
   * {@value #MAX_STREAK} calls deeper each time, until a StackOverflowError lost a completion.
   * That is the usual order, not a rare one, when the machine is busy: waking the worker preempts
   * the caller on its core. Yielding gives the caller its core back; a caller that chains nothing
   * costs the worker at most {@value #CHAIN_WAIT_YIELDS} yields.
   */
  private static void awaitChained(CompletableFuture<?> future) {
    for (int i = 0; i < CHAIN_WAIT_YIELDS && future.getNumberOfDependents() == 0 && !future.isDone(); i++) {
      Thread.yield();
    }
  }

  /**
   * Runs the deliveries queued on this thread, before it blocks: the future it is about to wait for
   * may be completed by one of them.
   */
  static void runQueued() {
    DeliveryLoop loop = LOOP.get();
    if (loop.queued != null && !loop.queued.isEmpty()) {
      loop.drain();
    }
  }

  /** The thread waits for one of our futures: it is not in a recursion of callbacks (see {@link #beforeReturn}). */
  static void waited() {
    LOOP.get().streak = 0;
  }

  /** How deep this thread's completions nest now, for tests. */
  static int depth() {
    return LOOP.get().depth;
  }

  private void queue(Runnable delivery) {
    if (queued == null) {
      queued = new ArrayDeque<>();
    }
    queued.add(delivery);
  }

  private void leave() {
    depth--;
    if (depth == 0 && queued != null && !queued.isEmpty()) {
      drain();
    }
  }

  private void drain() {
    Runnable next;
    while ((next = queued.poll()) != null) {
      depth++;
      try {
        next.run();
      } catch (Throwable e) {
        LOG.log(Level.WARNING, () -> "a queued delivery failed: " + e);
      } finally {
        depth--;
      }
    }
  }
}
