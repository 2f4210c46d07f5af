package io.asyncoracle.internal;

import io.asyncoracle.AsyncCursor;
import io.asyncoracle.AsyncOracleException;
import io.asyncoracle.ColumnDescription;
import io.asyncoracle.DatabaseCall;
import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.Row;
import io.asyncoracle.ScrollMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A cursor: one statement and its result set, used only from the connection's lane. The fields
 * the application reads synchronously ({@link #description()}, {@link #rowCount()}) are volatile
 * and set before the call's future completes.
 */
final class CursorImpl implements AsyncCursor {

  private final ConnectionImpl connection;
  private final Session session;
  private final boolean scrollable;
  private volatile int arraySize;
  private volatile List<ColumnDescription> description = List.of();
  private volatile long rowCount = -1;
  private volatile boolean closed;

  // Confined to the lane.
  private PreparedStatement statement;
  private ResultSet resultSet;
  private RowReader reader;

  /** Rows a cursor's statement affected, for its observation; {@code -1} for a query (its rows come later). */
  private static final java.util.function.ToLongFunction<Object> CURSOR_ROWS = result -> {
    CursorImpl cursor = (CursorImpl) result;
    return cursor.reader != null ? -1 : cursor.rowCount;
  };

  CursorImpl(ConnectionImpl connection, boolean scrollable, int arraySize) {
    this.connection = connection;
    this.session = connection.session();
    this.scrollable = scrollable;
    this.arraySize = arraySize;
  }

  @Override
  public CompletableFuture<AsyncCursor> execute(String sql, Object... params) {
    Object[] args = Statements.args(params);
    return ConnectionImpl.checked(() -> {
      checkOpen();
      SqlText.checkStatement(sql, args.length);
    }, () -> session.run("execute", s -> {
      prepare(s, sql);
      Statements.bind(statement, args, 0, connection.inputTypeHandler());
      s.track(statement);
      boolean query = statement.execute();
      Statements.noteTransaction(s, sql, query);
      if (query) {
        resultSet = statement.getResultSet();
        reader = new RowReader(resultSet.getMetaData(), connection.outputTypeHandler());
        description = reader.columns();
        rowCount = 0;
      } else {
        description = List.of();
        rowCount = Math.max(0, statement.getLargeUpdateCount());
      }
      return this;
    }, DatabaseCall.EXECUTE, CURSOR_ROWS, sql, null));
  }

  @Override
  public CompletableFuture<AsyncCursor> executeMany(String sql, List<? extends List<?>> rows) {
    return ConnectionImpl.checked(() -> {
      checkOpen();
      Statements.checkBatch(sql, rows);
    }, () -> session.run("executeMany", s -> {
      prepare(s, sql);
      description = List.of();
      rowCount = rows.isEmpty() ? 0 : Statements.executeBatch(s, statement, rows, connection.inputTypeHandler());
      return this;
    }, DatabaseCall.EXECUTE_MANY, CURSOR_ROWS, sql, null));
  }

  private void prepare(Session s, String sql) throws SQLException {
    closeStatement();
    statement = scrollable
        ? s.jdbc().prepareStatement(sql, ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY)
        : s.jdbc().prepareStatement(sql);
    statement.setFetchSize(arraySize);
    s.opened(this, this::closeQuietly);
  }

  @Override
  public CompletableFuture<Row> fetchOne() {
    return fetch("fetchOne", 1).thenApply(rows -> rows.isEmpty() ? null : rows.get(0));
  }

  @Override
  public CompletableFuture<List<Row>> fetchMany() {
    return fetch("fetchMany", arraySize);
  }

  @Override
  public CompletableFuture<List<Row>> fetchMany(int numRows) {
    if (numRows < 1) {
      return CompletableFuture.failedFuture(new InvalidArgumentException("numRows",
          "numRows must be at least 1, got " + numRows));
    }
    return fetch("fetchMany", numRows);
  }

  @Override
  public CompletableFuture<List<Row>> fetchAll() {
    return fetch("fetchAll", Integer.MAX_VALUE);
  }

  /** Reads up to {@code max} rows on the lane. Used by the fetch methods and by streaming. */
  CompletableFuture<List<Row>> fetch(String operation, int max) {
    return ConnectionImpl.checked(this::checkOpen, () -> session.run(operation, s -> {
      requireResultSet(operation);
      s.track(statement);
      List<Row> rows = Statements.read(resultSet, reader, max);
      rowCount += rows.size();
      return rows;
    }));
  }

  private void requireResultSet(String operation) {
    if (resultSet == null) {
      throw new InvalidArgumentException("cursor", operation + ": no query has been executed on this cursor");
    }
  }

  @Override
  public Flow.Publisher<Row> stream() {
    return new RowPublisher(this, null, false);
  }

  @Override
  public CompletableFuture<Void> scroll(int value, ScrollMode mode) {
    return ConnectionImpl.checked(() -> {
      checkOpen();
      ConnectionImpl.requireArgument(mode, "mode");
      if (!scrollable) {
        throw new InvalidArgumentException("scroll", "scroll needs a cursor created with cursor(true)");
      }
    }, () -> session.run("scroll", s -> {
      requireResultSet("scroll");
      // The reference's position is the last row fetched; the next fetch returns the row scrolled
      // to. So move onto the target row to check it exists, then step back one.
      // JDBC reports row 0 once every row was fetched (after last); the last row fetched is then
      // the last row, so compute it before moving anywhere.
      boolean afterLast = resultSet.isAfterLast();
      int current = afterLast ? (resultSet.last() ? resultSet.getRow() : 0) : resultSet.getRow();
      int target = switch (mode) {
        case FIRST -> 1;
        case LAST -> resultSet.last() ? resultSet.getRow() : 0;
        case ABSOLUTE -> value;
        case RELATIVE -> current + value;
      };
      if (target < 1 || !resultSet.absolute(target)) {
        // A failed scroll leaves the cursor where it was.
        if (afterLast) {
          resultSet.afterLast();
        } else if (current > 0) {
          resultSet.absolute(current);
        } else {
          resultSet.beforeFirst();
        }
        throw new InvalidArgumentException("value", "scroll position " + target + " is out of range");
      }
      if (target == 1) {
        resultSet.beforeFirst();
      } else {
        resultSet.previous();
      }
      return null;
    }));
  }

  @Override
  public void setArraySize(int arraySize) {
    if (arraySize < 1) {
      throw new InvalidArgumentException("arraySize", "arraySize must be at least 1, got " + arraySize);
    }
    this.arraySize = arraySize;
  }

  @Override
  public int arraySize() {
    return arraySize;
  }

  @Override
  public List<ColumnDescription> description() {
    return description;
  }

  @Override
  public long rowCount() {
    return rowCount;
  }

  @Override
  public boolean scrollable() {
    return scrollable;
  }

  @Override
  public CompletableFuture<Void> close() {
    if (closed) {
      return CompletableFuture.completedFuture(null);
    }
    closed = true;
    if (session.isReleased()) {
      // Release closes every open cursor.
      return CompletableFuture.completedFuture(null);
    }
    return session.runInternal("close cursor", s -> {
      closeStatement();
      return null;
    });
  }

  @Override
  public boolean isClosed() {
    return closed || session.isReleased();
  }

  private void checkOpen() {
    if (closed) {
      throw new AsyncOracleException("the cursor is closed");
    }
  }

  private void closeStatement() throws SQLException {
    ResultSet rs = resultSet;
    PreparedStatement ps = statement;
    resultSet = null;
    statement = null;
    reader = null;
    session.closed(this);
    try {
      if (rs != null) {
        rs.close();
      }
    } finally {
      if (ps != null) {
        ps.close();
      }
    }
  }

  private void closeQuietly() {
    closed = true;
    try {
      closeStatement();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  Session session() {
    return session;
  }
}
