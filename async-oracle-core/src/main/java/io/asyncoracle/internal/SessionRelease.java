package io.asyncoracle.internal;

import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The end of a lend: closes what the application left open, rolls back uncommitted work, resets
 * what it changed ({@link SessionChanges}) and hands the connection to its {@link SessionOwner},
 * discarding it if any of that fails. A clean session (nothing open, written or changed) needs no
 * round trip, so when its lane is idle it goes back right on the calling thread; otherwise the
 * release runs on the lane after the calls queued before it.
 */
final class SessionRelease {

  private static final System.Logger LOG = System.getLogger(SessionRelease.class.getName());

  private SessionRelease() {
  }

  /**
   * Gives the connection back, once; every later call returns the same future. The future is
   * published before anything else happens, so a second caller never waits for the first.
   */
  static CompletableFuture<Void> release(Session session) {
    CompletableFuture<Void> existing = session.releaseFuture();
    if (existing != null) {
      return existing;
    }
    CompletableFuture<Void> future = new CompletableFuture<>();
    if (!session.claimRelease(future)) {
      return session.releaseFuture();
    }
    Lane lane = session.lane();
    SessionOwner owner = session.owner();
    if (session.isAbandoned()) {
      // Its place was freed when it was given up: nothing to wait for. The physical connection is
      // discarded on the lane, once the call stuck in the driver returns (if it ever does).
      lane.submit(releaseTask(session, new CompletableFuture<>()));
      future.complete(null);
      return future;
    }
    if (lane.tryClaim()) {
      if (isClean(session)) {
        try {
          owner.release(session, false);
        } finally {
          lane.endClaim();
          future.complete(null);
        }
        return future;
      }
      if (Lane.onFreeWorker() && session.engine.onOwnWorker()) {
        // A worker that has let go of its own lane may do the clean-up round trips itself.
        try {
          cleanUpAndReturn(session);
        } catch (Throwable unexpected) {
          LOG.log(Level.WARNING, () -> owner.name() + " - release failed: " + unexpected);
        } finally {
          lane.endClaim();
          future.complete(null);
        }
        return future;
      }
      lane.submitClaimed(releaseTask(session, future));
      return future;
    }
    lane.submit(releaseTask(session, future));
    return future;
  }

  private static Lane.Task releaseTask(Session session, CompletableFuture<Void> future) {
    AtomicBoolean once = new AtomicBoolean();
    return new Lane.Task() {
      @Override
      public Runnable runOnLane() {
        if (!once.compareAndSet(false, true)) {
          return null;
        }
        try {
          cleanUpAndReturn(session);
        } catch (Throwable unexpected) {
          LOG.log(Level.WARNING, () -> session.ownerName() + " - release failed: " + unexpected);
        }
        return () -> session.engine.complete(future, null);
      }

      @Override
      public void abort(Throwable error) {
        if (!once.compareAndSet(false, true)) {
          return;
        }
        // No worker will run it: give the place back (discarding the connection) so a close can finish.
        session.owner().release(session, true);
        future.complete(null);
      }
    };
  }

  /** Whether giving the connection back needs no call to the driver. Runs on the lane or a claim. */
  private static boolean isClean(Session session) {
    return !session.owner().releaseTalksToTheDatabase() && !session.broken() && session.revoked() == null
        && session.unchanged();
  }

  private static void cleanUpAndReturn(Session session) {
    boolean discard = session.broken() || session.revoked() != null;
    SessionChanges changes = session.changesIfAny();
    if (changes != null && !changes.closeOpenResources()) {
      discard = true;
    }
    if (!discard && changes != null) {
      try {
        discard = !session.held().usableLocally() || !changes.reset();
      } catch (Throwable e) {
        LOG.log(Level.DEBUG, () -> session.ownerName() + " - discarding a connection that failed clean-up: " + e);
        discard = true;
      }
    }
    session.owner().release(session, discard);
  }
}
