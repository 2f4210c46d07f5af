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

  /**
   * A new physical connection to the database was opened (the pool grew, or replaced one it
   * discarded). Health checks take it as proof that the database accepts connections now.
   */
  default void onConnectionOpened() {
  }

  /**
   * Opening a new physical connection failed: the driver or UCP threw, or the open did not finish
   * within {@link PoolOptions#connectTimeout()} and was abandoned. Not called when the pool closes
   * while an open is in flight. Health checks report the last such failure until a connection
   * opens again.
   *
   * @param error what the caller waiting for that connection was failed with; its message names
   *     the database by its URL without credentials, and it never contains the password
   */
  default void onConnectFailure(Throwable error) {
  }
}
