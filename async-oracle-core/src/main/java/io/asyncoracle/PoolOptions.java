package io.asyncoracle;

import io.asyncoracle.internal.Dsn;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Everything {@link AsyncOracle#createPool(PoolOptions)} needs: where the database is, who to log
 * in as, how big the pool is and how long callers may wait. Immutable; build one with
 * {@link #builder()}. Bad values fail in {@link Builder#build()} with an
 * {@link InvalidArgumentException} that names the option. {@link #toString()} never shows the
 * password.
 *
 * <p>The database is given one of three ways: {@link Builder#url(String) url} (any JDBC URL:
 * {@code jdbc:oracle:thin:@…}, {@code jdbc:h2:…}), {@link Builder#dsn(String) dsn} (a connect
 * descriptor or Easy Connect string, as in the reference), or {@link Builder#host(String) host} +
 * {@link Builder#port(int) port} + {@link Builder#serviceName(String) serviceName} or
 * {@link Builder#sid(String) sid}.
 */
public final class PoolOptions {

  /** Default listener port. */
  public static final int DEFAULT_PORT = 1521;
  /** Default minimum number of connections. */
  public static final int DEFAULT_MIN = 1;
  /** Default maximum number of connections. */
  public static final int DEFAULT_MAX = 10;
  /** Default acquire timeout. */
  public static final Duration DEFAULT_ACQUIRE_TIMEOUT = Duration.ofSeconds(30);
  /** Default bound of the waiter queue. */
  public static final int DEFAULT_MAX_WAITERS = 10_000;
  /** Default statement cache size, as python-oracledb's. */
  public static final int DEFAULT_STMT_CACHE_SIZE = 20;
  /** Default rows per fetch round trip, as python-oracledb's {@code arraysize}. */
  public static final int DEFAULT_ARRAY_SIZE = 100;
  /** Default window in which a recently used connection is lent without a check, as HikariCP's. */
  public static final Duration DEFAULT_ALIVE_BYPASS = Duration.ofMillis(500);
  /** Default longest time the pool holds a connection borrowed from UCP before giving it back. */
  public static final Duration DEFAULT_MAX_HOLD = Duration.ofSeconds(30);
  /** Default time an idle held connection waits for an acquire before it goes back to UCP. */
  public static final Duration DEFAULT_HOLD_IDLE_TIMEOUT = Duration.ofSeconds(10);
  /** Default bound on opening one physical connection, as python-oracledb's {@code tcp_connect_timeout}. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(20);
  /** Default bound on the check of a connection idle past the ping interval, as python-oracledb's {@code ping_timeout}. */
  public static final Duration DEFAULT_PING_TIMEOUT = Duration.ofSeconds(5);
  /** Default number of connections opened when the pool grows, as python-oracledb's {@code increment}. */
  public static final int DEFAULT_INCREMENT = 1;

  private final String url;
  private final String dsn;
  private final String host;
  private final int port;
  private final String serviceName;
  private final String sid;
  private final String user;
  private final String password;
  private final String poolName;
  private final int min;
  private final int max;
  private final Duration acquireTimeout;
  private final int maxWaiters;
  private final Duration callTimeout;
  private final boolean validateOnBorrow;
  private final Duration inactiveTimeout;
  private final Duration maxLifetime;
  private final Duration aliveBypass;
  private final Duration maxHold;
  private final Duration holdIdleTimeout;
  private final Duration connectTimeout;
  private final int stmtCacheSize;
  private final int arraySize;
  private final boolean fetchDecimals;
  private final VirtualThreads virtualThreads;
  private final Executor workerExecutor;
  private final Executor callbackExecutor;
  private final Map<String, String> connectionProperties;
  private final String module;
  private final boolean failFast;
  private final PoolListener listener;
  private final CallObserver callObserver;
  private final String connectionFactoryClassName;
  private final GetMode getMode;
  private final Duration waitTimeout;
  private final int increment;
  private final Duration pingTimeout;
  private final SessionCallback sessionCallback;
  private final Function<? super AsyncConnection, ? extends CompletionStage<?>> onConnect;

  private PoolOptions(Builder b) {
    this.url = b.url;
    this.dsn = b.dsn;
    this.host = b.host;
    this.port = b.port;
    this.serviceName = b.serviceName;
    this.sid = b.sid;
    this.user = b.user;
    this.password = b.password;
    this.poolName = b.poolName;
    this.min = b.min;
    this.max = b.max;
    this.acquireTimeout = b.acquireTimeout;
    this.maxWaiters = b.maxWaiters;
    this.callTimeout = b.callTimeout;
    this.validateOnBorrow = b.validateOnBorrow;
    this.inactiveTimeout = b.inactiveTimeout;
    this.maxLifetime = b.maxLifetime;
    this.aliveBypass = b.aliveBypass;
    this.maxHold = b.maxHold;
    this.holdIdleTimeout = b.holdIdleTimeout;
    this.connectTimeout = b.connectTimeout;
    this.stmtCacheSize = b.stmtCacheSize;
    this.arraySize = b.arraySize;
    this.fetchDecimals = b.fetchDecimals;
    this.virtualThreads = b.virtualThreads;
    this.workerExecutor = b.workerExecutor;
    this.callbackExecutor = b.callbackExecutor;
    this.connectionProperties = Collections.unmodifiableMap(new LinkedHashMap<>(b.connectionProperties));
    this.module = b.module;
    this.failFast = b.failFast;
    this.listener = b.listener;
    this.callObserver = b.callObserver;
    this.connectionFactoryClassName = b.connectionFactoryClassName;
    this.getMode = b.getMode;
    this.waitTimeout = b.waitTimeout;
    // As python-oracledb: 0 means 1 when the pool can grow, and stays 0 when min == max.
    this.increment = b.increment == 0 && b.min != b.max ? 1 : b.increment;
    this.pingTimeout = b.pingTimeout;
    this.sessionCallback = b.sessionCallback;
    this.onConnect = b.onConnect;
  }

  /**
   * Starts building options.
   *
   * @return a new builder with the defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding these options, to derive new ones.
   *
   * @return a builder with every value copied
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.url = url;
    b.dsn = dsn;
    b.host = host;
    b.port = port;
    b.serviceName = serviceName;
    b.sid = sid;
    b.user = user;
    b.password = password;
    b.poolName = poolName;
    b.min = min;
    b.max = max;
    b.acquireTimeout = acquireTimeout;
    b.maxWaiters = maxWaiters;
    b.callTimeout = callTimeout;
    b.validateOnBorrow = validateOnBorrow;
    b.inactiveTimeout = inactiveTimeout;
    b.maxLifetime = maxLifetime;
    b.aliveBypass = aliveBypass;
    b.maxHold = maxHold;
    b.holdIdleTimeout = holdIdleTimeout;
    b.connectTimeout = connectTimeout;
    b.stmtCacheSize = stmtCacheSize;
    b.arraySize = arraySize;
    b.fetchDecimals = fetchDecimals;
    b.virtualThreads = virtualThreads;
    b.workerExecutor = workerExecutor;
    b.callbackExecutor = callbackExecutor;
    b.connectionProperties.putAll(connectionProperties);
    b.module = module;
    b.failFast = failFast;
    b.listener = listener;
    b.callObserver = callObserver;
    b.connectionFactoryClassName = connectionFactoryClassName;
    b.getMode = getMode;
    b.waitTimeout = waitTimeout;
    b.increment = increment;
    b.pingTimeout = pingTimeout;
    b.sessionCallback = sessionCallback;
    b.onConnect = onConnect;
    return b;
  }

  /**
   * Returns the JDBC URL the pool connects with, built from {@code url}, {@code dsn} or
   * {@code host}/{@code port}/{@code serviceName}/{@code sid}.
   *
   * @return the JDBC URL
   */
  public String jdbcUrl() {
    if (url != null) {
      return url;
    }
    if (dsn != null) {
      return Dsn.toJdbcUrl(dsn);
    }
    String descriptor = serviceName != null
        ? AsyncOracle.makeDsn(host, port, serviceName)
        : AsyncOracle.makeDsnWithSid(host, port, sid);
    return Dsn.toJdbcUrl(descriptor);
  }

  /** @return the JDBC URL as set, or {@code null} */
  public String url() {
    return url;
  }

  /** @return the DSN as set, or {@code null} */
  public String dsn() {
    return dsn;
  }

  /** @return the host as set, or {@code null} */
  public String host() {
    return host;
  }

  /** @return the listener port */
  public int port() {
    return port;
  }

  /** @return the service name, or {@code null} */
  public String serviceName() {
    return serviceName;
  }

  /** @return the SID, or {@code null} */
  public String sid() {
    return sid;
  }

  /** @return the database user, or {@code null} */
  public String user() {
    return user;
  }

  /**
   * Returns the password. Never logged and never part of {@link #toString()}.
   *
   * @return the password, or {@code null}
   */
  public String password() {
    return password;
  }

  /** @return the pool name, or {@code null} for a generated one */
  public String poolName() {
    return poolName;
  }

  /** @return the minimum number of open connections */
  public int min() {
    return min;
  }

  /** @return the maximum number of connections, and of concurrent borrowers */
  public int max() {
    return max;
  }

  /** @return how long an acquire may wait; {@link Duration#ZERO} waits without limit */
  public Duration acquireTimeout() {
    return acquireTimeout;
  }

  /** @return the maximum number of queued acquires; 0 refuses to queue */
  public int maxWaiters() {
    return maxWaiters;
  }

  /** @return the call timeout given to each borrowed connection; zero for none */
  public Duration callTimeout() {
    return callTimeout;
  }

  /** @return whether connections idle past the alive-bypass window are checked before they are lent */
  public boolean validateOnBorrow() {
    return validateOnBorrow;
  }

  /** @return how long an idle connection stays open above {@code min}; zero for UCP's default */
  public Duration inactiveTimeout() {
    return inactiveTimeout;
  }

  /** @return the maximum lifetime of a physical connection; zero for no limit */
  public Duration maxLifetime() {
    return maxLifetime;
  }

  /** @return how recently a connection must have been used to be lent without a check */
  public Duration aliveBypass() {
    return aliveBypass;
  }

  /** @return the longest time the pool holds a connection borrowed from UCP; zero for no limit */
  public Duration maxHold() {
    return maxHold;
  }

  /** @return how long an idle held connection waits for an acquire before going back to UCP */
  public Duration holdIdleTimeout() {
    return holdIdleTimeout;
  }

  /** @return the bound on opening one physical connection; zero for none */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** @return the statement cache size per connection */
  public int stmtCacheSize() {
    return stmtCacheSize;
  }

  /** @return the default rows per fetch round trip of new cursors */
  public int arraySize() {
    return arraySize;
  }

  /** @return whether the pool's connections start with {@code fetchDecimals} on */
  public boolean fetchDecimals() {
    return fetchDecimals;
  }

  /** @return the worker thread mode */
  public VirtualThreads virtualThreads() {
    return virtualThreads;
  }

  /** @return the executor for blocking JDBC work supplied by the application, or {@code null} */
  public Executor workerExecutor() {
    return workerExecutor;
  }

  /** @return the executor that completes futures supplied by the application, or {@code null} */
  public Executor callbackExecutor() {
    return callbackExecutor;
  }

  /** @return extra driver connection properties (e.g. {@code oracle.net.tns_admin}) */
  public Map<String, String> connectionProperties() {
    return connectionProperties;
  }

  /** @return the module every borrowed connection is tagged with, or {@code null} */
  public String module() {
    return module;
  }

  /** @return whether pool creation fails when the database cannot be reached */
  public boolean failFast() {
    return failFast;
  }

  /** @return the observer of database calls, or {@code null} for none (the default) */
  public CallObserver callObserver() {
    return callObserver;
  }

  /** @return the pool event listener, never {@code null} */
  public PoolListener listener() {
    return listener;
  }

  /** @return the UCP connection factory class chosen by the application, or {@code null} */
  public String connectionFactoryClassName() {
    return connectionFactoryClassName;
  }

  /** @return what an acquire does when the pool is at {@code max} and nothing is idle */
  public GetMode getMode() {
    return getMode;
  }

  /** @return how long a {@link GetMode#TIMEDWAIT} acquire may take; zero fails at once when nothing is free */
  public Duration waitTimeout() {
    return waitTimeout;
  }

  /** @return how many connections the pool opens, one after another, when an acquire makes it grow */
  public int increment() {
    return increment;
  }

  /**
   * Returns python-oracledb's {@code ping_interval}: the same setting as {@link #aliveBypass()}.
   *
   * @return how long a connection may be idle before it is checked when lent; negative when
   *     checks are off
   */
  public Duration pingInterval() {
    return validateOnBorrow ? aliveBypass : Duration.ofSeconds(-1);
  }

  /** @return how long the check of a connection idle past the ping interval may take before it is discarded */
  public Duration pingTimeout() {
    return pingTimeout;
  }

  /**
   * Returns python-oracledb's {@code timeout}: the same setting as {@link #inactiveTimeout()}.
   *
   * @return how long a connection above {@code min} may stay idle before it is closed; zero for never
   */
  public Duration timeout() {
    return inactiveTimeout;
  }

  /**
   * Returns python-oracledb's {@code max_lifetime_session}: the same setting as {@link #maxLifetime()}.
   *
   * @return how long a physical connection may live before it is closed on release or when found idle
   */
  public Duration maxLifetimeSession() {
    return maxLifetime;
  }

  /** @return the session callback, or {@code null} */
  public SessionCallback sessionCallback() {
    return sessionCallback;
  }

  /** @return the hook run once on every new physical connection, or {@code null} */
  public Function<? super AsyncConnection, ? extends CompletionStage<?>> onConnect() {
    return onConnect;
  }

  @Override
  public String toString() {
    return "PoolOptions[url=" + Dsn.redact(jdbcUrl()) + ", user=" + user
        + ", password=" + (password == null ? "<none>" : "<hidden>")
        + ", poolName=" + poolName + ", min=" + min + ", max=" + max
        + ", acquireTimeout=" + acquireTimeout + ", maxWaiters=" + maxWaiters
        + ", callTimeout=" + callTimeout + ", connectTimeout=" + connectTimeout
        + ", aliveBypass=" + aliveBypass + ", maxHold=" + maxHold + ", holdIdleTimeout=" + holdIdleTimeout
        + ", getMode=" + getMode + (getMode == GetMode.TIMEDWAIT ? ", waitTimeout=" + waitTimeout : "")
        + ", increment=" + increment + ", pingTimeout=" + pingTimeout
        + ", virtualThreads=" + virtualThreads + "]";
  }

  /** Builds {@link PoolOptions}. Setters check hard limits at once; {@link #build()} checks the rest. */
  public static final class Builder {
    private String url;
    private String dsn;
    private String host;
    private int port = DEFAULT_PORT;
    private String serviceName;
    private String sid;
    private String user;
    private String password;
    private String poolName;
    private int min = DEFAULT_MIN;
    private int max = DEFAULT_MAX;
    private Duration acquireTimeout = DEFAULT_ACQUIRE_TIMEOUT;
    private int maxWaiters = DEFAULT_MAX_WAITERS;
    private Duration callTimeout = Duration.ZERO;
    private boolean validateOnBorrow = true;
    private Duration inactiveTimeout = Duration.ZERO;
    private Duration maxLifetime = Duration.ZERO;
    private Duration aliveBypass = DEFAULT_ALIVE_BYPASS;
    private Duration maxHold = DEFAULT_MAX_HOLD;
    private Duration holdIdleTimeout = DEFAULT_HOLD_IDLE_TIMEOUT;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private int stmtCacheSize = DEFAULT_STMT_CACHE_SIZE;
    private int arraySize = DEFAULT_ARRAY_SIZE;
    private boolean fetchDecimals;
    private VirtualThreads virtualThreads = VirtualThreads.AUTO;
    private Executor workerExecutor;
    private Executor callbackExecutor;
    private final Map<String, String> connectionProperties = new LinkedHashMap<>();
    private String module;
    private boolean failFast = true;
    private PoolListener listener = PoolListener.NONE;
    private CallObserver callObserver;
    private String connectionFactoryClassName;
    private GetMode getMode = GetMode.WAIT;
    private Duration waitTimeout = Duration.ZERO;
    private int increment = DEFAULT_INCREMENT;
    private Duration pingTimeout = DEFAULT_PING_TIMEOUT;
    private SessionCallback sessionCallback;
    private Function<? super AsyncConnection, ? extends CompletionStage<?>> onConnect;

    private Builder() {
    }

    /**
     * Sets a JDBC URL, e.g. {@code jdbc:oracle:thin:@//db:1521/orcl} or
     * {@code jdbc:h2:mem:app;MODE=Oracle}.
     *
     * @param url the JDBC URL
     * @return this builder
     */
    public Builder url(String url) {
      this.url = url;
      return this;
    }

    /**
     * Sets a data source name: a connect descriptor (see {@link AsyncOracle#makeDsn}), an Easy
     * Connect string such as {@code db:1521/orcl}, a TNS alias, or a JDBC URL.
     *
     * @param dsn the DSN
     * @return this builder
     */
    public Builder dsn(String dsn) {
      this.dsn = dsn;
      return this;
    }

    /**
     * Sets the database host; use with {@link #port(int)} and a service name or SID.
     *
     * @param host the host name or address
     * @return this builder
     */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /**
     * Sets the listener port (default 1521).
     *
     * @param port 1 to 65535
     * @return this builder
     */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * Sets the service name to connect to with {@link #host(String)}.
     *
     * @param serviceName the service name
     * @return this builder
     */
    public Builder serviceName(String serviceName) {
      this.serviceName = serviceName;
      return this;
    }

    /**
     * Sets the SID to connect to with {@link #host(String)}.
     *
     * @param sid the instance SID
     * @return this builder
     */
    public Builder sid(String sid) {
      this.sid = sid;
      return this;
    }

    /**
     * Sets the database user.
     *
     * @param user the user name
     * @return this builder
     */
    public Builder user(String user) {
      this.user = user;
      return this;
    }

    /**
     * Sets the password. It is never logged nor shown by {@code toString()}.
     *
     * @param password the password
     * @return this builder
     */
    public Builder password(String password) {
      this.password = password;
      return this;
    }

    /**
     * Names the pool (unique in the JVM; used in logs, errors and metrics). Default:
     * {@code async-oracle-N}.
     *
     * @param poolName the name
     * @return this builder
     */
    public Builder poolName(String poolName) {
      this.poolName = poolName;
      return this;
    }

    /**
     * Sets the minimum number of open connections (default 1).
     *
     * @param min 0 or more, at most {@code max}
     * @return this builder
     */
    public Builder min(int min) {
      this.min = min;
      return this;
    }

    /**
     * Sets the maximum number of connections (default 10).
     *
     * @param max 1 or more
     * @return this builder
     */
    public Builder max(int max) {
      this.max = max;
      return this;
    }

    /**
     * Sets how long an acquire may wait for a connection (default 30 s); zero waits without limit.
     *
     * @param acquireTimeout not negative
     * @return this builder
     */
    public Builder acquireTimeout(Duration acquireTimeout) {
      this.acquireTimeout = acquireTimeout;
      return this;
    }

    /**
     * Sets how many acquires may wait in the queue (default 10,000); more fail at once with
     * {@link PoolExhaustedException}.
     *
     * @param maxWaiters 0 or more
     * @return this builder
     */
    public Builder maxWaiters(int maxWaiters) {
      this.maxWaiters = maxWaiters;
      return this;
    }

    /**
     * Sets the call timeout of every borrowed connection (default none).
     *
     * @param callTimeout not negative; zero for none
     * @return this builder
     */
    public Builder callTimeout(Duration callTimeout) {
      this.callTimeout = callTimeout;
      return this;
    }

    /**
     * Sets whether connections are checked before they are lent (default on): a held connection
     * idle longer than the {@link #aliveBypass(Duration) alive-bypass window} is checked with
     * {@code isValid} first, and UCP validates the connections it lends the pool.
     *
     * @param validateOnBorrow whether to validate
     * @return this builder
     */
    public Builder validateOnBorrow(boolean validateOnBorrow) {
      this.validateOnBorrow = validateOnBorrow;
      return this;
    }

    /**
     * Sets how long a connection above {@code min} may stay idle before it is closed.
     *
     * @param inactiveTimeout not negative; zero for UCP's default
     * @return this builder
     */
    public Builder inactiveTimeout(Duration inactiveTimeout) {
      this.inactiveTimeout = inactiveTimeout;
      return this;
    }

    /**
     * Sets the maximum lifetime of a physical connection; it is replaced when returned after that.
     *
     * @param maxLifetime not negative; zero for no limit
     * @return this builder
     */
    public Builder maxLifetime(Duration maxLifetime) {
      this.maxLifetime = maxLifetime;
      return this;
    }

    /**
     * Sets the alive-bypass window (default 500 ms): a held connection used more recently than this
     * is lent without a check; an older one is checked with {@code isValid} (ojdbc's ping) first,
     * and replaced, unseen by the caller, if the check fails. Zero checks every lend. Only applies
     * with {@link #validateOnBorrow(boolean) validateOnBorrow}.
     *
     * @param aliveBypass not negative
     * @return this builder
     */
    public Builder aliveBypass(Duration aliveBypass) {
      this.aliveBypass = aliveBypass;
      return this;
    }

    /**
     * Sets how long the pool may hold a connection it borrowed from UCP (default 30 s). The pool
     * lends held connections without going through UCP; after this long it gives the connection
     * back to UCP when it is next released, so UCP's lifetime, inactivity, harvesting, runtime load
     * balancing and RAC draining keep working. It costs one UCP borrow per connection per period.
     *
     * @param maxHold not negative; zero for no limit
     * @return this builder
     */
    public Builder maxHold(Duration maxHold) {
      this.maxHold = maxHold;
      return this;
    }

    /**
     * Sets how long a held connection may sit idle before the pool gives it back to UCP
     * (default 10 s), where UCP's own {@link #inactiveTimeout(Duration) inactiveTimeout} and
     * {@code min} apply.
     *
     * @param holdIdleTimeout not negative; zero to keep idle connections until {@code maxHold}
     * @return this builder
     */
    public Builder holdIdleTimeout(Duration holdIdleTimeout) {
      this.holdIdleTimeout = holdIdleTimeout;
      return this;
    }

    /**
     * Sets the bound on opening one physical connection (default 20 s, python-oracledb's
     * {@code tcp_connect_timeout}). It is passed to the driver where the driver supports it
     * (ojdbc's {@code oracle.net.CONNECT_TIMEOUT} and the login timeout) and enforced by the pool
     * itself, so a driver that never returns cannot hold a caller.
     *
     * @param connectTimeout not negative; zero for none
     * @return this builder
     */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    /**
     * Sets the statement cache size per connection (default 20).
     *
     * @param stmtCacheSize 0 or more
     * @return this builder
     */
    public Builder stmtCacheSize(int stmtCacheSize) {
      this.stmtCacheSize = stmtCacheSize;
      return this;
    }

    /**
     * Sets the default rows per fetch round trip of new cursors (default 100).
     *
     * @param arraySize 1 or more
     * @return this builder
     */
    public Builder arraySize(int arraySize) {
      this.arraySize = arraySize;
      return this;
    }

    /**
     * Sets whether the pool's connections fetch number columns as {@link java.math.BigDecimal}
     * (python-oracledb's {@code defaults.fetch_decimals}; default {@code false}, the driver's own
     * types). Each connection can change it: {@link AsyncConnection#setFetchDecimals(boolean)}.
     *
     * @param fetchDecimals whether numbers are fetched as {@code BigDecimal}
     * @return this builder
     */
    public Builder fetchDecimals(boolean fetchDecimals) {
      this.fetchDecimals = fetchDecimals;
      return this;
    }

    /**
     * Chooses the worker threads (default {@link VirtualThreads#AUTO}).
     *
     * @param virtualThreads the mode
     * @return this builder
     */
    public Builder virtualThreads(VirtualThreads virtualThreads) {
      this.virtualThreads = virtualThreads;
      return this;
    }

    /**
     * Runs blocking JDBC work on the application's executor instead of the pool's own. It must
     * be able to run at least {@code max} tasks at once; the pool does not shut it down.
     *
     * @param workerExecutor the executor, or {@code null} for the pool's own
     * @return this builder
     */
    public Builder workerExecutor(Executor workerExecutor) {
      this.workerExecutor = workerExecutor;
      return this;
    }

    /**
     * Completes futures (and so runs the application's callbacks) on the application's executor.
     * Without one, a future completes on the worker that finished the call, after it has let go
     * of the connection: no hand-off, and a callback that blocks never stalls the pool (its
     * workers grow instead). The pool does not shut this executor down.
     *
     * @param callbackExecutor the executor, or {@code null} to complete on the workers
     * @return this builder
     */
    public Builder callbackExecutor(Executor callbackExecutor) {
      this.callbackExecutor = callbackExecutor;
      return this;
    }

    /**
     * Adds a driver connection property, e.g. {@code oracle.net.tns_admin} or
     * {@code oracle.net.wallet_location} for TCPS and cloud databases.
     *
     * @param name the property name
     * @param value the value
     * @return this builder
     */
    public Builder connectionProperty(String name, String value) {
      if (name == null || name.isBlank()) {
        throw new InvalidArgumentException("connectionProperty", "connection property name must not be blank");
      }
      this.connectionProperties.put(name, value);
      return this;
    }

    /**
     * Tags every borrowed connection with this module ({@code V$SESSION.MODULE}), unless the
     * application sets another.
     *
     * @param module the module name, at most 48 bytes
     * @return this builder
     */
    public Builder module(String module) {
      this.module = module;
      return this;
    }

    /**
     * Sets whether {@link AsyncOracle#createPool(PoolOptions)} fails when the database cannot be
     * reached (default on). Off, the pool starts empty and connects on first use.
     *
     * @param failFast whether to fail fast
     * @return this builder
     */
    public Builder failFast(boolean failFast) {
      this.failFast = failFast;
      return this;
    }

    /**
     * Sets the observer told about every database call and acquire (for tracing; see
     * {@link CallObserver}). Without one nothing is done per call for observation.
     *
     * @param callObserver the observer, or {@code null} for none
     * @return this builder
     */
    public Builder callObserver(CallObserver callObserver) {
      this.callObserver = callObserver;
      return this;
    }

    /**
     * Sets the listener for pool events (for metrics).
     *
     * @param listener the listener, or {@code null} for none
     * @return this builder
     */
    public Builder listener(PoolListener listener) {
      this.listener = listener != null ? listener : new PoolListener() { };
      return this;
    }

    /**
     * Overrides the UCP connection factory class, a {@link javax.sql.DataSource} or
     * {@link java.sql.Driver}. By default {@code oracle.jdbc.pool.OracleDataSource} for Oracle URLs,
     * {@code org.h2.jdbcx.JdbcDataSource} for H2, and the registered driver otherwise.
     *
     * @param className the class name
     * @return this builder
     */
    public Builder connectionFactoryClassName(String className) {
      this.connectionFactoryClassName = className;
      return this;
    }

    /**
     * Chooses what an acquire does when every connection is busy and the pool is at {@code max}
     * (python-oracledb's {@code getmode}; default {@link GetMode#WAIT}).
     *
     * @param getMode the mode
     * @return this builder
     */
    public Builder getMode(GetMode getMode) {
      this.getMode = getMode;
      return this;
    }

    /**
     * Sets how long a {@link GetMode#TIMEDWAIT} acquire may take in all, connecting and the
     * session callback included (python-oracledb's {@code wait_timeout}, default zero). It takes
     * the place of the {@link #acquireTimeout(Duration) acquire timeout} in that mode; in the
     * others it is not used.
     *
     * @param waitTimeout not negative; zero fails at once when nothing is free
     * @return this builder
     */
    public Builder waitTimeout(Duration waitTimeout) {
      this.waitTimeout = waitTimeout;
      return this;
    }

    /**
     * Sets how many connections the pool opens when an acquire finds nothing idle and the pool has
     * room (python-oracledb's {@code increment}, default 1), never beyond {@code max}. They are
     * opened one after another (UCP 23.26 fails borrows that race while it grows); the first goes
     * to the acquire, the others to whoever asks next.
     *
     * @param increment 0 or more; 0 is taken as 1 when {@code min != max} and kept when
     *     {@code min == max}, as in python-oracledb (an acquire that must open one still opens one)
     * @return this builder
     */
    public Builder increment(int increment) {
      this.increment = increment;
      return this;
    }

    /**
     * Sets python-oracledb's {@code ping_interval}, which is this pool's
     * {@link #aliveBypass(Duration) alive-bypass window}: one setting under two names. A connection
     * idle longer than it is checked (a ping) before it is lent, and replaced, unseen by the caller,
     * if the check fails. Zero checks every lend; a negative interval turns the checks off (as in
     * python-oracledb; UCP still checks the connections it lends the pool). The default stays
     * 500 ms, not python-oracledb's 60 s: a held connection idle past
     * {@link #holdIdleTimeout(Duration) holdIdleTimeout} (10 s) goes back to UCP, whose own borrow
     * checks it anyway, so a longer interval would only skip checks between 0.5 and 10 s of idleness.
     *
     * @param pingInterval the interval; negative to turn checks off
     * @return this builder
     */
    public Builder pingInterval(Duration pingInterval) {
      if (pingInterval == null) {
        throw new InvalidArgumentException("pingInterval", "pingInterval must not be null");
      }
      if (pingInterval.isNegative()) {
        this.validateOnBorrow = false;
      } else {
        this.validateOnBorrow = true;
        this.aliveBypass = pingInterval;
      }
      return this;
    }

    /**
     * Sets how long the check of a connection idle past the ping interval may take (python-oracledb's
     * {@code ping_timeout}, default 5 s). A connection that does not answer in time is given up
     * (its place freed at once, the connection discarded when the driver returns) and the acquire
     * goes on with another.
     *
     * @param pingTimeout more than zero
     * @return this builder
     */
    public Builder pingTimeout(Duration pingTimeout) {
      this.pingTimeout = pingTimeout;
      return this;
    }

    /**
     * Sets python-oracledb's {@code timeout}, the same setting as
     * {@link #inactiveTimeout(Duration) inactiveTimeout}: a connection idle longer than this is
     * closed while more than {@code min} are open.
     *
     * @param timeout not negative; zero for never
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      return inactiveTimeout(timeout);
    }

    /**
     * Sets python-oracledb's {@code max_lifetime_session}, the same setting as
     * {@link #maxLifetime(Duration) maxLifetime}.
     *
     * @param maxLifetimeSession not negative; zero for no limit
     * @return this builder
     */
    public Builder maxLifetimeSession(Duration maxLifetimeSession) {
      return maxLifetime(maxLifetimeSession);
    }

    /**
     * Sets the session callback (python-oracledb's {@code session_callback}), run before an acquire
     * returns a connection whose session was not set up yet, or whose tag differs from the one
     * {@linkplain AsyncPool#acquire(String) asked for}. What it sets stays with the session: a
     * release resets only what was changed after it. See {@link SessionCallback}.
     *
     * @param sessionCallback the callback, or {@code null} for none
     * @return this builder
     */
    public Builder sessionCallback(SessionCallback sessionCallback) {
      this.sessionCallback = sessionCallback;
      return this;
    }

    /**
     * Sets the on-connect hook (python-oracledb's {@code on_connect_callback}), run on every lend
     * before the connection is returned: every {@link AsyncPool#acquire() acquire} (tagged ones
     * too) and every {@link AsyncPool#withConnection withConnection}, and, with
     * {@link AsyncOracle#connect(PoolOptions)}, once per standalone connection. It is for
     * per-request state, such as an end user's security context, e.g.
     * {@code c -> c.callProc("app_security.attach_end_user")}; what it changes through the
     * connection (attributes, schema, autocommit, uncommitted work, ...) is reset when the
     * connection is released, like any change the application makes. Session set-up done once per
     * session, such as {@code ALTER SESSION}, belongs in the {@link #sessionCallback session
     * callback}, which runs first when it runs.
     *
     * <p>The acquire waits for the stage the hook returns, within the acquire timeout; what the hook
     * costs, every acquire costs (a hook that completes at once adds no task). If the stage fails
     * (or the hook throws), the acquire fails with that error and the connection goes back to the
     * pool, as python-oracledb's does: released (rolled back and reset), not closed, unless the
     * failure broke it. A standalone connection whose hook fails is closed. The hook runs on the
     * thread that lends the connection (the caller's when one is idle, a pool thread when the
     * acquire waited), so per-request values it reads must not be thread-bound.
     *
     * @param onConnect the hook, or {@code null} for none
     * @return this builder
     */
    public Builder onConnect(Function<? super AsyncConnection, ? extends CompletionStage<?>> onConnect) {
      this.onConnect = onConnect;
      return this;
    }

    /**
     * Checks the options and builds them.
     *
     * @return the options
     * @throws InvalidArgumentException naming the first bad option
     */
    public PoolOptions build() {
      int targets = (url != null ? 1 : 0) + (dsn != null ? 1 : 0) + (host != null ? 1 : 0);
      if (targets == 0) {
        throw new InvalidArgumentException("url", "no database given: set url, dsn, or host with serviceName or sid");
      }
      if (targets > 1) {
        throw new InvalidArgumentException(url != null ? "url" : "dsn",
            "set only one of url, dsn and host: they all say where the database is");
      }
      if (url != null && (url.isBlank() || !url.startsWith("jdbc:"))) {
        throw new InvalidArgumentException("url", "url must be a JDBC URL starting with 'jdbc:', got '"
            + Dsn.redact(url) + "'");
      }
      if (dsn != null && dsn.isBlank()) {
        throw new InvalidArgumentException("dsn", "dsn must not be blank");
      }
      if (host != null) {
        // Checks host, port and the service name/SID with the same rules as makeDsn.
        if (serviceName == null && sid == null) {
          throw new InvalidArgumentException("serviceName", "host is set but neither serviceName nor sid is");
        }
        if (serviceName != null && sid != null) {
          throw new InvalidArgumentException("sid", "set serviceName or sid, not both");
        }
        if (serviceName != null) {
          AsyncOracle.makeDsn(host, port, serviceName);
        } else {
          AsyncOracle.makeDsnWithSid(host, port, sid);
        }
      } else if (port != DEFAULT_PORT || serviceName != null || sid != null) {
        throw new InvalidArgumentException(serviceName != null ? "serviceName" : sid != null ? "sid" : "port",
            "port, serviceName and sid only apply with host");
      }
      if (poolName != null && (poolName.isBlank() || poolName.length() > 100)) {
        throw new InvalidArgumentException("poolName", "poolName must be 1 to 100 characters");
      }
      if (max < 1) {
        throw new InvalidArgumentException("max", "max must be at least 1, got " + max);
      }
      if (min < 0) {
        throw new InvalidArgumentException("min", "min must not be negative, got " + min);
      }
      if (min > max) {
        throw new InvalidArgumentException("min", "min (" + min + ") must not exceed max (" + max + ")");
      }
      if (maxWaiters < 0) {
        throw new InvalidArgumentException("maxWaiters", "maxWaiters must not be negative, got " + maxWaiters);
      }
      requireNonNegative("acquireTimeout", acquireTimeout);
      requireNonNegative("callTimeout", callTimeout);
      requireNonNegative("inactiveTimeout", inactiveTimeout);
      requireNonNegative("maxLifetime", maxLifetime);
      requireNonNegative("aliveBypass", aliveBypass);
      requireNonNegative("maxHold", maxHold);
      requireNonNegative("holdIdleTimeout", holdIdleTimeout);
      requireNonNegative("connectTimeout", connectTimeout);
      requireNonNegative("waitTimeout", waitTimeout);
      requireNonNegative("pingTimeout", pingTimeout);
      if (pingTimeout.isZero()) {
        throw new InvalidArgumentException("pingTimeout", "pingTimeout must be more than zero");
      }
      if (getMode == null) {
        throw new InvalidArgumentException("getMode", "getMode must not be null");
      }
      if (increment < 0) {
        throw new InvalidArgumentException("increment", "increment must not be negative, got " + increment);
      }
      if (stmtCacheSize < 0) {
        throw new InvalidArgumentException("stmtCacheSize", "stmtCacheSize must not be negative, got " + stmtCacheSize);
      }
      if (arraySize < 1) {
        throw new InvalidArgumentException("arraySize", "arraySize must be at least 1, got " + arraySize);
      }
      if (virtualThreads == null) {
        throw new InvalidArgumentException("virtualThreads", "virtualThreads must not be null");
      }
      if (module != null && module.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 48) {
        throw new InvalidArgumentException("module", "module must be at most 48 bytes (ORA-24960)");
      }
      return new PoolOptions(this);
    }

    private static void requireNonNegative(String name, Duration value) {
      if (value == null) {
        throw new InvalidArgumentException(name, name + " must not be null");
      }
      if (value.isNegative()) {
        throw new InvalidArgumentException(name, name + " must not be negative, got " + value);
      }
    }
  }
}
