package io.asyncoracle.boot.autoconfigure;

import io.asyncoracle.AsyncConnection;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The on-connect hook of the auto-configured pool ({@code PoolOptions.Builder.onConnect}), as a
 * bean: run once on every new physical connection before it is first lent, e.g.
 * {@code c -> c.execute("ALTER SESSION SET TIME_ZONE = 'UTC'")}. Declare one bean of this type; a
 * {@link io.asyncoracle.SessionCallback} bean is picked up the same way.
 */
@FunctionalInterface
public interface AsyncConnectionInitializer extends Function<AsyncConnection, CompletionStage<?>> {
}
