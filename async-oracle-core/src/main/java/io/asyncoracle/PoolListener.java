package io.asyncoracle;

import java.time.Duration;

/**
 * Receives pool events, for metrics. Every method has a no-op default, so an implementation
 * overrides only what it records. Methods are called on pool threads and must return quickly and
 * never throw; an exception thrown by a listener is logged and ignored.
 */
public interface PoolListener {

  /** The listener that ignores every event: the default. */
  PoolListener NONE = new PoolListener() { };


  /**
   * A connection was handed to a caller.
   *
   * @param waited how long the caller waited, from {@code acquire()} to the connection
   */
  default void onAcquire(Duration waited) {
  }

  /**
   * An acquire failed because {@link PoolOptions#acquireTimeout()} passed.
   *
   * @param waited how long the caller waited
   */
  default void onAcquireTimeout(Duration waited) {
  }

  /**
   * An acquire was refused because the waiter queue was full.
   */
  default void onPoolExhausted() {
  }

  /**
   * A connection came back to the pool.
   *
   * @param used how long the caller held it
   */
  default void onRelease(Duration used) {
  }

  /**
   * A connection failed validation or clean-up on release and was discarded instead of pooled.
   */
  default void onConnectionInvalidated() {
  }
}
