package io.asyncoracle.internal;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncOracleException;
import io.asyncoracle.InputTypeHandler;
import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.OutputTypeHandler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The session-attribute half of {@link AsyncConnection}: end-to-end values, call timeout,
 * autocommit, isolation, schema, names, type handlers, fetch settings, tags and the read-only facts
 * about the database. {@link ConnectionImpl} adds the calls; both are one object per lend.
 */
abstract class ConnectionAttributes implements AsyncConnection {

  final Session session;
  private volatile InputTypeHandler inputTypeHandler;
  private volatile OutputTypeHandler outputTypeHandler;
  private volatile String internalName;
  private volatile String externalName;
  private volatile boolean fetchLobs;
  private volatile boolean fetchDecimals;
  private volatile NetworkAddress address;

  /**
   * @param fetchDecimals the pool's {@code fetchDecimals}: the connection's starting setting
   */
  ConnectionAttributes(Session session, boolean fetchDecimals) {
    this.session = session;
    this.fetchDecimals = fetchDecimals;
  }

  /** Rejects a missing argument with the library's own exception rather than a NullPointerException. */
  static void requireArgument(Object value, String argument) {
    if (value == null) {
      throw new InvalidArgumentException(argument, argument + " must not be null");
    }
  }

  /** Runs argument checks first, so bad input fails the future before anything is sent. */
  static <T> CompletableFuture<T> checked(Runnable check, java.util.function.Supplier<CompletableFuture<T>> call) {
    try {
      check.run();
    } catch (RuntimeException | Error e) {
      return CompletableFuture.failedFuture(e);
    }
    return call.get();
  }

  // ---- fetch settings and type handlers ---------------------------------------------------

  @Override
  public void setFetchLobs(boolean fetchLobs) {
    checkConnected();
    this.fetchLobs = fetchLobs;
  }

  @Override
  public boolean fetchLobs() {
    checkConnected();
    return fetchLobs;
  }

  @Override
  public void setFetchDecimals(boolean fetchDecimals) {
    checkConnected();
    this.fetchDecimals = fetchDecimals;
  }

  @Override
  public boolean fetchDecimals() {
    checkConnected();
    return fetchDecimals;
  }

  /** Whether queries return numbers as BigDecimal; read by cursors, shortcuts and pipelines without the closed check. */
  boolean fetchDecimalsSetting() {
    return fetchDecimals;
  }

  /** Whether queries return LOB locators; read by cursors and shortcuts without the closed check. */
  boolean fetchLobsSetting() {
    return fetchLobs;
  }

  InputTypeHandler inputTypeHandlerSetting() {
    return inputTypeHandler;
  }

  OutputTypeHandler outputTypeHandlerSetting() {
    return outputTypeHandler;
  }

  /** Synchronous calls on a closed connection fail clearly, as the reference's do. */
  void checkConnected() {
    if (session.isReleased()) {
      throw new AsyncOracleException("the connection is closed");
    }
  }

  // ---- session attributes -----------------------------------------------------------------

  /**
   * ojdbc's limit for each end-to-end value (action, client id, ECID, module, DBOP, client info)
   * on Oracle Database 12.1 and later, in characters: {@code PhysicalConnection.versionDependentInit}
   * sets every entry of {@code endToEndMaxLength} to 64, and {@code setClientInfoInternal} refuses
   * a longer value. The values are sent with the next call, so without this check an over-long
   * value would fail that call, whatever it is.
   */
  static final int END_TO_END_MAX_CHARS = 64;

  private static void checkEndToEnd(String argument, String value) {
    if (value != null && value.length() > END_TO_END_MAX_CHARS) {
      throw new InvalidArgumentException(argument, argument + " must be at most " + END_TO_END_MAX_CHARS
          + " characters (Oracle's end-to-end metrics limit), got " + value.length());
    }
  }

  @Override
  public void setAction(String action) {
    checkConnected();
    checkEndToEnd("action", action);
    session.changes().setClientInfo("OCSID.ACTION", action);
  }

