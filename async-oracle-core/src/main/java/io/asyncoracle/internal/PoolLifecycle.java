package io.asyncoracle.internal;

/** Where the pool is in its life ({@link PoolState#lifecycle()}). */
enum PoolLifecycle {
  /** Lends, opens and queues. */
  OPEN,
  /** Between suspend and resume: nothing is lent or opened; acquires queue; what comes back leaves. */
  SUSPENDED,
  /** Closed or closing: acquires fail; what comes back leaves. */
  CLOSING
}
