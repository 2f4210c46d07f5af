package io.asyncoracle.boot.reactor;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Supplier;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Turns the template's and the client's results into Reactor types, for applications that use
 * Reactor (the starter's dependency on {@code reactor-core} is optional: add it to use this class).
 *
 * <pre>{@code
 * Flux<Order> orders = AsyncOracleReactor.flux(client.sql("select * from orders").query(Order.class).stream());
 * Mono<Order> order = AsyncOracleReactor.mono(client.sql("select * from orders where id = ?").param(7)
 *     .query(Order.class).stream());
 * Mono<Integer> updated = AsyncOracleReactor.mono(() -> template.update("update orders set status = 'PAID'"));
 * }</pre>
 *
 * <p>Cancellation reaches the database: disposing a {@link Flux} made from a query stream (or a
 * {@link Mono} made from one) cancels the stream's subscription, which breaks the statement if it
 * is running and gives the connection back to the pool at once. Backpressure is Reactor's: the
 * rows are fetched as the downstream requests them ({@code limitRate} shapes the round trips).
 * Nothing runs before the Reactor type is subscribed; each subscription runs the query again
 * (the adapters are cold) for publishers from {@code queryForStream} and {@code stream()}, which
 * allow one subscriber each: build a new one per subscription, or use {@link #flux(Supplier)}.
 */
public final class AsyncOracleReactor {

  private AsyncOracleReactor() {
  }

  /**
   * Adapts a query stream.
   *
   * @param rows the publisher, from {@code queryForStream} or {@code stream()}
   * @param <T> the row type
   * @return a {@link Flux} of the rows; cancelling it cancels the statement and frees the connection
   */
  public static <T> Flux<T> flux(Flow.Publisher<T> rows) {
    Objects.requireNonNull(rows, "rows");
    return JdkFlowAdapter.flowPublisherToFlux(rows);
  }

  /**
   * Adapts a query stream built anew for every subscription, so the {@link Flux} can be
   * subscribed (or retried, or repeated) more than once.
   *
   * @param rows makes the publisher, e.g. {@code () -> client.sql(..).query(Order.class).stream()}
   * @param <T> the row type
   * @return a cold {@link Flux} of the rows
   */
  public static <T> Flux<T> flux(Supplier<? extends Flow.Publisher<T>> rows) {
    Objects.requireNonNull(rows, "rows");
    return Flux.defer(() -> JdkFlowAdapter.flowPublisherToFlux(rows.get()));
  }

  /**
   * Adapts a query stream expected to hold at most one row: the first row, or empty. The stream
   * is cancelled after the first row (so its connection goes back without reading further).
   *
   * @param rows the publisher
   * @param <T> the row type
   * @return a {@link Mono} of the first row
   */
  public static <T> Mono<T> mono(Flow.Publisher<T> rows) {
    return flux(rows).next();
  }

  /**
   * Adapts a call that returns a future, such as {@code template.update(..)} or
   * {@code client.sql(..).query(Order.class).single()}. The call is made on subscription, once per
   * subscription; disposing the {@link Mono} cancels the future (whether that also stops the
   * database call depends on the call: a query stream is always stopped, see {@link #mono(Flow.Publisher)}).
   *
   * @param call makes the call
   * @param <T> the value type
   * @return a {@link Mono} of the future's value ({@code null} values complete it empty)
   */
  public static <T> Mono<T> mono(Supplier<? extends CompletableFuture<T>> call) {
    Objects.requireNonNull(call, "call");
    return Mono.fromFuture(call, false);
  }
}
