package io.asyncoracle.internal;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/** The bridge from the API's {@code AsyncOracle.relay} to {@link CallFuture#relay}. */
public final class Relays {

  private Relays() {
  }

  /**
   * Runs {@code action} when {@code future} completes: on the pool's side for our futures, as
   * {@code whenComplete} for any other.
   *
   * @param future the future
   * @param action what to run, with the value or the (unwrapped) error
   * @param <T> the value type
   */
  public static <T> void relay(CompletableFuture<T> future, BiConsumer<? super T, ? super Throwable> action) {
    if (future instanceof CallFuture<T> ours && ours.completedByThePool()) {
      ours.relay(action);
    } else {
      future.whenComplete((value, error) -> action.accept(value, error == null ? null : Errors.unwrap(error)));
    }
  }
}
