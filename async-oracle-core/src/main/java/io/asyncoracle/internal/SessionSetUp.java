package io.asyncoracle.internal;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncOracleException;
import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.SessionCallback;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The application's set-up of a lent connection, as python-oracledb's: the session callback on a
 * session not set up yet, or one whose tag is not the one asked for (once per session, its state
 * kept with the session: the {@link SessionBaseline}), then the on-connect hook on every lend
 * (per-request state, such as an end user's security context). The acquire's deadline runs
 * meanwhile.
 *
 * <p>A hook that fails fails the acquire, and the connection goes back to the pool, as
 * python-oracledb's does: the release rolls back and resets what the hooks changed, a session
 * whose callback did not complete is set up again on its next lend, and a connection the failure
 * broke is discarded as on any release. If the acquire gives up (deadline, cancel) first, the
 * hook's running call is broken and the connection goes back the same way, once its lane is free.
 */
final class SessionSetUp {

  private final UcpAsyncPool pool;
  private final Function<? super AsyncConnection, ? extends CompletionStage<?>> onConnect;
  private final SessionCallback sessionCallback;
  /** Whether either hook is set: only then does a lend look at them. */
  private final boolean any;

  SessionSetUp(UcpAsyncPool pool, Function<? super AsyncConnection, ? extends CompletionStage<?>> onConnect,
      SessionCallback sessionCallback) {
    this.pool = pool;
    this.onConnect = onConnect;
    this.sessionCallback = sessionCallback;
    this.any = onConnect != null || sessionCallback != null;
  }

  /** Whether lending this connection for {@code tag} runs the on-connect hook or the session callback. */
  boolean needed(HeldConnection held, String tag) {
    if (!any) {
      return false;
    }
    if (onConnect != null) {
      return true;
    }
    PhysicalState state = held.state;
    return !state.initialized || (tag != null && !tag.equals(state.tag));
  }

  /** Runs the hooks, then completes the acquire; fails it (the connection going back) if one fails. */
  void lendAfterSetUp(AcquireFuture acquire, HeldConnection held) {
    Session session = pool.handoffs.newSession(held, acquire.delivery);
    ConnectionImpl connection = new ConnectionImpl(session, pool.options().arraySize(), pool.options().fetchDecimals());
    AtomicBoolean settled = new AtomicBoolean();
    // The acquire gives up (deadline, cancel) while the set-up runs: the connection goes back.
    acquire.onGiveUp = () -> {
      if (settled.compareAndSet(false, true)) {
        session.withdraw();
      }
    };
    if (acquire.isDone()) {
      acquire.onGiveUp.run();
      return;
    }
    String tag = acquire.tag;
    PhysicalState state = held.state;
    boolean runCallback = sessionCallback != null
        && (!state.initialized || (tag != null && !tag.equals(session.tag())));
    CompletableFuture<Void> sessionReady = runCallback
        ? initialize(session, connection, tag, state)
        : CompletableFuture.completedFuture(null);
    AtomicBoolean hookStarted = new AtomicBoolean();
    CompletableFuture<Void> ready = onConnect == null ? sessionReady : sessionReady.thenCompose(ignored -> {
      if (settled.get()) {
        // The acquire gave up during the callback: the connection is on its way back.
        return CompletableFuture.completedFuture(null);
      }
      hookStarted.set(true);
      return onConnect(onConnect, connection);
    });
    ready.whenComplete((ignored, error) -> {
      if (!settled.compareAndSet(false, true)) {
        // The acquire gave up first: the connection went back then.
        return;
      }
      acquire.onGiveUp = null;
      acquire.cancelTimer();
      if (error != null) {
        RuntimeException why = failure(error, hookStarted.get() ? "onConnect" : "sessionCallback");
        session.release().whenComplete((v, e) -> pool.failAcquire(acquire, why));
        return;
      }
      if (acquire.isDone()) {
        session.release();
        return;
      }
      pool.handoffs.deliver(acquire, connection, session);
    });
    if (!settled.get()) {
      // Only a set-up still running needs the deadline's timer: a hook that completes at once costs none.
      acquire.armTimer(pool.engine, pool.clock.getAsLong(), () -> pool.acquireTimedOut(acquire));
      if (settled.get()) {
        acquire.cancelTimer();
      }
    }
  }

  /**
   * Runs the session callback, then makes what it set the session's baseline (on the lane, after the
   * callback's calls) and marks the session set up.
   */
  private CompletableFuture<Void> initialize(Session session, ConnectionImpl connection, String tag,
      PhysicalState state) {
    Duration callTimeoutAtLend = session.callTimeout();
    return callUser("sessionCallback", () -> sessionCallback.initialize(connection, tag))
        .thenCompose(ignored -> session.runInternal("sessionCallback", s -> {
          if (s.isReleased()) {
            // The acquire gave up first and the release undid the callback's changes: the
            // connection may be lent to someone else already, and is set up on a later lend.
            return null;
          }
          s.changes().adoptAsBaseline(s.callTimeout(), callTimeoutAtLend, state);
          state.initialized = true;
          return null;
        }));
  }

  /**
   * Runs an on-connect hook on a connection, for a pool's lend or a standalone connection.
   *
   * @param hook the hook
   * @param connection the connection
   * @return a future that completes when the hook's stage does, whatever the hook throws or returns
   */
  static CompletableFuture<Void> onConnect(Function<? super AsyncConnection, ? extends CompletionStage<?>> hook,
      AsyncConnection connection) {
    return callUser("onConnect", () -> hook.apply(connection));
  }

  /** Calls application code that returns a stage; whatever it throws or returns, a future that completes. */
  private static CompletableFuture<Void> callUser(String what, Supplier<? extends CompletionStage<?>> code) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      CompletionStage<?> stage = code.get();
      if (stage == null) {
        done.completeExceptionally(new InvalidArgumentException(what, what + " returned null instead of a CompletionStage"));
      } else {
        stage.whenComplete((value, error) -> {
          if (error != null) {
            done.completeExceptionally(error);
          } else {
            done.complete(null);
          }
        });
      }
    } catch (Throwable e) {
      done.completeExceptionally(e);
    }
    return done;
  }

  /**
   * The error an acquire or connect fails with when a hook failed: ours and the database's as they
   * are, anything else wrapped with the hook's name.
   *
   * @param error what the hook's stage failed with
   * @param what the hook's name
   * @return the error
   */
  static RuntimeException failure(Throwable error, String what) {
    Throwable e = Errors.unwrap(error);
    if (e instanceof AsyncOracleException ours) {
      return ours;
    }
    if (e instanceof SQLException sql) {
      return Errors.database(sql);
    }
    if (e instanceof RuntimeException runtime) {
      return runtime;
    }
    return new AsyncOracleException(what + " failed: " + e, e);
  }
}
