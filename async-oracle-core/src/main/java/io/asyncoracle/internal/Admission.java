package io.asyncoracle.internal;

import io.asyncoracle.PoolClosedException;
import io.asyncoracle.PoolExhaustedException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The async admission queue in front of UCP: {@code max} permits and a FIFO queue of waiters.
 * Nothing here blocks a thread beyond a short lock; a waiter is a callback, not a parked thread.
 */
final class Admission {

  /** Returned by {@link #acquire(Waiter)} when a permit was free. */
  static final Object GRANTED = new Object();

  /** A queued acquire. Exactly one of grant and abandon wins. */
  abstract static class Waiter {
    private static final int WAITING = 0;
    private static final int GRANTED = 1;
    private static final int ABANDONED = 2;
    private final AtomicInteger state = new AtomicInteger(WAITING);

    final boolean tryGrant() {
      return state.compareAndSet(WAITING, GRANTED);
    }

    final boolean tryAbandon() {
      return state.compareAndSet(WAITING, ABANDONED);
    }

    /** Called, outside the lock, once a permit is handed to this waiter. */
    abstract void granted();
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Waiter> queue = new ArrayDeque<>();
  private final int max;
  private final int maxWaiters;
  private final String poolName;
  private int available;
  private boolean closed;
  private Runnable onDrained;

  Admission(String poolName, int max, int maxWaiters) {
    this.poolName = poolName;
    this.max = max;
    this.maxWaiters = maxWaiters;
    this.available = max;
  }

  /**
   * Takes a permit, or queues the waiter.
   *
   * @param waiter the waiter to queue if no permit is free
   * @param state describes the pool for the exhausted message
   * @return {@link #GRANTED}, or the queued waiter
   * @throws PoolClosedException if the pool is closing
   * @throws PoolExhaustedException if the queue is full
   */
  Object acquire(Waiter waiter, Supplier<String> state) {
    lock.lock();
    try {
      if (closed) {
        throw new PoolClosedException(poolName + " - pool is closed");
      }
      if (available > 0 && queue.isEmpty()) {
        available--;
        return GRANTED;
      }
      if (queue.size() >= maxWaiters) {
        throw new PoolExhaustedException(poolName + " - every connection is busy and " + queue.size()
            + " acquires are already waiting (maxWaiters=" + maxWaiters + "; " + state.get() + ")");
      }
      queue.add(waiter);
      return waiter;
    } finally {
      lock.unlock();
    }
  }

  /** Gives a permit back: to the first live waiter, or to the free count. */
  void release() {
    Waiter next = null;
    Runnable drained = null;
    lock.lock();
    try {
      Waiter w;
      while ((w = queue.poll()) != null) {
        if (w.tryGrant()) {
          next = w;
          break;
        }
      }
      if (next == null) {
        available++;
        if (closed && available == max) {
          drained = onDrained;
          onDrained = null;
        }
      }
    } finally {
      lock.unlock();
    }
    if (next != null) {
      next.granted();
    } else if (drained != null) {
      drained.run();
    }
  }

  /** Removes an abandoned waiter (timed out or cancelled) from the queue. */
  void remove(Waiter waiter) {
    lock.lock();
    try {
      queue.remove(waiter);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Whether no permit is out.
   *
   * @return {@code true} when idle
   */
  boolean idle() {
    lock.lock();
    try {
      return available == max;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops admitting. Returns the waiters that were queued (each already abandoned) so the caller
   * fails them, and runs {@code whenDrained} once every permit is back (at once if none is out).
   *
   * @param whenDrained what to run when the last permit returns
   * @param requireIdle if true, refuse (return {@code null}) when a permit is out
   * @return the abandoned waiters, or {@code null} if refused
   */
  List<Waiter> close(Runnable whenDrained, boolean requireIdle) {
    List<Waiter> abandoned = new ArrayList<>();
    boolean drainedNow;
    lock.lock();
    try {
      if (requireIdle && available != max) {
        return null;
      }
      closed = true;
      Waiter w;
      while ((w = queue.poll()) != null) {
        if (w.tryAbandon()) {
          abandoned.add(w);
        }
      }
      drainedNow = available == max;
      if (!drainedNow) {
        onDrained = whenDrained;
      }
    } finally {
      lock.unlock();
    }
    if (drainedNow) {
      whenDrained.run();
    }
    return abandoned;
  }

  int busy() {
    lock.lock();
    try {
      return max - available;
    } finally {
      lock.unlock();
    }
  }

  int waiting() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }
}
