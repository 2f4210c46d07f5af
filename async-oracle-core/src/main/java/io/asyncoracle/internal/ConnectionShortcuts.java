package io.asyncoracle.internal;

import static io.asyncoracle.internal.ConnectionAttributes.checked;
import static io.asyncoracle.internal.ConnectionAttributes.requireArgument;

import io.asyncoracle.DatabaseCall;
import io.asyncoracle.GeneratedKeys;
import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.RowMapper;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The connection's one-call shortcuts ({@code execute}, {@code fetch*}, {@code callFunc},
 * {@code callProc}): check the arguments, plan the binds, then run one action on the session's lane.
 * Stateless; {@link ConnectionImpl} delegates to it.
 */
final class ConnectionShortcuts {

  private ConnectionShortcuts() {}

  static CompletableFuture<Long> execute(ConnectionImpl conn, String sql, Object[] params) {
    Object[] args = Statements.args(params);
    SqlBinds binds;
    try {
      binds = SqlText.checkStatement(sql, args.length);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    Session session = conn.session;
    if (binds.named()) {
      BindPlan plan = BindPlan.positional(sql, binds, args, session.isOracle());
      return session.run("execute", s -> Statements.execute(conn, sql, args, plan), DatabaseCall.EXECUTE,
          LaneCall.COUNTED, sql, null);
    }
    return session.run("execute", s -> Statements.execute(conn, sql, args), DatabaseCall.EXECUTE, LaneCall.COUNTED,
        sql, null);
  }

  static CompletableFuture<Long> execute(ConnectionImpl conn, String sql, Map<String, ?> params) {
    Session session = conn.session;
    BindPlan plan;
    try {
      plan = BindPlan.byName(sql, SqlText.checkText(sql), params, session.isOracle());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return session.run("execute", s -> Statements.execute(conn, sql, null, plan), DatabaseCall.EXECUTE,
        LaneCall.COUNTED, sql, null);
  }

  static CompletableFuture<Long> executeMany(ConnectionImpl conn, String sql, List<?> rows) {
    BatchStatements.Batch batch;
    try {
      batch = BatchStatements.checkBatch(sql, rows, conn.session.isOracle());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return conn.session.run("executeMany", s -> BatchStatements.executeMany(conn, batch), DatabaseCall.EXECUTE_MANY,
        LaneCall.COUNTED, sql, null);
  }

  static CompletableFuture<GeneratedKeys> executeReturningKeys(ConnectionImpl conn, String sql,
      List<String> keyColumns, Object[] params) {
    Object[] args = Statements.args(params);
    return checked(() -> {
      SqlText.checkStatement(sql, args.length);
      requireArgument(keyColumns, "keyColumns");
      for (String column : keyColumns) {
        if (column == null || column.isBlank()) {
          throw new InvalidArgumentException("keyColumns", "keyColumns must not contain null or blank names");
        }
      }
    }, () -> conn.session.run("executeReturningKeys",
        s -> Statements.executeReturningKeys(conn, sql, keyColumns.toArray(new String[0]), args),
        DatabaseCall.EXECUTE, result -> result instanceof GeneratedKeys keys ? keys.rowCount() : -1, sql, null));
  }

  static <T> CompletableFuture<T> fetchOne(ConnectionImpl conn, String sql, RowMapper<T> mapper, Object[] params) {
    Object[] args = Statements.args(params);
    SqlBinds binds;
    try {
      binds = checkQuery(sql, mapper, args);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    Session session = conn.session;
    BindPlan plan = binds.named() ? BindPlan.positional(sql, binds, args, session.isOracle()) : null;
    return session.run("fetchOne", s -> {
      List<T> rows = Statements.query(conn, sql, args, plan, 1, conn.cursorArraySize(), mapper);
      return rows.isEmpty() ? null : rows.get(0);
    }, DatabaseCall.FETCH_ONE, LaneCall.ONE_OR_NONE, sql, null);
  }

  /** A query with positional values: {@code ?} placeholders bound as given, {@code :name} ones through a plan. */
  static <T> CompletableFuture<List<T>> queryPositional(ConnectionImpl conn, String operation, String sql,
      Object[] args, int maxRows, int arraySize, RowMapper<T> mapper) {
    SqlBinds binds;
    try {
      binds = checkQuery(sql, mapper, args);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    Session session = conn.session;
    BindPlan plan = binds.named() ? BindPlan.positional(sql, binds, args, session.isOracle()) : null;
    return session.run(operation, s -> Statements.query(conn, sql, args, plan, maxRows, arraySize, mapper),
        observedAs(operation), LaneCall.LISTED, sql, null);
  }

  /** A query with values by name. */
  static <T> CompletableFuture<List<T>> queryNamed(ConnectionImpl conn, String operation, String sql,
      Map<String, ?> params, int maxRows, int arraySize, RowMapper<T> mapper) {
    Session session = conn.session;
    BindPlan plan;
    try {
      plan = BindPlan.byName(sql, SqlText.checkText(sql), params, session.isOracle());
      requireArgument(mapper, "mapper");
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return session.run(operation, s -> Statements.query(conn, sql, null, plan, maxRows, arraySize, mapper),
        observedAs(operation), LaneCall.LISTED, sql, null);
  }

  /** The failed call of a query given an array size below 1. */
  static <T> CompletableFuture<T> arraySizeTooSmall(int arraySize) {
    return CompletableFuture.failedFuture(new InvalidArgumentException("arraySize",
        "arraySize must be at least 1, got " + arraySize));
  }

  static Object[] listArgs(List<?> params) {
    return params == null ? Statements.args(null) : params.toArray();
  }

  static <T> CompletableFuture<T> callFunc(ConnectionImpl conn, String name, Class<T> returnType, Object[] params) {
    Object[] args = Statements.args(params);
    return checked(() -> {
      SqlText.requireProcedureName(name);
      if (returnType == null) {
        throw new InvalidArgumentException("returnType", "returnType must not be null");
      }
    }, () -> conn.session.run("callFunc " + name, s -> Statements.callFunc(conn, name, returnType, args),
        DatabaseCall.CALL_FUNC, LaneCall.NO_ROWS, null, name));
  }

  static <T> CompletableFuture<T> callFunc(ConnectionImpl conn, String name, Class<T> returnType, List<?> params,
      Map<String, ?> keywordParams) {
    Object[] args = listArgs(params);
    return checked(() -> {
      SqlText.requireProcedureName(name);
      requireArgument(returnType, "returnType");
      StoredCalls.checkKeywords(keywordParams);
    }, () -> conn.session.run("callFunc " + name,
        s -> StoredCalls.callFunc(conn, name, returnType, args, keywordParams), DatabaseCall.CALL_FUNC,
        LaneCall.NO_ROWS, null, name));
  }

  static CompletableFuture<List<Object>> callProc(ConnectionImpl conn, String name, Object[] params) {
    Object[] args = Statements.args(params);
    return checked(() -> SqlText.requireProcedureName(name),
        () -> conn.session.run("callProc " + name, s -> Statements.callProc(conn, name, args),
            DatabaseCall.CALL_PROC, LaneCall.NO_ROWS, null, name));
  }

  static CompletableFuture<List<Object>> callProc(ConnectionImpl conn, String name, List<?> params,
      Map<String, ?> keywordParams) {
    Object[] args = listArgs(params);
    return checked(() -> {
      SqlText.requireProcedureName(name);
      StoredCalls.checkKeywords(keywordParams);
    }, () -> conn.session.run("callProc " + name, s -> StoredCalls.callProc(conn, name, args, keywordParams),
        DatabaseCall.CALL_PROC, LaneCall.NO_ROWS, null, name));
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
}
