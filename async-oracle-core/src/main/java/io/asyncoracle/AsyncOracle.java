package io.asyncoracle;

import io.asyncoracle.internal.Dsn;
import io.asyncoracle.internal.StandaloneConnections;
import io.asyncoracle.internal.UcpAsyncPool;
import java.util.concurrent.CompletableFuture;

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
}
