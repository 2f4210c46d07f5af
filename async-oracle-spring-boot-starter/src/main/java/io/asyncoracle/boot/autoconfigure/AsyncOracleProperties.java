package io.asyncoracle.boot.autoconfigure;

import io.asyncoracle.GetMode;
import io.asyncoracle.boot.shutdown.AsyncPoolLifecycle;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the async-oracle pool, under {@code async-oracle.*}.
 *
 * <p>The database is given by {@link #getUrl() url}, or by {@link #getHost() host} with
 * {@link #getServiceName() service-name} or {@link #getSid() sid}; an
 * {@link AsyncOracleConnectionDetails} bean (from {@code @ServiceConnection} or Docker Compose)
 * takes precedence over both. With none of them and H2 on the classpath, an embedded in-memory H2 in Oracle mode is used.
 */
@ConfigurationProperties(prefix = AsyncOracleProperties.PREFIX)
public class AsyncOracleProperties {

  /** The prefix of every property. */
  public static final String PREFIX = "async-oracle";

  /**
   * JDBC URL of the database, e.g. "jdbc:oracle:thin:@//db.example.com:1521/orclpdb1" or
   * "jdbc:oracle:thin:@mydb_high?TNS_ADMIN=/wallet". Set this, or host with service-name or sid.
   */
  private String url;

  /** Database host name; use with port and service-name or sid instead of url. */
  private String host;

  /** Listener port of the database host. Default 1521 (only used with host). */
  private Integer port;

  /** Service name to connect to on host. */
  private String serviceName;

  /** Instance SID to connect to on host, for databases without a service name. */
  private String sid;

  /** Login user of the database. */
  private String username;

  /** Login password of the database. Never logged nor shown in health details. */
  private String password;

  /**
   * Directory holding tnsnames.ora, sqlnet.ora and, for cloud databases, the wallet (passed to
   * the driver as oracle.net.tns_admin).
   */
  private String tnsAdmin;

  /** Directory of the Oracle wallet for TCPS connections (passed to the driver as oracle.net.wallet_location). */
  private String walletLocation;

  /**
   * Further driver connection properties, e.g. oracle.jdbc.ReadTimeout. For how long opening a
   * connection may take, set connect-timeout: oracle.net.CONNECT_TIMEOUT bounds only the TCP
   * connect, which a listener that accepts and never answers passes at once.
   */
  private Map<String, String> connectionProperties = new LinkedHashMap<>();

  /**
   * Name of the pool, unique in the JVM; shown in logs, errors, health and metric tags. Default
   * "async-oracle-N".
   */
  private String poolName;

  /** Minimum number of open connections. */
  private int min = 1;

  /** Maximum number of connections, and so of calls running at once. */
  private int max = 10;

  /** How long an acquire may wait for a free connection before it fails; 0 waits without limit. */
  private Duration acquireTimeout = Duration.ofSeconds(30);

  /**
   * Longest time opening one connection may take (TCP connect, TLS and login): the pool then gives
   * up on it and fails the caller waiting for it, and with fail-fast the startup. Also passed to the
   * Oracle driver as oracle.net.CONNECT_TIMEOUT and the login timeout. 0 for no bound.
   */
  private Duration connectTimeout = io.asyncoracle.PoolOptions.DEFAULT_CONNECT_TIMEOUT;

  /** How many acquires may wait for a connection; more fail at once. 0 refuses to queue. */
  private int maxWaiters = 10_000;

  /** Whether a connection is validated before it is lent out. */
  private boolean validateOnBorrow = true;

  /**
   * How long a connection above min may stay idle before it is closed; 0 keeps the Universal
   * Connection Pool default.
   */
  private Duration inactiveTimeout = Duration.ZERO;

  /** Maximum lifetime of a physical connection; it is replaced when returned after that. 0 for no limit. */
  private Duration maxLifetime = Duration.ZERO;

  /** Number of statements cached per connection (Oracle only). 0 disables the cache. */
  private int statementCacheSize = 20;

  /** How long a single database call may run before it is cancelled; 0 for no limit. */
  private Duration callTimeout = Duration.ZERO;

  /** Rows fetched per round trip by queries. */
  private int arraySize = 100;

  /**
   * Whether blocking JDBC calls run on virtual threads: auto (the default: platform threads, which
   * cost less per call), true (virtual threads; fails on JVMs before 21) or false (platform threads).
   */
  private VirtualThreadsMode virtualThreads = VirtualThreadsMode.AUTO;

  /**
   * Whether startup fails when the database cannot be reached. When false the application
   * starts anyway and the pool connects on first use.
   */
  private boolean failFast = true;

  /**
   * Module every borrowed connection is tagged with (V$SESSION.MODULE), at most 48 bytes.
   * Default: spring.application.name.
   */
  private String module;

  /**
   * Name of the embedded H2 database used when no database is configured. Default: a unique
   * name per application context.
   */
  private String embeddedDatabaseName;

  // ---- python-oracledb pool options (create_pool_async) ----

  /**
   * What an acquire does when every connection is busy and the pool is at max: wait (queue up to
   * acquire-timeout), nowait (fail at once), timedwait (queue up to wait-timeout) or forceget (open
   * a connection beyond max, closed again when released).
   */
  private GetMode getMode = GetMode.WAIT;

  /** How long a timedwait acquire may take in all; 0 fails at once when nothing is free. Only used with get-mode=timedwait. */
  private Duration waitTimeout = Duration.ZERO;

  /** How many connections the pool opens, one after another, when an acquire makes it grow (never beyond max). */
  private int increment = 1;

  /**
   * How long a connection may be idle before it is checked (a ping) when lent: python-oracledb's
   * ping_interval, the same setting as the pool's alive-bypass window. 0 checks every lend; a
   * negative value turns the checks off. Default 500ms.
   */
  private Duration pingInterval;

  /** How long the check of an idle connection may take before the connection is given up and replaced. */
  private Duration pingTimeout = Duration.ofSeconds(5);

  /** How the pool is closed when the application stops. */
  private final Shutdown shutdown = new Shutdown();

  /** The health indicator. */
  private final Health health = new Health();

  /** Observation (tracing) settings. */
  private final Observations observations = new Observations();

  /** Pool metrics settings. */
  private final Metrics metrics = new Metrics();

  private final Diagnostics diagnostics = new Diagnostics();

  /** @return the JDBC URL */
  public String getUrl() {
    return url;
  }

  /** @param url the JDBC URL */
  public void setUrl(String url) {
    this.url = url;
  }

  /** @return the host */
  public String getHost() {
    return host;
  }

  /** @param host the host */
  public void setHost(String host) {
    this.host = host;
  }

  /** @return the port, or {@code null} for the default */
  public Integer getPort() {
    return port;
  }

  /** @param port the port */
  public void setPort(Integer port) {
    this.port = port;
  }

  /** @return the service name */
  public String getServiceName() {
    return serviceName;
  }

  /** @param serviceName the service name */
  public void setServiceName(String serviceName) {
    this.serviceName = serviceName;
  }

  /** @return the SID */
  public String getSid() {
    return sid;
  }

  /** @param sid the SID */
  public void setSid(String sid) {
    this.sid = sid;
  }

  /** @return the user */
  public String getUsername() {
    return username;
  }

  /** @param username the user */
  public void setUsername(String username) {
    this.username = username;
  }

  /** @return the password */
  public String getPassword() {
    return password;
  }

  /** @param password the password */
  public void setPassword(String password) {
    this.password = password;
  }

  /** @return the TNS admin directory */
  public String getTnsAdmin() {
    return tnsAdmin;
  }

  /** @param tnsAdmin the TNS admin directory */
  public void setTnsAdmin(String tnsAdmin) {
    this.tnsAdmin = tnsAdmin;
  }

  /** @return the wallet directory */
  public String getWalletLocation() {
    return walletLocation;
  }

  /** @param walletLocation the wallet directory */
  public void setWalletLocation(String walletLocation) {
    this.walletLocation = walletLocation;
  }

  /** @return the extra driver connection properties */
  public Map<String, String> getConnectionProperties() {
    return connectionProperties;
  }

  /** @param connectionProperties the extra driver connection properties */
  public void setConnectionProperties(Map<String, String> connectionProperties) {
    this.connectionProperties = connectionProperties;
  }

  /** @return the pool name */
  public String getPoolName() {
    return poolName;
  }

  /** @param poolName the pool name */
  public void setPoolName(String poolName) {
    this.poolName = poolName;
  }

  /** @return the minimum number of connections */
  public int getMin() {
    return min;
  }

  /** @param min the minimum number of connections */
  public void setMin(int min) {
    this.min = min;
  }

  /** @return the maximum number of connections */
  public int getMax() {
    return max;
  }

  /** @param max the maximum number of connections */
  public void setMax(int max) {
    this.max = max;
  }

  /** @return the acquire timeout */
  public Duration getAcquireTimeout() {
    return acquireTimeout;
  }

  /** @param acquireTimeout the acquire timeout */
  public void setAcquireTimeout(Duration acquireTimeout) {
    this.acquireTimeout = acquireTimeout;
  }

  /**
   * Returns the longest time opening one connection may take.
   *
   * @return the connect timeout; zero for no bound
   */
  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  /**
   * Sets the longest time opening one connection may take.
   *
   * @param connectTimeout the connect timeout; zero for no bound
   */
  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /** @return the waiter queue bound */
  public int getMaxWaiters() {
    return maxWaiters;
  }

  /** @param maxWaiters the waiter queue bound */
  public void setMaxWaiters(int maxWaiters) {
    this.maxWaiters = maxWaiters;
  }

  /** @return whether connections are validated on borrow */
  public boolean isValidateOnBorrow() {
    return validateOnBorrow;
  }

  /** @param validateOnBorrow whether connections are validated on borrow */
  public void setValidateOnBorrow(boolean validateOnBorrow) {
    this.validateOnBorrow = validateOnBorrow;
  }

  /** @return the inactive timeout */
  public Duration getInactiveTimeout() {
    return inactiveTimeout;
  }

  /** @param inactiveTimeout the inactive timeout */
  public void setInactiveTimeout(Duration inactiveTimeout) {
    this.inactiveTimeout = inactiveTimeout;
  }

  /** @return the maximum connection lifetime */
  public Duration getMaxLifetime() {
    return maxLifetime;
  }

  /** @param maxLifetime the maximum connection lifetime */
  public void setMaxLifetime(Duration maxLifetime) {
    this.maxLifetime = maxLifetime;
  }

  /** @return the statement cache size */
  public int getStatementCacheSize() {
    return statementCacheSize;
  }

  /** @param statementCacheSize the statement cache size */
  public void setStatementCacheSize(int statementCacheSize) {
    this.statementCacheSize = statementCacheSize;
  }

  /** @return the call timeout */
  public Duration getCallTimeout() {
    return callTimeout;
  }

  /** @param callTimeout the call timeout */
  public void setCallTimeout(Duration callTimeout) {
    this.callTimeout = callTimeout;
  }

  /** @return the rows per fetch round trip */
  public int getArraySize() {
    return arraySize;
  }

  /** @param arraySize the rows per fetch round trip */
  public void setArraySize(int arraySize) {
    this.arraySize = arraySize;
  }

  /** @return the get mode */
  public GetMode getGetMode() {
    return getMode;
  }

  /** @param getMode the get mode */
  public void setGetMode(GetMode getMode) {
    this.getMode = getMode;
  }

  /** @return the wait timeout of get-mode=timedwait */
  public Duration getWaitTimeout() {
    return waitTimeout;
  }

  /** @param waitTimeout the wait timeout of get-mode=timedwait */
  public void setWaitTimeout(Duration waitTimeout) {
    this.waitTimeout = waitTimeout;
  }

  /** @return how many connections are opened when the pool grows */
  public int getIncrement() {
    return increment;
  }

  /** @param increment how many connections are opened when the pool grows */
  public void setIncrement(int increment) {
    this.increment = increment;
  }

  /** @return the ping interval, or {@code null} for the core's default */
  public Duration getPingInterval() {
    return pingInterval;
  }

  /** @param pingInterval the ping interval; negative turns the checks off */
  public void setPingInterval(Duration pingInterval) {
    this.pingInterval = pingInterval;
  }

  /** @return the ping timeout */
  public Duration getPingTimeout() {
    return pingTimeout;
  }

  /** @param pingTimeout the ping timeout */
  public void setPingTimeout(Duration pingTimeout) {
    this.pingTimeout = pingTimeout;
  }

  /** @return the worker thread mode */
  public VirtualThreadsMode getVirtualThreads() {
    return virtualThreads;
  }

  /** @param virtualThreads the worker thread mode */
  public void setVirtualThreads(VirtualThreadsMode virtualThreads) {
    this.virtualThreads = virtualThreads;
  }

  /** @return whether startup fails when the database is unreachable */
  public boolean isFailFast() {
    return failFast;
  }

  /** @param failFast whether startup fails when the database is unreachable */
  public void setFailFast(boolean failFast) {
    this.failFast = failFast;
  }

  /** @return the module tag */
  public String getModule() {
    return module;
  }

  /** @param module the module tag */
  public void setModule(String module) {
    this.module = module;
  }

  /** @return the embedded database name */
  public String getEmbeddedDatabaseName() {
    return embeddedDatabaseName;
  }

  /** @param embeddedDatabaseName the embedded database name */
  public void setEmbeddedDatabaseName(String embeddedDatabaseName) {
    this.embeddedDatabaseName = embeddedDatabaseName;
  }

  /** @return the shutdown settings */
  public Shutdown getShutdown() {
    return shutdown;
  }

  /** @return the health indicator settings */
  public Health getHealth() {
    return health;
  }

  /** @return the observation settings */
  public Observations getObservations() {
    return observations;
  }

  /** @return the pool metrics settings */
  public Metrics getMetrics() {
    return metrics;
  }

  /** @return what the template and client add to their errors */
  public Diagnostics getDiagnostics() {
    return diagnostics;
  }

  /** Whether JDBC calls run on virtual threads. */
  public enum VirtualThreadsMode {
    /** The default: platform threads, measured cheaper per JDBC call than virtual threads. */
    AUTO,
    /** Always virtual threads; startup fails on a JVM without them. */
    TRUE,
    /** Platform threads. */
    FALSE
  }

  /** Shutdown settings. */
  public static class Shutdown {

    /**
     * How the pool is closed when the application stops: graceful (stop admitting, let borrowed
     * connections finish for up to timeout, then cancel what still runs), force (wait for every
     * borrowed connection) or interrupt (cancel running calls at once).
     */
    private AsyncPoolLifecycle.Mode mode = AsyncPoolLifecycle.Mode.GRACEFUL;

    /**
     * How long a graceful shutdown lets in-flight work finish before interrupting it. Default:
     * spring.lifecycle.timeout-per-shutdown-phase minus 2s (28s with Boot's 30s), so the
     * interrupt that ends the drain also finishes inside the shutdown phase. A graceful timeout
     * that leaves less than 2s of the phase fails the startup.
     */
    private Duration timeout;

    /** @return the shutdown mode */
    public AsyncPoolLifecycle.Mode getMode() {
      return mode;
    }

    /** @param mode the shutdown mode */
    public void setMode(AsyncPoolLifecycle.Mode mode) {
      this.mode = mode;
    }

    /** @return the drain timeout, or {@code null} to derive it from the shutdown phase timeout */
    public Duration getTimeout() {
      return timeout;
    }

    /** @param timeout the drain timeout */
    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }
  }

  /** Health indicator settings. */
  public static class Health {

    /**
     * How long the health check may wait for a connection and the database's answer before it
     * reports the database as unreachable.
     */
    private Duration timeout = Duration.ofSeconds(2);

    /**
     * Whether the health details show the JDBC URL (credentials removed). Off by default: the
     * host and service name are not for every caller of the health endpoint.
     */
    private boolean showUrl;

    /** @return whether the health details show the URL */
    public boolean isShowUrl() {
      return showUrl;
    }

    /** @param showUrl whether the health details show the URL */
    public void setShowUrl(boolean showUrl) {
      this.showUrl = showUrl;
    }

    /** @return the health check timeout */
    public Duration getTimeout() {
      return timeout;
    }

    /** @param timeout the health check timeout */
    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }
  }

  /** Observation settings: a Micrometer Observation (a span and a timer) per database call. */
  public static class Observations {

    /** Whether each database call and acquire is observed, when an ObservationRegistry bean exists. */
    private boolean enabled = true;

    /**
     * Whether observations carry the SQL text in db.query.text. It is the text as written: literal
     * values in it (not bind values) are shown.
     */
    private boolean includeQueryText = true;

    /** @return whether calls are observed */
    public boolean isEnabled() {
      return enabled;
    }

    /** @param enabled whether calls are observed */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** @return whether db.query.text is recorded */
    public boolean isIncludeQueryText() {
      return includeQueryText;
    }

    /** @param includeQueryText whether db.query.text is recorded */
    public void setIncludeQueryText(boolean includeQueryText) {
      this.includeQueryText = includeQueryText;
    }
  }

  /** Pool metrics settings. */
  public static class Metrics {

    /**
     * Names of the pool's meters: async-oracle (async.oracle.pool.*, tagged pool) or opentelemetry
     * (db.client.connection.*, tagged db.client.connection.pool.name, as the OpenTelemetry
     * database semantic conventions name them).
     */
    private io.asyncoracle.boot.metrics.PoolMeterNames naming = io.asyncoracle.boot.metrics.PoolMeterNames.ASYNC_ORACLE;

    /** @return the meter naming */
    public io.asyncoracle.boot.metrics.PoolMeterNames getNaming() {
      return naming;
    }

    /** @param naming the meter naming */
    public void setNaming(io.asyncoracle.boot.metrics.PoolMeterNames naming) {
      this.naming = naming;
    }
  }

  /** What the auto-configured template and client add to their errors. */
  public static class Diagnostics {

    /**
     * Whether each template and client call captures the caller's stack when it is made and
     * attaches it to the call's failure as a suppressed exception (a stack walk per call).
     */
    private boolean captureCallSite;

    /** @return whether call sites are captured */
    public boolean isCaptureCallSite() {
      return captureCallSite;
    }

    /** @param captureCallSite whether call sites are captured */
    public void setCaptureCallSite(boolean captureCallSite) {
      this.captureCallSite = captureCallSite;
    }
  }
}
