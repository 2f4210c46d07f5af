package io.asyncoracle.internal;

import io.asyncoracle.AsyncCursor;
import io.asyncoracle.AsyncOracleException;
import io.asyncoracle.ColumnDescription;
import io.asyncoracle.DatabaseCall;
import io.asyncoracle.InputTypeHandler;
import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.MappedCursor;
import io.asyncoracle.OutputTypeHandler;
import io.asyncoracle.Row;
import io.asyncoracle.RowMapper;
import io.asyncoracle.ScrollMode;
import io.asyncoracle.UnsupportedFeatureException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A cursor: one statement and its result set, used only from the connection's lane. The fields
 * the application reads synchronously ({@link #description()}, {@link #rowCount()}) are volatile
 * and set before the call's future completes. The settings the application gives (array size,
 * input sizes, handlers...) are in {@link CursorSettings}; typed views are {@link MappedCursorImpl}.
 */
final class CursorImpl extends CursorSettings {

  private final Session session;
  private final boolean scrollable;
  private volatile List<ColumnDescription> description = List.of();
  private volatile long rowCount = -1;
  private static final long[] NO_COUNTS = new long[0];
  private volatile long[] arrayDmlRowCounts = NO_COUNTS;
  private volatile boolean closed;
  private volatile String statementText;
  private volatile String lastRowId;
  private volatile RowMapper<?> rowFactory;

  // Confined to the lane.
  private PreparedStatement statement;
  private ResultSet resultSet;
  private RowReader reader;
  /** The text {@link #statement} was prepared from, while it was only parsed (reused by the next execute). */
  private String parsedText;

  /** Rows a cursor's statement affected, for its observation; {@code -1} for a query (its rows come later). */
  private static final java.util.function.ToLongFunction<Object> CURSOR_ROWS = result -> {
    CursorImpl cursor = (CursorImpl) result;
    return cursor.reader != null ? -1 : cursor.rowCount;
  };

  CursorImpl(ConnectionImpl connection, boolean scrollable, int arraySize) {
    super(connection, arraySize);
    this.session = connection.session();
    this.scrollable = scrollable;
  }

  // ---- execute ------------------------------------------------------------------------------

  @Override
  public CompletableFuture<AsyncCursor> execute(String sql, Object... params) {
    Object[] args = Statements.args(params);
    BindPlan[] plan = new BindPlan[1];
    return ConnectionImpl.checked(() -> {
      checkOpen();
      SqlBinds binds = SqlText.checkStatement(sql, args.length);
      refuseNamedSizesForPositionalValues();
      if (binds.named()) {
        plan[0] = BindPlan.positional(sql, binds, args, session.isOracle());
      }
    }, () -> run(sql, plan[0] == null ? sql : plan[0].sql, plan[0] == null ? args : plan[0].values, plan[0],
        plan[0] == null ? inputSizes : plan[0].positionalTypes(inputSizes)));
  }

  @Override
  public CompletableFuture<AsyncCursor> execute(String sql, Map<String, ?> params) {
    BindPlan[] plan = new BindPlan[1];
    SQLType[][] types = new SQLType[1][];
    return ConnectionImpl.checked(() -> {
      checkOpen();
      plan[0] = BindPlan.byName(sql, SqlText.checkText(sql), params, session.isOracle());
      types[0] = typesByName(sql, plan[0]);
    }, () -> run(sql, plan[0].sql, plan[0].values, plan[0], types[0]));
  }

  private CompletableFuture<AsyncCursor> run(String sql, String jdbcSql, Object[] values, BindPlan plan,
      SQLType[] types) {
    statementText = sql;
    InputTypeHandler inputs = inputHandler();
    OutputTypeHandler outputs = outputHandler();
    boolean lobs = effectiveFetchLobs();
    boolean decimals = effectiveFetchDecimals();
    return session.run("execute", s -> {
      // Only where ojdbc's RETURNING ROWID rewrite gives valid SQL (not INSERT ... SELECT, INSERT ALL...).
      boolean wantRowId = s.isOracle() && !scrollable && SqlText.singleRowInsert(jdbcSql);
      prepare(s, jdbcSql, wantRowId);
      arrayDmlRowCounts = NO_COUNTS;
      if (plan == null) {
        Statements.bind(statement, values, 0, inputs, types);
      } else {
        plan.bind(statement, values, inputs, types);
      }
      s.track(statement);
      boolean query = statement.execute();
      Statements.noteTransaction(s, sql, query);
      lastRowId = null;
      if (query) {
        resultSet = statement.getResultSet();
        if (prefetchRows >= 0) {
          resultSet.setFetchSize(arraySize);
        }
        reader = new RowReader(resultSet.getMetaData(), outputs).fetchingLobs(lobs ? s : null)
            .fetchingDecimals(decimals);
        TemporaryLobs.noteQuery(s, reader);
        description = reader.columns();
        rowCount = 0;
      } else {
        description = List.of();
        rowCount = Math.max(0, statement.getLargeUpdateCount());
        if (wantRowId) {
          lastRowId = OracleSupport.generatedRowId(statement);
        }
      }
      return (AsyncCursor) this;
    }, DatabaseCall.EXECUTE, CURSOR_ROWS, sql, null);
  }

  @Override
  public CompletableFuture<AsyncCursor> executeMany(String sql, List<?> rows) {
    BatchStatements.Batch[] batch = new BatchStatements.Batch[1];
    return ConnectionImpl.checked(() -> {
      checkOpen();
      batch[0] = BatchStatements.checkBatch(sql, rows, session.isOracle());
      if (!rows.isEmpty() && rows.get(0) instanceof List<?>) {
        refuseNamedSizesForPositionalValues();
      }
    }, () -> {
      statementText = sql;
      // Rows by name take the sizes given by name, laid out as the plan binds them.
      SQLType[] sizes = batch[0].plan() != null && rows.get(0) instanceof Map<?, ?>
          ? typesByName(sql, batch[0].plan()) : inputSizes;
      int size = batchSize;
      InputTypeHandler inputs = inputHandler();
      return session.run("executeMany", s -> {
        if (batch[0].rows().isEmpty()) {
          // As the reference: nothing to run, no round trip, success.
          closeStatement();
          description = List.of();
          rowCount = 0;
          arrayDmlRowCounts = NO_COUNTS;
          return (AsyncCursor) this;
        }
        prepare(s, batch[0].sql(), false);
        description = List.of();
        long[] processed = new long[1];
        arrayDmlRowCounts = NO_COUNTS;
        try {
          long[] counts = BatchStatements.executeBatchCounts(s, statement, batch[0], inputs, sizes, size, processed);
          arrayDmlRowCounts = counts;
          rowCount = BatchStatements.total(counts);
        } catch (SQLException | RuntimeException e) {
          rowCount = processed[0];
          throw e;
        }
        return (AsyncCursor) this;
      }, DatabaseCall.EXECUTE_MANY, CURSOR_ROWS, sql, null);
    });
  }

  @Override
  public CompletableFuture<AsyncCursor> executeMany(String sql, int numIterations) {
    return ConnectionImpl.checked(() -> {
      checkOpen();
      SqlText.checkStatement(sql, 0);
      if (numIterations < 0) {
        throw new InvalidArgumentException("numIterations", "numIterations must not be negative, got " + numIterations);
      }
    }, () -> {
      statementText = sql;
      int size = batchSize;
      return session.run("executeMany", s -> {
        description = List.of();
        if (numIterations == 0) {
          closeStatement();
          rowCount = 0;
          return (AsyncCursor) this;
        }
        prepare(s, sql, false);
        arrayDmlRowCounts = NO_COUNTS;
        long[] processed = new long[1];
        try {
          rowCount = BatchStatements.executeIterations(s, statement, numIterations, size, processed);
        } catch (SQLException | RuntimeException e) {
          rowCount = processed[0];
          throw e;
        }
        return (AsyncCursor) this;
      }, DatabaseCall.EXECUTE_MANY, CURSOR_ROWS, sql, null);
    });
  }

  @Override
  public CompletableFuture<Void> parse(String sql) {
    return ConnectionImpl.checked(() -> {
      checkOpen();
      SqlText.checkText(sql);
    }, () -> {
      statementText = sql;
      SqlBinds binds = SqlText.binds(sql);
      String jdbcSql = binds.named() && !session.isOracle() ? binds.rewritten : sql;
      return session.run("parse", s -> {
        prepare(s, jdbcSql, false);
        parsedText = jdbcSql;
        ResultSetMetaData md = statement.getMetaData();
        description = md == null || md.getColumnCount() == 0 ? List.of() : Statements.describe(md);
        return null;
      });
    });
  }

  private void prepare(Session s, String jdbcSql, boolean wantRowId) throws SQLException {
    if (statement != null && jdbcSql.equals(parsedText) && !wantRowId) {
      // Parsed by parse(): execute what was prepared.
      parsedText = null;
      statement.clearParameters();
      statement.setFetchSize(firstFetchSize());
      return;
    }
    closeStatement();
    if (scrollable) {
      statement = s.jdbc().prepareStatement(jdbcSql, ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY);
    } else if (wantRowId) {
      statement = s.jdbc().prepareStatement(jdbcSql, Statement.RETURN_GENERATED_KEYS);
    } else {
      statement = s.jdbc().prepareStatement(jdbcSql);
    }
    statement.setFetchSize(firstFetchSize());
    s.changes().opened(this, this::closeQuietly);
  }

  // ---- fetch --------------------------------------------------------------------------------

  @Override
  public CompletableFuture<Row> fetchOne() {
    return fetch("fetchOne", 1).thenApply(rows -> rows.isEmpty() ? null : rows.get(0));
  }

  @Override
  public CompletableFuture<List<Row>> fetchMany() {
    return ConnectionImpl.checked(this::checkOpen, () -> fetch("fetchMany", arraySize));
  }

  @Override
  public CompletableFuture<List<Row>> fetchMany(int numRows) {
    return fetch("fetchMany", numRows);
  }

  @Override
  public CompletableFuture<List<Row>> fetchAll() {
    return fetch("fetchAll", Integer.MAX_VALUE);
  }

  /** Reads up to {@code max} rows on the lane. Used by the fetch methods and by streaming. */
  CompletableFuture<List<Row>> fetch(String operation, int max) {
    return fetchMapped(operation, max, null);
  }

  /** Reads up to {@code max} rows on the lane, mapped there by {@code mapper} if given. */
  <T> CompletableFuture<List<T>> fetchMapped(String operation, int max, RowMapper<T> mapper) {
    return ConnectionImpl.checked(this::checkOpen, () -> {
      if (max <= 0) {
        // As the reference: fetchmany(0) and negative counts fetch nothing.
        return CompletableFuture.completedFuture(List.of());
      }
      return session.run(operation, s -> {
        requireResultSet(operation);
        s.track(statement);
        List<Row> rows = Statements.read(resultSet, reader, max);
        rowCount += rows.size();
        if (mapper == null) {
          @SuppressWarnings("unchecked")
          List<T> same = (List<T>) rows;
          return same;
        }
        List<T> mapped = new ArrayList<>(rows.size());
        for (Row row : rows) {
          mapped.add(mapper.map(row));
        }
        return mapped;
      });
    });
  }

  private void requireResultSet(String operation) {
    if (resultSet == null) {
      throw new InvalidArgumentException("cursor", operation + ": no query has been executed on this cursor");
    }
  }

  @Override
  public Flow.Publisher<Row> stream() {
    checkOpen();
    return new RowPublisher(this, null, false);
  }

  @Override
  public <T> MappedCursor<T> withRowFactory(RowMapper<T> factory) {
    checkOpen();
    ConnectionImpl.requireArgument(factory, "rowFactory");
    this.rowFactory = factory;
    return new MappedCursorImpl<>(this, factory);
  }

  @Override
  public RowMapper<?> rowFactory() {
    checkOpen();
    return rowFactory;
  }

  // ---- scroll -------------------------------------------------------------------------------

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
      // The reference's position is the last row fetched (rowCount); the next fetch returns the
      // row scrolled to, and rowCount is then its number. So move onto the target row to check it
      // exists, then step back one. JDBC reports row 0 once every row was fetched (after last); the
      // last row fetched is then the last row, so compute it before moving anywhere.
      boolean afterLast = resultSet.isAfterLast();
      int current = afterLast ? (resultSet.last() ? resultSet.getRow() : 0) : resultSet.getRow();
      if ((mode == ScrollMode.FIRST || mode == ScrollMode.LAST) && !resultSet.first()) {
        // An empty result: the reference does not fail; the next fetch returns no rows.
        resultSet.afterLast();
        rowCount = 0;
        return null;
      }
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
      rowCount = target - 1;
      return null;
    }));
  }

  // ---- attributes ---------------------------------------------------------------------------

  @Override
  public List<ColumnDescription> description() {
    checkOpen();
    return description;
  }

  @Override
  public long rowCount() {
    return isClosed() ? -1 : rowCount;
  }

  @Override
  public long[] arrayDmlRowCounts() {
    checkOpen();
    return arrayDmlRowCounts.clone();
  }

  @Override
  public String statement() {
    checkOpen();
    return statementText;
  }

  @Override
  public String lastRowId() {
    checkOpen();
    if (!session.isOracle()) {
      throw new UnsupportedFeatureException("lastRowId", session.describeDatabase());
    }
    return lastRowId;
  }

  @Override
  public boolean scrollable() {
    return scrollable;
  }

  // ---- close --------------------------------------------------------------------------------

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (session.isReleased()) {
      // Release closes every open cursor.
      return;
    }
    session.runInternal("close cursor", s -> {
      closeStatement();
      return null;
    });
  }

  @Override
  public boolean isClosed() {
    return closed || session.isReleased();
  }

  @Override
  void checkOpen() {
    if (closed) {
      throw new AsyncOracleException("the cursor is closed");
    }
    if (session.isReleased()) {
      throw new AsyncOracleException("the cursor's connection is closed");
    }
  }

  private void closeStatement() throws SQLException {
    ResultSet rs = resultSet;
    PreparedStatement ps = statement;
    resultSet = null;
    statement = null;
    reader = null;
    parsedText = null;
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

  /** The JDBC fetch sizes of the statement and result set, for tests of {@code prefetchRows}. */
  CompletableFuture<int[]> jdbcFetchSizes() {
    return session.run("fetch sizes", s -> new int[] {statement.getFetchSize(),
        resultSet == null ? -1 : resultSet.getFetchSize()});
  }

  Session session() {
    return session;
  }
}
