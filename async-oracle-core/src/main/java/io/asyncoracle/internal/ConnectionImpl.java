package io.asyncoracle.internal;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncCursor;
import io.asyncoracle.AsyncLob;
import io.asyncoracle.AsyncOracleException;
import io.asyncoracle.DatabaseCall;
import io.asyncoracle.DbObjectType;
import io.asyncoracle.GeneratedKeys;
import io.asyncoracle.InputTypeHandler;
import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.LobType;
import io.asyncoracle.OutputTypeHandler;
import io.asyncoracle.Row;
import io.asyncoracle.RowMapper;
import io.asyncoracle.TpcBeginFlag;
import io.asyncoracle.TpcEndFlag;
import io.asyncoracle.Xid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The {@link AsyncConnection} handed to applications. Each method checks its arguments, then hands
 * one {@link JdbcAction} to {@link Session#run(String, JdbcAction)}.
 */
final class ConnectionImpl implements AsyncConnection {

  private final Session session;
  private final int defaultArraySize;
  private final TwoPhaseCommit tpc;
  private volatile InputTypeHandler inputTypeHandler;
  private volatile OutputTypeHandler outputTypeHandler;
  private volatile String internalName;
  private volatile String externalName;

  ConnectionImpl(Session session, int defaultArraySize) {
    this(session, defaultArraySize, false);
  }

  /**
   * @param fetchDecimals the pool's {@code fetchDecimals}: the connection's starting setting
   */
  ConnectionImpl(Session session, int defaultArraySize, boolean fetchDecimals) {
    this.session = session;
    this.defaultArraySize = defaultArraySize;
    this.tpc = new TwoPhaseCommit(session);
    this.fetchDecimals = fetchDecimals;
  }

  Session session() {
    return session;
  }

  int cursorArraySize() {
    return defaultArraySize;
  }

  // ---- cursors and statements -------------------------------------------------------------

  @Override
  public AsyncCursor cursor() {
    return cursor(false);
  }

  @Override
  public AsyncCursor cursor(boolean scrollable) {
    checkConnected();
    return new CursorImpl(this, scrollable, defaultArraySize);
  }

  @Override
  public CompletableFuture<Long> execute(String sql, Object... params) {
    Object[] args = Statements.args(params);
    SqlBinds binds;
    try {
      binds = SqlText.checkStatement(sql, args.length);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (binds.named()) {
      BindPlan plan = BindPlan.positional(sql, binds, args, session.isOracle());
      return session.run("execute", s -> Statements.execute(this, sql, args, plan), DatabaseCall.EXECUTE,
          Session.COUNTED, sql, null);
    }
    return session.run("execute", s -> Statements.execute(this, sql, args), DatabaseCall.EXECUTE, Session.COUNTED,
        sql, null);
  }

  @Override
  public CompletableFuture<Long> executeMany(String sql, List<?> rows) {
    Statements.Batch batch;
    try {
      batch = Statements.checkBatch(sql, rows, session.isOracle());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return session.run("executeMany", s -> Statements.executeMany(this, batch), DatabaseCall.EXECUTE_MANY,
        Session.COUNTED, sql, null);
  }

  @Override
  public CompletableFuture<GeneratedKeys> executeReturningKeys(String sql, List<String> keyColumns, Object... params) {
    Object[] args = Statements.args(params);
    return checked(() -> {
      SqlText.checkStatement(sql, args.length);
      requireArgument(keyColumns, "keyColumns");
      for (String column : keyColumns) {
        if (column == null || column.isBlank()) {
          throw new InvalidArgumentException("keyColumns", "keyColumns must not contain null or blank names");
        }
      }
    }, () -> session.run("executeReturningKeys",
        s -> Statements.executeReturningKeys(this, sql, keyColumns.toArray(new String[0]), args),
        DatabaseCall.EXECUTE, result -> result instanceof GeneratedKeys keys ? keys.rowCount() : -1, sql, null));
  }

  @Override
  public CompletableFuture<Row> fetchOne(String sql, Object... params) {
    return fetchOne(sql, row -> row, params);
  }

  @Override
  public <T> CompletableFuture<T> fetchOne(String sql, RowMapper<T> mapper, Object... params) {
    Object[] args = Statements.args(params);
    SqlBinds binds;
    try {
      binds = checkQuery(sql, mapper, args);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    BindPlan plan = binds.named() ? BindPlan.positional(sql, binds, args, session.isOracle()) : null;
    return session.run("fetchOne", s -> {
      List<T> rows = Statements.query(this, sql, args, plan, 1, defaultArraySize, mapper);
      return rows.isEmpty() ? null : rows.get(0);
    }, DatabaseCall.FETCH_ONE, Session.ONE_OR_NONE, sql, null);
  }

  @Override
  public CompletableFuture<List<Row>> fetchMany(String sql, int numRows, Object... params) {
    return fetchMany(sql, numRows, row -> row, params);
  }

  @Override
  public <T> CompletableFuture<List<T>> fetchMany(String sql, int numRows, RowMapper<T> mapper, Object... params) {
    Object[] args = Statements.args(params);
    return queryPositional("fetchMany", sql, args, Math.max(0, numRows), defaultArraySize, mapper);
  }

  @Override
  public CompletableFuture<List<Row>> fetchAll(String sql, Object... params) {
    return fetchAll(sql, row -> row, params);
  }

  @Override
  public <T> CompletableFuture<List<T>> fetchAll(String sql, RowMapper<T> mapper, Object... params) {
    Object[] args = Statements.args(params);
    return queryPositional("fetchAll", sql, args, Integer.MAX_VALUE, defaultArraySize, mapper);
  }

  /** A query with positional values: {@code ?} placeholders bound as given, {@code :name} ones through a plan. */
  private <T> CompletableFuture<List<T>> queryPositional(String operation, String sql, Object[] args, int maxRows,
      int arraySize, RowMapper<T> mapper) {
    SqlBinds binds;
    try {
      binds = checkQuery(sql, mapper, args);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    BindPlan plan = binds.named() ? BindPlan.positional(sql, binds, args, session.isOracle()) : null;
    return session.run(operation, s -> Statements.query(this, sql, args, plan, maxRows, arraySize, mapper),
        observedAs(operation), Session.LISTED, sql, null);
  }

  @Override
  public Flow.Publisher<Row> stream(String sql, Object... params) {
    Object[] args = Statements.args(params);
    CursorImpl cursor = new CursorImpl(this, false, defaultArraySize);
    // Bad SQL or parameters reach the subscriber's onError, like any other failure of the stream.
    return new RowPublisher(cursor, () -> cursor.execute(sql, args), true);
  }

  @Override
  public <T> CompletableFuture<T> callFunc(String name, Class<T> returnType, Object... params) {
    Object[] args = Statements.args(params);
    return checked(() -> {
      SqlText.requireProcedureName(name);
      if (returnType == null) {
        throw new InvalidArgumentException("returnType", "returnType must not be null");
      }
    }, () -> session.run("callFunc " + name, s -> Statements.callFunc(this, name, returnType, args),
        DatabaseCall.CALL_FUNC, Session.NO_ROWS, null, name));
  }

  @Override
  public CompletableFuture<List<Object>> callProc(String name, Object... params) {
    Object[] args = Statements.args(params);
    return checked(() -> SqlText.requireProcedureName(name),
        () -> session.run("callProc " + name, s -> Statements.callProc(this, name, args),
            DatabaseCall.CALL_PROC, Session.NO_ROWS, null, name));
  }

  @Override
  public io.asyncoracle.Pipeline pipeline() {
    return new PipelineImpl(this);
  }

  /** The observed operation of a query shortcut. */
  private static String observedAs(String operation) {
    return switch (operation) {
      case "fetchOne" -> DatabaseCall.FETCH_ONE;
      case "fetchMany" -> DatabaseCall.FETCH_MANY;
      default -> DatabaseCall.FETCH_ALL;
    };
  }

  private static SqlBinds checkQuery(String sql, RowMapper<?> mapper, Object[] args) {
    SqlBinds binds = SqlText.checkStatement(sql, args.length);
    if (mapper == null) {
      throw new InvalidArgumentException("mapper", "mapper must not be null");
    }
    return binds;
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

  // ---- python-oracledb parity: named binds, shortcuts, keyword parameters, LOBs (issue 11) --------

  private volatile boolean fetchLobs;
  private volatile boolean fetchDecimals;
  private volatile NetworkAddress address;

  @Override
  public CompletableFuture<Long> execute(String sql, Map<String, ?> params) {
    BindPlan plan;
    try {
      plan = BindPlan.byName(sql, SqlText.checkText(sql), params, session.isOracle());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return session.run("execute", s -> Statements.execute(this, sql, null, plan), DatabaseCall.EXECUTE,
        Session.COUNTED, sql, null);
  }

  @Override
  public CompletableFuture<Row> fetchOne(String sql, Map<String, ?> params) {
    return fetchOne(sql, row -> row, params);
  }

  @Override
  public <T> CompletableFuture<T> fetchOne(String sql, RowMapper<T> mapper, Map<String, ?> params) {
    return queryNamed("fetchOne", sql, params, 1, defaultArraySize, mapper)
        .thenApply(rows -> rows.isEmpty() ? null : rows.get(0));
  }

  @Override
  public CompletableFuture<List<Row>> fetchMany(String sql) {
    return queryPositional("fetchMany", sql, Statements.args(null), defaultArraySize, defaultArraySize, row -> row);
  }

  @Override
  public CompletableFuture<List<Row>> fetchMany(String sql, List<?> params) {
    return queryPositional("fetchMany", sql, listArgs(params), defaultArraySize, defaultArraySize, row -> row);
  }

  @Override
  public CompletableFuture<List<Row>> fetchMany(String sql, Map<String, ?> params) {
    return queryNamed("fetchMany", sql, params, defaultArraySize, defaultArraySize, row -> row);
  }

  @Override
  public CompletableFuture<List<Row>> fetchMany(String sql, int numRows, Map<String, ?> params) {
    return fetchMany(sql, numRows, row -> row, params);
  }

  @Override
  public <T> CompletableFuture<List<T>> fetchMany(String sql, int numRows, RowMapper<T> mapper,
      Map<String, ?> params) {
    return queryNamed("fetchMany", sql, params, Math.max(0, numRows), defaultArraySize, mapper);
  }

  @Override
  public CompletableFuture<List<Row>> fetchAll(String sql, Map<String, ?> params) {
    return fetchAll(sql, row -> row, params);
  }

  @Override
  public <T> CompletableFuture<List<T>> fetchAll(String sql, RowMapper<T> mapper, Map<String, ?> params) {
    return queryNamed("fetchAll", sql, params, Integer.MAX_VALUE, defaultArraySize, mapper);
  }

  @Override
  public CompletableFuture<List<Row>> fetchAll(String sql, List<?> params, int arraySize) {
    return fetchAll(sql, params, arraySize, row -> row);
  }

  @Override
  public <T> CompletableFuture<List<T>> fetchAll(String sql, List<?> params, int arraySize, RowMapper<T> mapper) {
    if (arraySize < 1) {
      return arraySizeTooSmall(arraySize);
    }
    return queryPositional("fetchAll", sql, listArgs(params), Integer.MAX_VALUE, arraySize, mapper);
  }

  @Override
  public CompletableFuture<List<Row>> fetchAll(String sql, Map<String, ?> params, int arraySize) {
    if (arraySize < 1) {
      return arraySizeTooSmall(arraySize);
    }
    return queryNamed("fetchAll", sql, params, Integer.MAX_VALUE, arraySize, row -> row);
  }

  /** The failed call of a query given an array size below 1. */
  private static <T> CompletableFuture<T> arraySizeTooSmall(int arraySize) {
    return CompletableFuture.failedFuture(new InvalidArgumentException("arraySize",
        "arraySize must be at least 1, got " + arraySize));
  }

  @Override
  public Flow.Publisher<Row> stream(String sql, Map<String, ?> params) {
    CursorImpl cursor = new CursorImpl(this, false, defaultArraySize);
    return new RowPublisher(cursor, () -> cursor.execute(sql, params), true);
  }

  private <T> CompletableFuture<List<T>> queryNamed(String operation, String sql, Map<String, ?> params, int maxRows,
      int arraySize, RowMapper<T> mapper) {
    BindPlan plan;
    try {
      plan = BindPlan.byName(sql, SqlText.checkText(sql), params, session.isOracle());
      requireArgument(mapper, "mapper");
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return session.run(operation, s -> Statements.query(this, sql, null, plan, maxRows, arraySize, mapper),
        observedAs(operation), Session.LISTED, sql, null);
  }

  private static Object[] listArgs(List<?> params) {
    return params == null ? Statements.args(null) : params.toArray();
  }

  @Override
  public <T> CompletableFuture<T> callFunc(String name, Class<T> returnType, List<?> params,
      Map<String, ?> keywordParams) {
    Object[] args = listArgs(params);
    return checked(() -> {
      SqlText.requireProcedureName(name);
      requireArgument(returnType, "returnType");
      StoredCalls.checkKeywords(keywordParams);
    }, () -> session.run("callFunc " + name,
        s -> StoredCalls.callFunc(this, name, returnType, args, keywordParams), DatabaseCall.CALL_FUNC,
        Session.NO_ROWS, null, name));
  }

  @Override
  public CompletableFuture<List<Object>> callProc(String name, List<?> params, Map<String, ?> keywordParams) {
    Object[] args = listArgs(params);
    return checked(() -> {
      SqlText.requireProcedureName(name);
      StoredCalls.checkKeywords(keywordParams);
    }, () -> session.run("callProc " + name, s -> StoredCalls.callProc(this, name, args, keywordParams),
        DatabaseCall.CALL_PROC, Session.NO_ROWS, null, name));
  }

  @Override
  public CompletableFuture<AsyncLob> createLob(LobType type, Object initialData) {
    if (initialData == null) {
      return createLob(type);
    }
    return createLob(type).thenCompose(lob -> lob.write(initialData).handle((ignored, error) -> {
      if (error != null) {
        lob.close();
        throw error instanceof RuntimeException r ? r : new java.util.concurrent.CompletionException(error);
      }
      return lob;
    }));
  }

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

  // ---- transactions and lifecycle ---------------------------------------------------------

  @Override
  public CompletableFuture<Void> commit() {
    return session.run("commit", s -> {
      s.jdbc().commit();
      s.markClean();
      ReadOnlyTransactions.afterTransactionEnd(s);
      return null;
    }, DatabaseCall.COMMIT, Session.NO_ROWS, null, null);
  }

  @Override
  public CompletableFuture<Void> rollback() {
    return session.run("rollback", s -> {
      s.jdbc().rollback();
      s.markClean();
      ReadOnlyTransactions.afterTransactionEnd(s);
      return null;
    }, DatabaseCall.ROLLBACK, Session.NO_ROWS, null, null);
  }

  @Override
  public CompletableFuture<Void> ping() {
    return session.run("ping", s -> {
      if (!s.jdbc().isValid(0)) {
        throw new java.sql.SQLRecoverableException("ping: the database did not answer", "08006");
      }
      return null;
    });
  }

  @Override
  public boolean isHealthy() {
    return session.isHealthy();
  }

  @Override
  public void cancel() {
    checkConnected();
    session.cancel();
  }

  @Override
  public CompletableFuture<Void> close() {
    return session.release();
  }

  @Override
  public boolean isClosed() {
    return session.isReleased();
  }

  // ---- Oracle features --------------------------------------------------------------------

  @Override
  public CompletableFuture<Void> changePassword(String oldPassword, String newPassword) {
    return checked(() -> OracleSupport.checkPasswords(oldPassword, newPassword),
        () -> session.run("changePassword", s -> OracleSupport.changePassword(s, oldPassword, newPassword)));
  }

  @Override
  public CompletableFuture<AsyncLob> createLob(LobType type) {
    return checked(() -> requireArgument(type, "type"),
        () -> session.run("createLob", s -> LobImpl.create(s, type)));
  }

  @Override
  public CompletableFuture<DbObjectType> getType(String name) {
    return checked(() -> SqlText.requireProcedureName(name),
        () -> session.run("getType", s -> OracleSupport.getType(s, name)));
  }

  @Override
  public Xid xid(int formatId, String globalTransactionId, String branchQualifier) {
    checkConnected();
    return Xid.of(formatId, globalTransactionId, branchQualifier);
  }

  @Override
  public CompletableFuture<Void> tpcBegin(Xid xid) {
    return tpcBegin(xid, TpcBeginFlag.NEW, 0);
  }

  @Override
  public CompletableFuture<Void> tpcBegin(Xid xid, TpcBeginFlag flag, int timeoutSeconds) {
    return checked(() -> {
      requireArgument(xid, "xid");
      requireArgument(flag, "flag");
      if (timeoutSeconds < 0) {
        throw new InvalidArgumentException("timeoutSeconds", "timeoutSeconds must not be negative");
      }
    }, () -> session.run("tpcBegin", s -> tpc.begin(xid, flag, timeoutSeconds)));
  }

  @Override
  public CompletableFuture<Void> tpcEnd() {
    return tpcEnd(null, TpcEndFlag.NORMAL);
  }

  @Override
  public CompletableFuture<Void> tpcEnd(Xid xid, TpcEndFlag flag) {
    return checked(() -> requireArgument(flag, "flag"),
        () -> session.run("tpcEnd", s -> tpc.end(xid, flag)));
  }

  @Override
  public CompletableFuture<Boolean> tpcPrepare() {
    return tpcPrepare(null);
  }

  @Override
  public CompletableFuture<Boolean> tpcPrepare(Xid xid) {
    return session.run("tpcPrepare", s -> tpc.prepare(xid));
  }

  @Override
  public CompletableFuture<Void> tpcCommit() {
    return session.run("tpcCommit", s -> tpc.commit(null, false));
  }

  @Override
  public CompletableFuture<Void> tpcCommit(Xid xid, boolean onePhase) {
    return session.run("tpcCommit", s -> tpc.commit(xid, onePhase));
  }

  @Override
  public CompletableFuture<Void> tpcRollback() {
    return tpcRollback(null);
  }

  @Override
  public CompletableFuture<Void> tpcRollback(Xid xid) {
    return session.run("tpcRollback", s -> tpc.rollback(xid));
  }

  @Override
  public CompletableFuture<Void> tpcForget(Xid xid) {
    return checked(() -> requireArgument(xid, "xid"),
        () -> session.run("tpcForget", s -> tpc.forget(xid)));
  }

  @Override
  public CompletableFuture<List<Xid>> tpcRecover() {
    return session.run("tpcRecover", s -> tpc.recover());
  }

  @Override
  public byte[] encodeOson(Object value) {
    checkConnected();
    return Oson.encode(value);
  }

  @Override
  public Object decodeOson(byte[] data) {
    checkConnected();
    return Oson.decode(data);
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
    session.setClientInfo("OCSID.ACTION", action);
  }

  @Override
  public void setModule(String module) {
    checkConnected();
    if (module != null && module.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 48) {
      throw new InvalidArgumentException("module", "module must be at most 48 bytes (ORA-24960)");
    }
    session.setClientInfo(Session.MODULE, module);
  }

  @Override
  public void setClientIdentifier(String clientIdentifier) {
    checkConnected();
    checkEndToEnd("clientIdentifier", clientIdentifier);
    session.setClientInfo("OCSID.CLIENTID", clientIdentifier);
  }

  @Override
  public void setClientInfo(String clientInfo) {
    checkConnected();
    checkEndToEnd("clientInfo", clientInfo);
    session.setClientInfo("OCSID.CLIENT_INFO", clientInfo);
  }

  @Override
  public void setDbOp(String dbOp) {
    checkConnected();
    checkEndToEnd("dbOp", dbOp);
    session.setClientInfo("OCSID.DBOP", dbOp);
  }

  @Override
  public void setEcontextId(String econtextId) {
    checkConnected();
    if (econtextId != null && econtextId.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 64) {
      throw new InvalidArgumentException("econtextId", "econtextId must be at most 64 bytes");
    }
    session.setClientInfo("OCSID.ECID", econtextId);
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
      s.setAutocommitNow(autocommit);
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
      s.setTransactionIsolationNow(level);
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
      s.rememberSchema();
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
    session.setStmtCacheSize(size);
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

  @Override
  public String toString() {
    return "AsyncConnection[" + session.ownerName() + ", " + session.dsn() + (isClosed() ? ", closed" : "") + "]";
  }

  static List<Object> copy(Object[] values) {
    List<Object> list = new ArrayList<>(values.length);
    java.util.Collections.addAll(list, values);
    return list;
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
