package io.asyncoracle.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The FIFO queue of acquires waiting for a connection, guarded by {@link PoolState}'s lock. Linked
 * through the waiters themselves, so joining and leaving (a cancel, a timeout) cost no allocation and
 * no search, however many wait. Since every waiter shares the acquire timeout, the queue is in
 * deadline order, and the earliest deadline is the head's; only a reconfigure of the timeout can break
 * that order, which {@link #expire} then handles by looking at every waiter.
 */
final class WaiterQueue {

  private AcquireFuture head;
  private AcquireFuture tail;
  private int size;
  /** Whether some waiter's deadline is earlier than one ahead of it. */
  private boolean outOfOrder;

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  void add(AcquireFuture waiter) {
    if (waiter.queued) {
      return;
    }
    waiter.queued = true;
    waiter.previous = tail;
    waiter.next = null;
    if (tail == null) {
      head = waiter;
    } else {
      if (waiter.deadline < tail.deadline) {
        outOfOrder = true;
      }
      tail.next = waiter;
    }
    tail = waiter;
    size++;
  }

  void remove(AcquireFuture waiter) {
    if (!waiter.queued) {
      return;
    }
    waiter.queued = false;
    AcquireFuture before = waiter.previous;
    AcquireFuture after = waiter.next;
    if (before == null) {
      head = after;
    } else {
      before.next = after;
    }
    if (after == null) {
      tail = before;
    } else {
      after.previous = before;
    }
    waiter.previous = null;
    waiter.next = null;
    size--;
    if (size == 0) {
      outOfOrder = false;
    }
  }

  /** The first waiter that still wants a connection, taken off the queue; skips those done. */
  AcquireFuture pollLive() {
    AcquireFuture w;
    while ((w = head) != null) {
      remove(w);
      if (!w.isDone()) {
        return w;
      }
    }
    return null;
  }

  /** Drops waiters at the head that are done (timed out or cancelled), so no open is made for nobody. */
  void dropDone() {
    while (head != null && head.isDone()) {
      remove(head);
    }
  }

  /** Takes every waiter off the queue, in order. */
  List<AcquireFuture> removeAll() {
    List<AcquireFuture> all = new ArrayList<>(size);
    AcquireFuture w;
    while ((w = head) != null) {
      remove(w);
      all.add(w);
    }
    return all;
  }

  /**
   * Takes the waiters whose deadline is at or before {@code now} off the queue.
   *
   * @return the earliest deadline left, or {@link Long#MAX_VALUE}
   */
  long expire(long now, List<AcquireFuture> expired) {
    long next = Long.MAX_VALUE;
    AcquireFuture w = head;
    while (w != null) {
      AcquireFuture after = w.next;
      if (w.deadline != Long.MAX_VALUE && w.deadline - now <= 0) {
        remove(w);
        expired.add(w);
      } else if (w.isDone()) {
        remove(w);
      } else {
        next = Math.min(next, w.deadline);
        if (!outOfOrder) {
          // In deadline order: nobody behind expires before this one.
          break;
        }
      }
      w = after;
    }
    return next;
  }
}
