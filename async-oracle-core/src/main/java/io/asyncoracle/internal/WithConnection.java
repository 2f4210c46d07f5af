package io.asyncoracle.internal;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.DatabaseCall;
import io.asyncoracle.ObservedCall;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Starts a pool's {@code withConnection}: the application's work runs on an idle connection lent at
 * once, or on the connection a pool-side acquire gets. Stateless; {@link WorkFuture} runs the work.
 */
final class WithConnection {

  private WithConnection() {}

  static <T> void start(UcpAsyncPool pool, WorkFuture<T> result,
      Function<? super AsyncConnection, ? extends CompletionStage<T>> work) {
    ConnectionImpl ready = pool.handoffs.lendIdleNow(AcquireFuture.Delivery.POOL_SIDE);
    if (ready != null) {
      if (pool.callTarget != null) {
        // Lent at once, on this thread: an acquire that waited for nothing.
        ObservedCall observed = pool.callTarget.start(DatabaseCall.ACQUIRE, null, null);
        if (observed != null) {
          CallTarget.stop(observed, -1, null);
        }
      }
      result.run(ready, work);
      return;
    }
    AcquireFuture acquired = pool.acquire(null, false, AcquireFuture.Delivery.POOL_SIDE);
    if (acquired.isDone() && !acquired.isCompletedExceptionally()) {
      result.run((ConnectionImpl) acquired.join(), work);
      return;
    }
    result.acquiring = acquired;
    if (result.isCancelled()) {
      acquired.cancel(false);
    }
    acquired.whenComplete((connection, error) -> {
      if (error != null) {
        pool.engine.fail(result, Errors.unwrap(error));
      } else {
        result.run((ConnectionImpl) connection, work);
      }
    });
  }
}
