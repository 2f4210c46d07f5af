package io.asyncoracle.internal;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.PoolOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** Connections made by {@link io.asyncoracle.AsyncOracle#connect}, outside any pool. */
public final class StandaloneConnections implements SessionOwner {

  private static final StandaloneConnections OWNER = new StandaloneConnections();

  /** Created on first use: applications that only use pools never start these threads. */
  private static final class SharedEngine {
    static final Engine ENGINE = Engine.shared();
  }

  private StandaloneConnections() {
  }

  /**
   * Opens a connection on a worker.
   *
   * @param user the user
   * @param password the password
   * @param dsnOrUrl a DSN or JDBC URL
   * @return a future of the connection
   */
  public static CompletableFuture<AsyncConnection> connect(String user, String password, String dsnOrUrl) {
    String url;
    try {
      if (dsnOrUrl == null || dsnOrUrl.isBlank()) {
        throw new InvalidArgumentException("dsn", "dsn must not be blank");
      }
      url = Dsn.toJdbcUrl(dsnOrUrl);
    } catch (InvalidArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    return open(url, user, password, Settings.DEFAULT);
  }

  /**
   * Opens a connection on a worker with the connection settings of pool options: where and as whom
   * to connect, connection properties, the module, call timeout, statement cache size, array size,
   * {@code fetchDecimals} and the on-connect hook, which runs before the future completes.
   *
   * @param options the options; settings of a pool only are not used
   * @return a future of the connection
   */
  public static CompletableFuture<AsyncConnection> connect(PoolOptions options) {
    if (options == null) {
      return CompletableFuture.failedFuture(new InvalidArgumentException("options", "options must not be null"));
    }
    String url;
    try {
      url = options.jdbcUrl();
    } catch (InvalidArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    return open(url, options.user(), options.password(), new Settings(options.connectionProperties(),
        options.module(), options.callTimeout(), options.stmtCacheSize(), options.arraySize(), options.fetchDecimals(),
        options.onConnect()));
  }

  /** What a standalone connection is opened with, beyond where and as whom. */
  private record Settings(Map<String, String> properties, String module, Duration callTimeout, int stmtCacheSize,
      int arraySize, boolean fetchDecimals, Function<? super AsyncConnection, ? extends CompletionStage<?>> onConnect) {
    static final Settings DEFAULT = new Settings(Map.of(), null, Duration.ZERO, PoolOptions.DEFAULT_STMT_CACHE_SIZE,
        PoolOptions.DEFAULT_ARRAY_SIZE, false, null);
  }

  private static CompletableFuture<AsyncConnection> open(String url, String user, String password, Settings settings) {
    // As for pools: the driver (and DriverManager's log) gets the URL without credentials.
    UrlCredentials credentials = UrlCredentials.split(url);
    String driverUrl = credentials.url();
    String connectUser = credentials.userOr(user);
    String connectPassword = credentials.passwordOr(password);
    Engine engine = SharedEngine.ENGINE;
    String redacted = Dsn.redact(url);
    CompletableFuture<AsyncConnection> result = new CallFuture<>(engine);
    try {
      engine.workers().execute(() -> {
        try {
          Properties properties = new Properties();
          properties.putAll(settings.properties());
          if (connectUser != null) {
            properties.setProperty("user", connectUser);
          }
          if (connectPassword != null) {
            properties.setProperty("password", connectPassword);
          }
          Connection c = DriverManager.getConnection(driverUrl, properties);
          HeldConnection held;
          try {
            held = HeldConnection.adopt(c, settings.module(), System.nanoTime());
          } catch (java.sql.SQLException | RuntimeException e) {
            c.close();
            throw e;
          }
          Session session = new Session(engine, OWNER, held, redacted, settings.callTimeout(),
              settings.stmtCacheSize(), settings.module(), null);
          if (held.oracle && settings != Settings.DEFAULT) {
            // Asked for: sent with the first call, as for a pool's connections.
            session.changes().setStmtCacheSize(settings.stmtCacheSize());
          }
          ConnectionImpl connection = new ConnectionImpl(session, settings.arraySize(), settings.fetchDecimals());
          if (settings.onConnect() == null) {
            engine.complete(result, connection, () -> session.release());
            return;
          }
          // As python-oracledb's on_connect_callback: before the connection is returned. If it
          // fails, the connection is closed and the connect fails with the hook's error.
          SessionSetUp.onConnect(settings.onConnect(), connection).whenComplete((ignored, error) -> {
            if (error == null) {
              engine.complete(result, connection, () -> session.release());
            } else {
              RuntimeException why = SessionSetUp.failure(error, "onConnect");
              session.release().whenComplete((v, e) -> engine.fail(result, why));
            }
          });
        } catch (Throwable e) {
          engine.fail(result, Errors.failure(e));
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      result.completeExceptionally(Errors.map(e));
    }
    return result;
  }

  /**
   * Closes the driver's connection without committing. ojdbc commits on {@code close()} when
   * autocommit is off (JDBC Developer's Guide: "an implicit COMMIT operation is executed"), so
   * work the application never committed, such as the late DML of a call it gave up on, would
   * stay. It is rolled back first; a connection given up as broken, or that cannot roll back, is
   * aborted instead, which ends the session without a round trip and without the commit.
   */
  @Override
  public void release(Session session, boolean discard) {
    Connection c = session.jdbc();
    System.Logger log = System.getLogger(StandaloneConnections.class.getName());
    if (discard) {
      abortQuietly(c, log);
      return;
    }
    try {
      if (!c.isClosed() && !c.getAutoCommit()) {
        c.rollback();
      }
    } catch (java.sql.SQLException | RuntimeException e) {
      log.log(System.Logger.Level.DEBUG, () -> "rolling back a standalone connection failed, aborting it: " + e);
      abortQuietly(c, log);
      return;
    }
    try {
      c.close();
    } catch (java.sql.SQLException | RuntimeException e) {
      log.log(System.Logger.Level.DEBUG, () -> "closing a standalone connection failed: " + e);
    }
  }

  private static void abortQuietly(Connection c, System.Logger log) {
    try {
      // abort() closes the socket without the close-time commit; it needs an executor for its
      // clean-up, and the calling thread is a worker that may run it.
      c.abort(Runnable::run);
    } catch (java.sql.SQLException | RuntimeException e) {
      log.log(System.Logger.Level.DEBUG, () -> "aborting a standalone connection failed: " + e);
    }
  }

  @Override
  public boolean releaseTalksToTheDatabase() {
    // Closing a physical connection is a round trip: Session runs it on the lane, never inline.
    return true;
  }

  @Override
  public String name() {
    return "standalone";
  }
}