  @Override
  public void setModule(String module) {
    checkConnected();
    if (module != null && module.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 48) {
      throw new InvalidArgumentException("module", "module must be at most 48 bytes (ORA-24960)");
    }
    session.changes().setClientInfo(Session.MODULE, module);
  }

  @Override
  public void setClientIdentifier(String clientIdentifier) {
    checkConnected();
    checkEndToEnd("clientIdentifier", clientIdentifier);
    session.changes().setClientInfo("OCSID.CLIENTID", clientIdentifier);
  }

  @Override
  public void setClientInfo(String clientInfo) {
    checkConnected();
    checkEndToEnd("clientInfo", clientInfo);
    session.changes().setClientInfo("OCSID.CLIENT_INFO", clientInfo);
  }

  @Override
  public void setDbOp(String dbOp) {
    checkConnected();
    checkEndToEnd("dbOp", dbOp);
    session.changes().setClientInfo("OCSID.DBOP", dbOp);
  }

  @Override
  public void setEcontextId(String econtextId) {
    checkConnected();
    if (econtextId != null && econtextId.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 64) {
      throw new InvalidArgumentException("econtextId", "econtextId must be at most 64 bytes");
    }
    session.changes().setClientInfo("OCSID.ECID", econtextId);
  }

  @Override
  public Duration callTimeout() {
    checkConnected();
    return session.callTimeout();
  }

  @Override
  public void setCallTimeout(Duration timeout) {
    checkConnected();
    if (timeout == null || timeout.isNegative()) {
      throw new InvalidArgumentException("callTimeout", "callTimeout must not be null or negative");
    }
    session.setCallTimeout(timeout);
  }

  @Override
  public boolean autocommit() {
    checkConnected();
    return session.autocommit();
  }

  @Override
  public CompletableFuture<Void> setAutocommit(boolean autocommit) {
    return session.run("setAutocommit", s -> {
      s.changes().setAutocommitNow(autocommit);
      return null;
    });
  }

  @Override
  public CompletableFuture<Integer> transactionIsolation() {
    return session.run("transactionIsolation", s -> s.jdbc().getTransactionIsolation());
  }

  @Override
  public CompletableFuture<Void> setTransactionIsolation(int level) {
    return checked(() -> {
      if (level != java.sql.Connection.TRANSACTION_READ_UNCOMMITTED && level != java.sql.Connection.TRANSACTION_READ_COMMITTED
          && level != java.sql.Connection.TRANSACTION_REPEATABLE_READ && level != java.sql.Connection.TRANSACTION_SERIALIZABLE) {
        throw new InvalidArgumentException("level", "level must be one of java.sql.Connection's TRANSACTION_READ_UNCOMMITTED,"
            + " _READ_COMMITTED, _REPEATABLE_READ or _SERIALIZABLE, got " + level);
      }
    }, () -> session.run("setTransactionIsolation", s -> {
      s.changes().setTransactionIsolationNow(level);
      return null;
    }));
  }

  @Override
  public boolean readOnly() {
    return session.readOnly();
  }

  @Override
  public CompletableFuture<Void> setReadOnly(boolean readOnly) {
    return session.run("setReadOnly", s -> {
      ReadOnlyTransactions.set(s, readOnly);
      return null;
    });
  }

  @Override
  public CompletableFuture<String> currentSchema() {
    return session.run("currentSchema", s -> s.jdbc().getSchema());
  }

  @Override
  public CompletableFuture<Void> setCurrentSchema(String schema) {
    return checked(() -> {
      if (schema == null || schema.isBlank()) {
        throw new InvalidArgumentException("schema", "schema must not be blank");
      }
    }, () -> session.run("setCurrentSchema", s -> {
      s.changes().rememberSchema();
      s.jdbc().setSchema(schema);
      return null;
    }));
  }

  @Override
  public int stmtCacheSize() {
    checkConnected();
    return session.stmtCacheSize();
  }

