package io.asyncoracle.internal;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncOracleException;
import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.SessionCallback;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The application's set-up of a lent connection: the on-connect hook (once per physical connection)
 * and the session callback (on a session not set up yet, or one whose tag is not the one asked for).
 * The acquire's deadline runs meanwhile; if it passes, or the acquire is cancelled, before the set-up
 * completes, the connection is closed (its state is unknown) and its place freed.
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
    PhysicalState state = held.state;
    if (onConnect != null && !state.connected) {
      return true;
    }
    return sessionCallback != null && (!state.initialized || (tag != null && !tag.equals(state.tag)));
  }

  /**
   * Runs the hooks, then completes the acquire. A failed on-connect hook closes the connection (it
   * is never lent without its set-up); a failed callback gives it back, to be set up on its next lend.
   */
  void lendAfterSetUp(AcquireFuture acquire, HeldConnection held) {
    acquire.armTimer(pool.engine, pool.clock.getAsLong(), () -> pool.acquireTimedOut(acquire));
    Session session = pool.handoffs.newSession(held, acquire.delivery);
    ConnectionImpl connection = new ConnectionImpl(session, pool.options().arraySize(), pool.options().fetchDecimals());
    AtomicBoolean settled = new AtomicBoolean();
    // The acquire gives up (deadline, cancel) while the set-up runs: the connection is taken back.
    acquire.onGiveUp = () -> {
      if (settled.compareAndSet(false, true)) {
        session.drop();
      }
    };
    if (acquire.isDone()) {
      acquire.onGiveUp.run();
      return;
    }
    PhysicalState state = held.state;
    boolean runHook = onConnect != null && !state.connected;
    AtomicBoolean hookFailed = new AtomicBoolean();
    CompletableFuture<Void> connected = runHook
        ? callUser("onConnect", () -> onConnect.apply(connection)).handle((ignored, error) -> {
          if (error != null) {
            hookFailed.set(true);
            throw error instanceof CompletionException c ? c : new CompletionException(error);
          }
          state.connected = true;
          return null;
        })
        : CompletableFuture.completedFuture(null);
    CompletableFuture<Void> ready = connected.thenCompose(ignored -> {
      String tag = acquire.tag;
      boolean runCallback = sessionCallback != null
          && (!state.initialized || (tag != null && !tag.equals(session.tag())));
      if (!runCallback) {
        return CompletableFuture.completedFuture(null);
      }
      return callUser("sessionCallback", () -> sessionCallback.initialize(connection, tag))
          .thenRun(() -> state.initialized = true);
    });
    ready.whenComplete((ignored, error) -> {
      if (!settled.compareAndSet(false, true)) {
        // The acquire gave up first: the connection was dropped then.
        return;
      }
      acquire.onGiveUp = null;
      if (error != null) {
        CompletableFuture<Void> back = hookFailed.get() ? session.drop() : session.release();
        RuntimeException why = failure(error, hookFailed.get() ? "onConnect" : "sessionCallback");
        back.whenComplete((v, e) -> pool.failAcquire(acquire, why));
        return;
      }
      acquire.cancelTimer();
      if (acquire.isDone()) {
        session.release();
        return;
      }
      pool.handoffs.deliver(acquire, connection, session);
    });
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

  private static RuntimeException failure(Throwable error, String what) {
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
