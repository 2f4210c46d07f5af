package io.asyncoracle.internal;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncCursor;
import io.asyncoracle.AsyncLob;
import io.asyncoracle.DatabaseCall;
import io.asyncoracle.DbObjectType;
import io.asyncoracle.GeneratedKeys;
import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.LobType;
import io.asyncoracle.Row;
import io.asyncoracle.RowMapper;
import io.asyncoracle.TpcBeginFlag;
import io.asyncoracle.TpcEndFlag;
import io.asyncoracle.Xid;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The {@link AsyncConnection} handed to applications. Each method checks its arguments, then hands
 * one {@link JdbcAction} to {@link Session#run(String, JdbcAction)}. The session attributes are in
 * {@link ConnectionAttributes}, the bodies of the statement shortcuts in {@link ConnectionShortcuts}.
 */
final class ConnectionImpl extends ConnectionAttributes {

  private final int defaultArraySize;
  /** Created on the first tpc call: most lends never use two-phase commit. */
  private TwoPhaseCommit tpc;

  ConnectionImpl(Session session, int defaultArraySize) {
    this(session, defaultArraySize, false);
  }

  /**
   * @param fetchDecimals the pool's {@code fetchDecimals}: the connection's starting setting
   */
  ConnectionImpl(Session session, int defaultArraySize, boolean fetchDecimals) {
    super(session, fetchDecimals);
    this.defaultArraySize = defaultArraySize;
  }

  Session session() {
    return session;
  }

  int cursorArraySize() {
    return defaultArraySize;
  }

  // ---- cursors and statements (bodies in ConnectionShortcuts) -------------------------------

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
    return ConnectionShortcuts.execute(this, sql, params);
  }

  @Override
  public CompletableFuture<Long> execute(String sql, Map<String, ?> params) {
    return ConnectionShortcuts.execute(this, sql, params);
  }

  @Override
  public CompletableFuture<Long> executeMany(String sql, List<?> rows) {
    return ConnectionShortcuts.executeMany(this, sql, rows);
  }

  @Override
  public CompletableFuture<GeneratedKeys> executeReturningKeys(String sql, List<String> keyColumns, Object... params) {
    return ConnectionShortcuts.executeReturningKeys(this, sql, keyColumns, params);
  }

  @Override
  public CompletableFuture<Row> fetchOne(String sql, Object... params) {
    return fetchOne(sql, row -> row, params);
  }

  @Override
  public <T> CompletableFuture<T> fetchOne(String sql, RowMapper<T> mapper, Object... params) {
    return ConnectionShortcuts.fetchOne(this, sql, mapper, params);
  }

  @Override
  public CompletableFuture<Row> fetchOne(String sql, Map<String, ?> params) {
    return fetchOne(sql, row -> row, params);
  }

  @Override
  public <T> CompletableFuture<T> fetchOne(String sql, RowMapper<T> mapper, Map<String, ?> params) {
    return ConnectionShortcuts.queryNamed(this, "fetchOne", sql, params, 1, defaultArraySize, mapper)
        .thenApply(rows -> rows.isEmpty() ? null : rows.get(0));
  }

  @Override
  public CompletableFuture<List<Row>> fetchMany(String sql, int numRows, Object... params) {
    return fetchMany(sql, numRows, row -> row, params);
  }

  @Override
  public <T> CompletableFuture<List<T>> fetchMany(String sql, int numRows, RowMapper<T> mapper, Object... params) {
    return ConnectionShortcuts.queryPositional(this, "fetchMany", sql, Statements.args(params), Math.max(0, numRows),
        defaultArraySize, mapper);
  }

  @Override
  public CompletableFuture<List<Row>> fetchMany(String sql) {
    return ConnectionShortcuts.queryPositional(this, "fetchMany", sql, Statements.args(null), defaultArraySize,
        defaultArraySize, row -> row);
  }

  @Override
  public CompletableFuture<List<Row>> fetchMany(String sql, List<?> params) {
    return ConnectionShortcuts.queryPositional(this, "fetchMany", sql, ConnectionShortcuts.listArgs(params),
        defaultArraySize, defaultArraySize, row -> row);
  }

  @Override
  public CompletableFuture<List<Row>> fetchMany(String sql, Map<String, ?> params) {
    return ConnectionShortcuts.queryNamed(this, "fetchMany", sql, params, defaultArraySize, defaultArraySize,
        row -> row);
  }

  @Override
  public CompletableFuture<List<Row>> fetchMany(String sql, int numRows, Map<String, ?> params) {
    return fetchMany(sql, numRows, row -> row, params);
  }

  @Override
  public <T> CompletableFuture<List<T>> fetchMany(String sql, int numRows, RowMapper<T> mapper,
      Map<String, ?> params) {
    return ConnectionShortcuts.queryNamed(this, "fetchMany", sql, params, Math.max(0, numRows), defaultArraySize,
        mapper);
  }

  @Override
  public CompletableFuture<List<Row>> fetchAll(String sql, Object... params) {
    return fetchAll(sql, row -> row, params);
  }

  @Override
  public <T> CompletableFuture<List<T>> fetchAll(String sql, RowMapper<T> mapper, Object... params) {
    return ConnectionShortcuts.queryPositional(this, "fetchAll", sql, Statements.args(params), Integer.MAX_VALUE,
        defaultArraySize, mapper);
  }

  @Override
  public CompletableFuture<List<Row>> fetchAll(String sql, Map<String, ?> params) {
    return fetchAll(sql, row -> row, params);
  }

  @Override
  public <T> CompletableFuture<List<T>> fetchAll(String sql, RowMapper<T> mapper, Map<String, ?> params) {
    return ConnectionShortcuts.queryNamed(this, "fetchAll", sql, params, Integer.MAX_VALUE, defaultArraySize, mapper);
  }

  @Override
  public CompletableFuture<List<Row>> fetchAll(String sql, List<?> params, int arraySize) {
    return fetchAll(sql, params, arraySize, row -> row);
  }

  @Override
  public <T> CompletableFuture<List<T>> fetchAll(String sql, List<?> params, int arraySize, RowMapper<T> mapper) {
    if (arraySize < 1) {
      return ConnectionShortcuts.arraySizeTooSmall(arraySize);
    }
    return ConnectionShortcuts.queryPositional(this, "fetchAll", sql, ConnectionShortcuts.listArgs(params),
        Integer.MAX_VALUE, arraySize, mapper);
  }

  @Override
  public CompletableFuture<List<Row>> fetchAll(String sql, Map<String, ?> params, int arraySize) {
    if (arraySize < 1) {
      return ConnectionShortcuts.arraySizeTooSmall(arraySize);
    }
    return ConnectionShortcuts.queryNamed(this, "fetchAll", sql, params, Integer.MAX_VALUE, arraySize, row -> row);
  }

  @Override
  public Flow.Publisher<Row> stream(String sql, Object... params) {
    Object[] args = Statements.args(params);
    CursorImpl cursor = new CursorImpl(this, false, defaultArraySize);
    // Bad SQL or parameters reach the subscriber's onError, like any other failure of the stream.
    return new RowPublisher(cursor, () -> cursor.execute(sql, args), true);
  }

  @Override
  public Flow.Publisher<Row> stream(String sql, Map<String, ?> params) {
    CursorImpl cursor = new CursorImpl(this, false, defaultArraySize);
    return new RowPublisher(cursor, () -> cursor.execute(sql, params), true);
  }

  @Override
  public <T> CompletableFuture<T> callFunc(String name, Class<T> returnType, Object... params) {
    return ConnectionShortcuts.callFunc(this, name, returnType, params);
  }

  @Override
  public <T> CompletableFuture<T> callFunc(String name, Class<T> returnType, List<?> params,
      Map<String, ?> keywordParams) {
    return ConnectionShortcuts.callFunc(this, name, returnType, params, keywordParams);
  }

  @Override
  public CompletableFuture<List<Object>> callProc(String name, Object... params) {
    return ConnectionShortcuts.callProc(this, name, params);
  }

  @Override
  public CompletableFuture<List<Object>> callProc(String name, List<?> params, Map<String, ?> keywordParams) {
    return ConnectionShortcuts.callProc(this, name, params, keywordParams);
  }

  @Override
  public io.asyncoracle.Pipeline pipeline() {
    return new PipelineImpl(this);
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

  // ---- transactions and lifecycle ---------------------------------------------------------

  @Override
  public CompletableFuture<Void> commit() {
    return session.run("commit", s -> {
      s.jdbc().commit();
      s.markClean();
      ReadOnlyTransactions.afterTransactionEnd(s);
      return null;
    }, DatabaseCall.COMMIT, LaneCall.NO_ROWS, null, null);
  }

  @Override
  public CompletableFuture<Void> rollback() {
    return session.run("rollback", s -> {
      s.jdbc().rollback();
      s.markClean();
      ReadOnlyTransactions.afterTransactionEnd(s);
      return null;
    }, DatabaseCall.ROLLBACK, LaneCall.NO_ROWS, null, null);
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
    }, () -> session.run("tpcBegin", s -> tpc().begin(xid, flag, timeoutSeconds)));
  }

  @Override
  public CompletableFuture<Void> tpcEnd() {
    return tpcEnd(null, TpcEndFlag.NORMAL);
  }

  @Override
  public CompletableFuture<Void> tpcEnd(Xid xid, TpcEndFlag flag) {
    return checked(() -> requireArgument(flag, "flag"),
        () -> session.run("tpcEnd", s -> tpc().end(xid, flag)));
  }

  @Override
  public CompletableFuture<Boolean> tpcPrepare() {
    return tpcPrepare(null);
  }

  @Override
  public CompletableFuture<Boolean> tpcPrepare(Xid xid) {
    return session.run("tpcPrepare", s -> tpc().prepare(xid));
  }

  @Override
  public CompletableFuture<Void> tpcCommit() {
    return session.run("tpcCommit", s -> tpc().commit(null, false));
  }

  @Override
  public CompletableFuture<Void> tpcCommit(Xid xid, boolean onePhase) {
    return session.run("tpcCommit", s -> tpc().commit(xid, onePhase));
  }

  @Override
  public CompletableFuture<Void> tpcRollback() {
    return tpcRollback(null);
  }

  @Override
  public CompletableFuture<Void> tpcRollback(Xid xid) {
    return session.run("tpcRollback", s -> tpc().rollback(xid));
  }

  @Override
  public CompletableFuture<Void> tpcForget(Xid xid) {
    return checked(() -> requireArgument(xid, "xid"),
        () -> session.run("tpcForget", s -> tpc().forget(xid)));
  }

  @Override
  public CompletableFuture<List<Xid>> tpcRecover() {
    return session.run("tpcRecover", s -> tpc().recover());
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

  @Override
  public String toString() {
    return "AsyncConnection[" + session.ownerName() + ", " + session.dsn() + (isClosed() ? ", closed" : "") + "]";
  }

  /** The two-phase commit state of this lend; runs on the lane, so no lock is needed. */
  private TwoPhaseCommit tpc() {
    TwoPhaseCommit t = tpc;
    if (t == null) {
      t = new TwoPhaseCommit(session);
      tpc = t;
    }
    return t;
  }
}
