package io.asyncoracle.internal;

import io.asyncoracle.PoolOptions;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import oracle.ucp.jdbc.PoolDataSource;
import oracle.ucp.jdbc.PoolDataSourceFactory;

/** Turns {@link PoolOptions} into a configured (not yet started) UCP {@link PoolDataSource}. */
final class UcpConfiguration {

  static final String ORACLE_FACTORY = "oracle.jdbc.pool.OracleDataSource";
  static final String H2_FACTORY = "org.h2.jdbcx.JdbcDataSource";
  /** UCP waits this long when no bound is set (its 0 would mean "do not wait at all"). */
  private static final Duration UNBOUNDED_WAIT = Duration.ofDays(1);
  /** UCP's switch for the JVM shutdown hook it registers when its pool manager class loads. */
  static final String UCP_SHUTDOWN_HOOK = "oracle.ucp.enableShutdownHook";
  /** ojdbc's bound on establishing the network connection, in milliseconds. */
  static final String ORACLE_CONNECT_TIMEOUT = "oracle.net.CONNECT_TIMEOUT";
  /**
   * ojdbc's bound of a whole connect (TCP connect, negotiation, authentication): it interrupts a
   * connecting thread stuck in a socket read ({@code NSProtocolNIO.negotiateConnection}), where
   * {@link #ORACLE_CONNECT_TIMEOUT} only bounds the TCP connect (checked with javap in ojdbc11
   * 23.26.3: {@code OracleConnection.CONNECTION_PROPERTY_THIN_OUTBOUND_CONNECT_TIMEOUT}).
   */
  static final String ORACLE_OUTBOUND_CONNECT_TIMEOUT = "oracle.net.OUTBOUND_CONNECT_TIMEOUT";

  static {
    // UCP's own shutdown hook closes every pool when the JVM exits (SIGTERM, Ctrl-C) and aborts
    // the borrowed connections about 5 s later, racing the application's shutdown: a graceful
    // close(force) that is still draining a longer call sees it cancelled under it. Closing is the
    // owner's job here (AsyncPool.close, the Spring lifecycle), so the hook stays off unless the
    // user set the property. It must be set before UCP's classes load, hence a static initializer
    // of the class that first touches them.
    if (System.getProperty(UCP_SHUTDOWN_HOOK) == null) {
      System.setProperty(UCP_SHUTDOWN_HOOK, "false");
    }
  }

  private UcpConfiguration() {
  }

  static PoolDataSource create(String poolName, PoolOptions options) throws SQLException {
    // UCP logs its URL at FINE and finer but masks what setPassword was given: credentials
    // written into the URL or DSN move to setUser/setPassword, and UCP only sees the clean URL.
    UrlCredentials credentials = UrlCredentials.split(options.jdbcUrl());
    String url = credentials.url();
    PoolDataSource pds = PoolDataSourceFactory.getPoolDataSource();
    pds.setConnectionPoolName(poolName);
    pds.setConnectionFactoryClassName(factoryClassName(options, url));
    pds.setURL(url);
    String user = credentials.userOr(options.user());
    if (user != null) {
      pds.setUser(user);
    }
    String password = credentials.passwordOr(options.password());
    if (password != null) {
      pds.setPassword(password);
    }
    pds.setInitialPoolSize(options.min());
    pds.setMinPoolSize(options.min());
    // The async pool enforces max itself. UCP gets room above it: a connection the pool gave up
    // (a connect or a call that never returned) still counts in UCP until its driver returns, and
    // must not block the connections that replace it.
    pds.setMaxPoolSize(ucpMaxPoolSize(options));
    // The async pool waits for connections itself and only borrows when it has room; UCP's wait
    // covers UCP opening the connection, which the connect timeout bounds.
    Duration wait = options.connectTimeout().isZero()
        ? (options.acquireTimeout().isZero() ? UNBOUNDED_WAIT : options.acquireTimeout())
        : options.connectTimeout();
    pds.setConnectionWaitDuration(wait);
    // No validation SQL, for any database: with ojdbc UCP then pings internally (cheaper than SQL,
    // as Oracle's UCP guide advises), and with other drivers it calls Connection.isValid(), which it
    // does on every borrow anyway (validation on or off). A SQL statement would only add round
    // trips: on H2 a SET QUERY_TIMEOUT and a SELECT per borrow, measured in benchmarks/.
    pds.setValidateConnectionOnBorrow(options.validateOnBorrow());
    if (options.validateOnBorrow()) {
      // A connection used within the last second skips the validation round trip, as HikariCP's
      // alive-bypass window does: otherwise every borrow of a busy pool costs an extra round trip.
      // A connection that broke in that second fails its call and is discarded on release.
      pds.setSecondsToTrustIdleConnection(1);
    }
    boolean oracle = Dsn.isOracle(url);
    if (!options.inactiveTimeout().isZero()) {
      applyInactiveTimeout(pds, options);
    }
    if (!options.maxLifetime().isZero()) {
      pds.setMaxConnectionReuseTime(seconds(options.maxLifetime()));
    }
    if (oracle) {
      pds.setMaxStatements(options.stmtCacheSize());
    }
    Properties properties = new Properties();
    if (oracle && !options.connectTimeout().isZero()) {
      // ojdbc bounds the TCP connect and the whole login with these; the pool enforces the same
      // deadline itself for drivers that have no such setting.
      properties.setProperty(ORACLE_CONNECT_TIMEOUT, Long.toString(options.connectTimeout().toMillis()));
      properties.setProperty(ORACLE_OUTBOUND_CONNECT_TIMEOUT, Long.toString(options.connectTimeout().toMillis()));
      pds.setLoginTimeout(seconds(options.connectTimeout()));
    }
    properties.putAll(options.connectionProperties());
    if (!properties.isEmpty()) {
      pds.setConnectionProperties(properties);
    }
    return pds;
  }

