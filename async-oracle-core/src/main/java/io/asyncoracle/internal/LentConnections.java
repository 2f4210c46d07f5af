package io.asyncoracle.internal;

/** What a close does with connections still lent. */
enum LentConnections {
  /** Refuse to close (ORA-24422). */
  REFUSE,
  /** Close, and finish once they come back. */
  WAIT_FOR_THEM
}
