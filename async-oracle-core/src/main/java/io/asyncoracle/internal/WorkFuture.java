package io.asyncoracle.internal;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.InvalidArgumentException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The future {@code withConnection} returns, and the running of its work. The connection is lent
 * with {@link AcquireFuture.Delivery#POOL_SIDE}: the work's stages complete on the pool's side, so the
 * connection is given back before this future completes, and never waits for the application's
 * callback executor. This future completes through the {@link Engine} (the callback executor, if any).
 *
 * <p>Cancelling it gives up the acquire if it still waits, or takes the connection back from the
 * work: its running call is broken and its later calls are refused ({@link Session#withdraw()}).
 *
 * @param <T> the value type
 */
final class WorkFuture<T> extends CallFuture<T> implements java.util.function.BiConsumer<T, Throwable> {

  volatile CompletableFuture<AsyncConnection> acquiring;
  /** Whether {@code withConnection} has not returned this future yet (see {@link DeliveryLoop#beforeReturn}). */
  volatile boolean inCallerFrame;
  private volatile ConnectionImpl connection;

  WorkFuture(Engine engine) {
    super(engine);
  }

  @Override
  boolean completedByThePool() {
    return true;
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled) {
      CompletableFuture<AsyncConnection> waiting = acquiring;
      if (waiting != null) {
        waiting.cancel(false);
      }
      ConnectionImpl lent = connection;
      if (lent != null) {
        lent.session().withdraw();
      }
    }
    return cancelled;
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new CallFuture<>(engine());
  }

  /** Runs the work on its connection and gives the connection back when the work's stage completes. */
  void run(ConnectionImpl lent, Function<? super AsyncConnection, ? extends CompletionStage<T>> work) {
    connection = lent;
    if (isDone()) {
      // Cancelled before the work began: the work never sees the connection.
      lent.close();
      return;
    }
    CompletionStage<T> stage;
    try {
      stage = work.apply(lent);
      if (stage == null) {
        throw new InvalidArgumentException("work", "work returned null instead of a CompletionStage");
      }
    } catch (Throwable e) {
      // What the work threw, Errors included, is what the application gets.
      Throwable failure = Errors.failure(e);
      CompletableFuture<Void> closed = lent.close();
      if (closed.isDone()) {
        settle(() -> engine().fail(this, failure));
      } else {
        closed.whenComplete((ignored, closeError) -> settle(() -> engine().fail(this, failure)));
      }
      return;
    }
    // This future is the stage's callback: one object less per call than a lambda.
    stage.whenComplete(this);
  }

  /** The work's stage completed: the connection goes back, then this future completes. */
  @Override
  public void accept(T value, Throwable error) {
    ConnectionImpl lent = connection;
    CompletableFuture<Void> closed = lent.close();
    if (closed.isDone()) {
      finish(value, error, closed);
    } else {
      closed.whenComplete((ignored, closeError) -> finish(value, error, closed));
    }
  }

  /** Completes this future: see {@link DeliveryLoop#beforeReturn} for why not always at once. */
  private void settle(Runnable completion) {
    if (inCallerFrame) {
      DeliveryLoop.beforeReturn(this, completion, engine().workers());
    } else {
      completion.run();
    }
  }

  private void finish(T value, Throwable error, CompletableFuture<Void> closed) {
    if (inCallerFrame) {
      DeliveryLoop.beforeReturn(this, () -> finishNow(value, error, closed), engine().workers());
    } else {
      finishNow(value, error, closed);
    }
  }

  private void finishNow(T value, Throwable error, CompletableFuture<Void> closed) {
    if (error != null) {
      engine().fail(this, Errors.failure(error));
      return;
    }
    if (closed.isCompletedExceptionally()) {
      try {
        closed.join();
      } catch (Throwable closeError) {
        engine().fail(this, Errors.failure(closeError));
        return;
      }
    }
    engine().complete(this, value);
  }
}
