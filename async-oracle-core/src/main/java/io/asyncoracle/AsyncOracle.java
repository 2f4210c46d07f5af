package io.asyncoracle;

import io.asyncoracle.internal.Dsn;
import io.asyncoracle.internal.Relays;
import io.asyncoracle.internal.StandaloneConnections;
import io.asyncoracle.internal.UcpAsyncPool;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * Entry point of async-oracle: creates pools and standalone connections, and builds connect
 * descriptors. The Java form of {@code cx_Oracle_async.create_pool}/{@code makedsn} and
 * {@code oracledb.connect_async}.
 *
 * <pre>{@code
 * AsyncPool pool = AsyncOracle.createPool(PoolOptions.builder()
 *     .host("localhost").port(1521).serviceName("orcl")
 *     .user("user").password("password")
 *     .min(2).max(4)
 *     .build()).join();
 * pool.withConnection(conn -> conn.fetchAll("SELECT * FROM V$SESSION"))
 *     .thenAccept(System.out::println)
 *     .thenCompose(ignored -> pool.close());
 * }</pre>
 */
public final class AsyncOracle {

  private AsyncOracle() {
  }

  /**
   * Creates a pool and opens its first connections. Fails if the database cannot be reached,
   * unless {@link PoolOptions.Builder#failFast(boolean) failFast} is off.
   *
   * @param options the pool options
   * @return a future of the open pool
   */
  public static CompletableFuture<AsyncPool> createPool(PoolOptions options) {
    if (options == null) {
      return CompletableFuture.failedFuture(new InvalidArgumentException("options", "options must not be null"));
    }
    return UcpAsyncPool.create(options);
  }

  /**
   * Creates a pool with default sizes from a user, password and DSN (a connect descriptor, an
   * Easy Connect string such as {@code host:1521/service}, or a JDBC URL).
   *
   * @param user the database user
   * @param password the password
   * @param dsn the data source name
   * @return a future of the open pool
   */
  public static CompletableFuture<AsyncPool> createPool(String user, String password, String dsn) {
    PoolOptions options;
    try {
      options = PoolOptions.builder().user(user).password(password).dsn(dsn).build();
    } catch (InvalidArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    return createPool(options);
  }

  /**
   * Opens a standalone connection, outside any pool. Its {@link AsyncConnection#close()} really
   * closes it.
   *
   * @param user the database user
   * @param password the password
   * @param dsnOrUrl a connect descriptor, Easy Connect string or JDBC URL
   * @return a future of the connection
   */
  public static CompletableFuture<AsyncConnection> connect(String user, String password, String dsnOrUrl) {
    return StandaloneConnections.connect(user, password, dsnOrUrl);
  }

  /**
   * Opens a standalone connection, outside any pool, with the connection settings of
   * {@code options} (python-oracledb's {@code connect_async(params=...)}, which also takes a pool's
   * parameters): the database ({@code url}, {@code dsn} or {@code host}/{@code port}/...),
   * {@code user}, {@code password}, connection properties, {@code module}, {@code callTimeout},
   * {@code stmtCacheSize}, {@code arraySize}, {@code fetchDecimals} and the
   * {@linkplain PoolOptions.Builder#onConnect on-connect hook}. Settings of a pool only (sizes,
   * timeouts of the pool, executors, listener, the session callback) are not used.
   *
   * <p>The on-connect hook runs once the connection is open and before the future completes, as
   * python-oracledb's {@code on_connect_callback} does for a standalone connection; the future
   * completes when the hook's stage does. If the hook fails (or throws), the connection is closed
   * and the future fails with the hook's error. Its {@link AsyncConnection#close()} really closes
   * it.
   *
   * <pre>{@code
   * AsyncOracle.connect(PoolOptions.builder().dsn("db:1521/orcl").user("hr").password(password)
   *         .onConnect(c -> c.callProc("app_security.set_end_user", endUser))
   *         .build())
   *     .thenCompose(conn -> conn.fetchAll("select * from orders").whenComplete((rows, e) -> conn.close()));
   * }</pre>
   *
   * @param options the connection settings
   * @return a future of the connection
   */
  public static CompletableFuture<AsyncConnection> connect(PoolOptions options) {
    return StandaloneConnections.connect(options);
  }

  /**
   * Builds a connect descriptor for a service name, as {@code makedsn(host, port, service_name=)}.
   *
   * @param host the database host
   * @param port the listener port, 1 to 65535
   * @param serviceName the service name
   * @return the connect descriptor
   * @throws InvalidArgumentException if an argument is missing or out of range
   */
  public static String makeDsn(String host, int port, String serviceName) {
    return Dsn.make(host, port, "SERVICE_NAME", "serviceName", serviceName);
  }

  /**
   * Builds a connect descriptor for a SID, as {@code makedsn(host, port, sid=)}.
   *
   * @param host the database host
   * @param port the listener port, 1 to 65535
   * @param sid the instance SID
   * @return the connect descriptor
   * @throws InvalidArgumentException if an argument is missing or out of range
   */
  public static String makeDsnWithSid(String host, int port, String sid) {
    return Dsn.make(host, port, "SID", "sid", sid);
  }

  /**
   * Runs {@code action} when a future of this library completes, on the pool's side: before the
   * future's own dependents, on the thread that completes it, and never through the pool's
   * {@code callbackExecutor}. For integrations that relay our futures to futures of their own (the
   * Spring Boot starter's template does): a relay registered with {@code whenComplete} is a
   * dependent, which the pool sends to the callback executor, and if every thread of that executor
   * is blocked waiting for the relayed result (Spring's {@code @Async} does that), it never runs. The
   * action must be short and must not block. For a future that is not ours, this is
   * {@code whenComplete}.
   *
   * @param future a future returned by this library
   * @param action what to run, with the value, or with the error (unwrapped from
   *     {@code CompletionException}) and a {@code null} value
   * @param <T> the value type
   */
  public static <T> void relay(CompletableFuture<T> future, BiConsumer<? super T, ? super Throwable> action) {
    java.util.Objects.requireNonNull(future, "future");
    java.util.Objects.requireNonNull(action, "action");
    Relays.relay(future, action);
  }
}
