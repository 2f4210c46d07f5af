package io.asyncoracle.internal;

/** What becomes of a connection that came back or was opened. */
enum ConnectionFate {
  /** Pushed on the idle stack. */
  POOLED,
  /** Lent to the waiter in {@link HeldConnection#handedTo}. */
  HANDED_ON,
  /** Leaves the pool for UCP (the pool is suspended or closing); still held until {@link PoolState#placeFreed}. */
  GIVE_BACK,
  /** Closed for good (above max); still held until {@link PoolState#placeFreed}. */
  CLOSE
}