  private static String factoryClassName(PoolOptions options, String url) throws SQLException {
    if (options.connectionFactoryClassName() != null) {
      return options.connectionFactoryClassName();
    }
    if (Dsn.isOracle(url)) {
      return ORACLE_FACTORY;
    }
    if (url.startsWith("jdbc:h2:")) {
      return H2_FACTORY;
    }
    Driver driver = DriverManager.getDriver(url);
    return driver.getClass().getName();
  }

  /**
   * Whether a borrow failed only because UCP's own short wait passed: UCP counted itself full
   * (UCP-45064: its growth race, since the pool keeps it below its maximum) or is still opening
   * the connection on its threads. No driver error is in the chain; a driver error (refused,
   * wrong password) is the real answer and is not retried.
   */
  static boolean isUcpWait(Throwable error) {
    boolean ucpOnly = true;
    for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && message.contains("UCP-45064")) {
        return true;
      }
      if (t instanceof SQLException && !t.getClass().getName().startsWith("java.sql.")
          && !t.getClass().getName().startsWith("oracle.ucp.")) {
        ucpOnly = false;
      }
      if (!(t instanceof SQLException) && !t.getClass().getName().startsWith("oracle.ucp.")) {
        ucpOnly = false;
      }
    }
    return ucpOnly;
  }

  static int ucpMaxPoolSize(int max) {
    return (int) Math.min(Integer.MAX_VALUE, 2L * max);
  }

  /** FORCEGET opens beyond max without a bound, so UCP must not have one either. */
  static int ucpMaxPoolSize(PoolOptions options) {
    return options.getMode() == io.asyncoracle.GetMode.FORCEGET ? Integer.MAX_VALUE : ucpMaxPoolSize(options.max());
  }

  /**
   * The pool's {@code timeout} (idle connections above min are closed) for the connections idling
   * in UCP: the pool itself closes those it holds; one it gave back after {@code holdIdleTimeout}
   * was already idle that long, so UCP's own timeout is the rest, checked at least as often.
   */
  private static void applyInactiveTimeout(PoolDataSource pds, PoolOptions options) throws SQLException {
    Duration timeout = options.inactiveTimeout();
    Duration hold = options.holdIdleTimeout();
    Duration inUcp = !hold.isZero() && hold.compareTo(timeout) < 0 ? timeout.minus(hold) : timeout;
    int seconds = seconds(inUcp);
    pds.setInactiveConnectionTimeout(seconds);
    // UCP checks every 30 s by default: a shorter timeout would otherwise wait up to that long.
    pds.setTimeoutCheckInterval(Math.min(30, seconds));
  }

  /**
   * Applies what {@code AsyncPool.reconfigure} changed to UCP's running pool. Sizes are set in an
   * order that keeps UCP's min at most its max throughout.
   */
  static void applyRuntimeSettings(PoolDataSource pds, PoolOptions before, PoolOptions after) throws SQLException {
    int ucpMax = ucpMaxPoolSize(after);
    if (ucpMax >= pds.getMaxPoolSize()) {
      pds.setMaxPoolSize(ucpMax);
      pds.setMinPoolSize(after.min());
    } else {
      pds.setMinPoolSize(after.min());
      pds.setMaxPoolSize(ucpMax);
    }
    if (!after.inactiveTimeout().equals(before.inactiveTimeout())
        || !after.holdIdleTimeout().equals(before.holdIdleTimeout())) {
      if (after.inactiveTimeout().isZero()) {
        pds.setInactiveConnectionTimeout(0);
      } else {
        applyInactiveTimeout(pds, after);
      }
    }
    if (!after.maxLifetime().equals(before.maxLifetime())) {
      pds.setMaxConnectionReuseTime(after.maxLifetime().isZero() ? 0 : seconds(after.maxLifetime()));
    }
    if (after.stmtCacheSize() != before.stmtCacheSize() && Dsn.isOracle(UrlCredentials.split(after.jdbcUrl()).url())) {
      pds.setMaxStatements(after.stmtCacheSize());
    }
  }

  private static int seconds(Duration d) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toSeconds()));
  }
}
