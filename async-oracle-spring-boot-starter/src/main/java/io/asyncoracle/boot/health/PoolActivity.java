package io.asyncoracle.boot.health;

import io.asyncoracle.PoolListener;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the health indicator learns from the pool's events: when a connection was last lent or
 * validated, when one was last opened, and the last failure to open one. Health is judged from
 * these when a ping would have to queue behind the application's callers.
 *
 * <p>Times are {@link System#nanoTime()} readings, so a clock change does not make old evidence
 * look recent; {@link Instant}s are kept beside them for the details only.
 */
final class PoolActivity implements PoolListener {

  /** The last failure to open a connection, and when it happened. */
  record ConnectFailure(Throwable error, long atNanos, Instant at) {
  }

  /** No event yet: older than any reading {@code System.nanoTime()} gives during this run. */
  private static final long NEVER = Long.MIN_VALUE;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private long events;
  private long lastGoodNanos = NEVER;
  private Instant lastGoodAt;
  private ConnectFailure lastFailure;

  @Override
  public void onAcquire(Duration waited) {
    recordGood();
  }

  @Override
  public void onConnectionOpened() {
    recordGood();
  }

  @Override
  public void onConnectFailure(Throwable error) {
    lock.lock();
    try {
      lastFailure = new ConnectFailure(error, System.nanoTime(), Instant.now());
      events++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The indicator's own ping got an answer: the database was usable through the pool just now. */
  void onValidated() {
    recordGood();
  }

  private void recordGood() {
    long now = System.nanoTime();
    lock.lock();
    try {
      lastGoodNanos = now;
      lastGoodAt = Instant.now();
      events++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The last failure to open a connection, if nothing good (a connection lent, opened or validated)
   * happened since.
   *
   * @return the failure, or {@code null} when the last evidence is good or there is none
   */
  ConnectFailure failingSince() {
    lock.lock();
    try {
      if (lastFailure == null || (lastGoodNanos != NEVER && lastGoodNanos - lastFailure.atNanos() >= 0)) {
        return null;
      }
      return lastFailure;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The last failure to open a connection, recent or not.
   *
   * @return the failure, or {@code null} if no open ever failed
   */
  ConnectFailure lastFailure() {
    lock.lock();
    try {
      return lastFailure;
    } finally {
      lock.unlock();
    }
  }

  /**
   * When a connection was last lent, opened or validated.
   *
   * @return the time, or {@code null} if never
   */
  Instant lastGoodAt() {
    lock.lock();
    try {
      return lastGoodAt;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Whether a connection was lent, opened or validated within {@code window} before now.
   *
   * @param window how far back counts as recent
   * @return {@code true} if so
   */
  boolean goodWithin(Duration window) {
    lock.lock();
    try {
      return lastGoodNanos != NEVER && System.nanoTime() - lastGoodNanos <= window.toNanos();
    } finally {
      lock.unlock();
    }
  }

  /** What {@link #awaitNext} saw. */
  enum Outcome {
    /** A connection was lent, opened or validated. */
    GOOD,
    /** An open failed. */
    CONNECT_FAILED,
    /** Nothing happened within the time given. */
    NOTHING
  }

  /**
   * Waits for the pool's next event, without borrowing anything.
   *
   * @param within the longest wait
   * @return what happened first
   * @throws InterruptedException if interrupted while waiting
   */
  Outcome awaitNext(Duration within) throws InterruptedException {
    long left = within.toNanos();
    lock.lock();
    try {
      long seen = events;
      long goodBefore = lastGoodNanos;
      while (events == seen) {
        if (left <= 0) {
          return Outcome.NOTHING;
        }
        left = changed.awaitNanos(left);
      }
      return lastGoodNanos != goodBefore ? Outcome.GOOD : Outcome.CONNECT_FAILED;
    } finally {
      lock.unlock();
    }
  }
}
