package io.asyncoracle;

import java.util.concurrent.CompletionStage;

/**
 * Sets up a pooled connection's session state before an acquire returns it (python-oracledb's
 * {@code session_callback}). The pool runs it when the connection's physical session has not been
 * through the callback yet, and when the acquire asked for a {@linkplain AsyncPool#acquire(String)
 * tag} other than the connection's {@linkplain AsyncConnection#tag() tag}. It is not run for a
 * connection that was set up before and is lent again with the same tag, so an {@code ALTER
 * SESSION} here runs once per session, not once per acquire.
 *
 * <p>The acquire completes when the returned stage completes, within the acquire timeout; if the
 * stage fails (or the callback throws), the acquire fails with that error and the connection goes
 * back to the pool, to be set up again on its next lend. As in python-oracledb, a callback that
 * brings the session to the requested tag's state says so with
 * {@code connection.setTag(requestedTag)}; the tag is kept with the session when it is released.
 *
 * <p>What the callback sets is the session's baseline and stays with the session: its call
 * timeout, module, action, client identifier (and the other session attributes), current schema,
 * transaction isolation, statement cache size and autocommit default. Every later lend of the
 * session starts from them, and a release resets only what the application changed after the
 * lend, back to them (python-oracledb's test 5545: a call timeout set here is still there on the
 * next acquire). Uncommitted work and read-only mode are not kept: a release rolls back and turns
 * read-only off. The baseline is taken when the returned stage completes, so the stage should
 * complete after the calls the callback makes. The pool's on-connect hook
 * ({@link PoolOptions.Builder#onConnect}) runs after the callback, on every lend, and what it sets
 * is not part of the baseline.
 */
@FunctionalInterface
public interface SessionCallback {

  /**
   * Sets up the session.
   *
   * @param connection the connection the acquire will return
   * @param requestedTag the tag the acquire asked for, or {@code null}
   * @return a stage that completes when the session is ready
   */
  CompletionStage<?> initialize(AsyncConnection connection, String requestedTag);
}