  @Override
  public void setStmtCacheSize(int size) {
    checkConnected();
    if (size < 0) {
      throw new InvalidArgumentException("stmtCacheSize", "stmtCacheSize must not be negative, got " + size);
    }
    session.changes().setStmtCacheSize(size);
  }

  @Override
  public String internalName() {
    checkConnected();
    return internalName;
  }

  @Override
  public void setInternalName(String name) {
    checkConnected();
    this.internalName = name;
  }

  @Override
  public String externalName() {
    checkConnected();
    return externalName;
  }

  @Override
  public void setExternalName(String name) {
    checkConnected();
    this.externalName = name;
  }

  @Override
  public void setInputTypeHandler(InputTypeHandler handler) {
    checkConnected();
    this.inputTypeHandler = handler;
  }

  @Override
  public InputTypeHandler inputTypeHandler() {
    checkConnected();
    return inputTypeHandler;
  }

  @Override
  public void setOutputTypeHandler(OutputTypeHandler handler) {
    checkConnected();
    this.outputTypeHandler = handler;
  }

  @Override
  public OutputTypeHandler outputTypeHandler() {
    checkConnected();
    return outputTypeHandler;
  }

  // ---- read-only attributes ---------------------------------------------------------------

  @Override
  public CompletableFuture<String> dbName() {
    return session.run("dbName", s -> OracleSupport.userenv(s, "dbName", "DB_NAME"));
  }

  @Override
  public CompletableFuture<String> dbDomain() {
    return session.run("dbDomain", s -> OracleSupport.userenv(s, "dbDomain", "DB_DOMAIN"));
  }

  @Override
  public CompletableFuture<String> instanceName() {
    return session.run("instanceName", s -> OracleSupport.userenv(s, "instanceName", "INSTANCE_NAME"));
  }

  @Override
  public CompletableFuture<String> serviceName() {
    return session.run("serviceName", s -> s.isOracle() ? OracleSupport.userenv(s, "serviceName", "SERVICE_NAME")
        : address().serviceName());
  }

  @Override
  public String host() {
    checkConnected();
    return address().host();
  }

  @Override
  public int port() {
    checkConnected();
    return address().port();
  }

  @Override
  public String protocol() {
    checkConnected();
    return address().protocol();
  }

  /** Where the URL says this connection goes; read once. */
  private NetworkAddress address() {
    NetworkAddress known = address;
    if (known == null) {
      known = NetworkAddress.of(session.dsn());
      address = known;
    }
    return known;
  }

  @Override
  public CompletableFuture<String> edition() {
    return session.run("edition", s -> OracleSupport.userenv(s, "edition", "CURRENT_EDITION_NAME"));
  }

  @Override
  public CompletableFuture<String> version() {
    return session.run("version", OracleSupport::version);
  }

  @Override
  public CompletableFuture<String> username() {
    return session.run("username", s -> s.jdbc().getMetaData().getUserName());
  }

  @Override
  public String dsn() {
    checkConnected();
    return session.dsn();
  }

  @Override
  public CompletableFuture<Integer> sdu() {
    return session.run("sdu", OracleSupport::sdu);
  }

  @Override
  public CompletableFuture<byte[]> ltxid() {
    return session.run("ltxid", OracleSupport::ltxid);
  }

  @Override
  public CompletableFuture<Integer> maxOpenCursors() {
    return session.run("maxOpenCursors", OracleSupport::maxOpenCursors);
  }

  @Override
  public CompletableFuture<Boolean> transactionInProgress() {
    return session.run("transactionInProgress", OracleSupport::transactionInProgress);
  }

  @Override
  public boolean thin() {
    checkConnected();
    return session.isOracle();
  }

  // ---- session tags (pooled connections) ----------------------------------------------------

  @Override
  public String tag() {
    return session.tag();
  }

  @Override
  public void setTag(String tag) {
    session.setTag(tag);
  }
}
