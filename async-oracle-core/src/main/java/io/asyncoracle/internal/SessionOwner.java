package io.asyncoracle.internal;

/** What a session goes back to when released: a pool, or nothing (a standalone connection). */
interface SessionOwner {
  /**
   * Takes the connection back. Runs on the session's lane, or on a thread that claimed it.
   *
   * @param session the session
   * @param discard whether the physical connection must be closed instead of reused
   */
  void release(Session session, boolean discard);

  /**
   * Gives up a connection whose call does not return (the database stopped answering): its
   * place in the pool is freed now; the connection is discarded when the driver returns.
   *
   * @param session the session
   */
  default void abandon(Session session) {
  }

  /**
   * Whether taking a connection back talks to the database (closing it does): then a release
   * always runs on the lane, never on the application's thread.
   *
   * @return {@code true} for owners that close the connection
   */
  default boolean releaseTalksToTheDatabase() {
    return false;
  }

  /**
   * Names the owner for messages.
   *
   * @return e.g. the pool name
   */
  String name();
}
