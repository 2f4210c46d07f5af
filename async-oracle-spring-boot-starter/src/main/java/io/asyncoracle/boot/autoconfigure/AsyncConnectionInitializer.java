package io.asyncoracle.boot.autoconfigure;

import io.asyncoracle.AsyncConnection;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The on-connect hook of the auto-configured pool ({@code PoolOptions.Builder.onConnect},
 * python-oracledb's {@code on_connect_callback}), as a bean: run on every lend, before the acquire
 * (or the template's {@code withConnection}) returns the connection, for per-request state such as
 * an end user's security context, e.g. {@code c -> c.callProc("app_security.attach_end_user")}.
 * What it changes is reset when the connection is released; if it fails, the acquire fails and the
 * connection goes back to the pool. Session set-up done once per session ({@code ALTER SESSION})
 * belongs in a {@link io.asyncoracle.SessionCallback} bean, which is picked up the same way and
 * whose settings stay with the session. Declare one bean of this type.
 */
@FunctionalInterface
public interface AsyncConnectionInitializer extends Function<AsyncConnection, CompletionStage<?>> {
}
