package io.asyncoracle.internal;

/** How an acquire was admitted. */
enum Admission {
  /** An idle connection was taken for it: {@link AcquireFuture#candidate}. */
  LEND,
  /** Queued; {@link AcquireFuture#opens} opens were reserved (maybe none). */
  QUEUED,
  /** Refused: the pool is closed. */
  CLOSED,
  /** Refused: every connection is busy and the queue is full (or NOWAIT). */
  EXHAUSTED
}
