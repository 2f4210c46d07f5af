package io.asyncoracle.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One timer for the deadlines of every queued acquire, instead of a scheduled task per waiter. The
 * waiters share the acquire timeout, so the queue is in deadline order: the timer is armed for the
 * earliest deadline, and when it fires it takes out every waiter past its deadline and arms itself
 * for the next one.
 */
final class WaiterDeadlines {

  private final Engine engine;
  private final LongSupplier clock;
  private final PoolState state;
  private final Consumer<AcquireFuture> timedOut;
  // Guarded by this.
  private long armedFor = Long.MAX_VALUE;
  private ScheduledFuture<?> timer;

  /**
   * @param timedOut fails an acquire whose deadline passed (called off the lock, on the timer thread)
   */
  WaiterDeadlines(Engine engine, LongSupplier clock, PoolState state, Consumer<AcquireFuture> timedOut) {
    this.engine = engine;
    this.clock = clock;
    this.state = state;
    this.timedOut = timedOut;
  }

  /** A waiter joined the queue: the timer fires no later than its deadline. */
  void queued(AcquireFuture waiter) {
    long deadline = waiter.deadline;
    if (deadline == Long.MAX_VALUE) {
      return;
    }
    synchronized (this) {
      if (timer != null && deadline - armedFor >= 0) {
        return;
      }
      arm(deadline);
    }
  }

  private void arm(long deadline) {
    if (timer != null) {
      timer.cancel(false);
    }
    armedFor = deadline;
    timer = engine.schedule(this::fire, Math.max(0, deadline - clock.getAsLong()));
  }

  /** Takes out the waiters past their deadline and fails them; runs on the timer (or a test). */
  void fire() {
    synchronized (this) {
      timer = null;
      armedFor = Long.MAX_VALUE;
    }
    List<AcquireFuture> expired = new ArrayList<>();
    long next = state.expireWaiters(clock.getAsLong(), expired);
    if (next != Long.MAX_VALUE) {
      synchronized (this) {
        if (timer == null || next - armedFor < 0) {
          arm(next);
        }
      }
    }
    for (AcquireFuture waiter : expired) {
      timedOut.accept(waiter);
    }
  }

  /** Stops the timer (the pool closed). */
  synchronized void stop() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
