package io.asyncoracle;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A cursor on an {@link AsyncConnection}, made synchronously by {@link AsyncConnection#cursor()}.
 * Its calls run on the connection in the order they are made. A cursor holds one statement at a
 * time: {@code execute} closes the previous one.
 *
 * <p>Bind placeholders are JDBC's {@code ?} or Oracle's {@code :name} and {@code :1}: give values by
 * position ({@code Object...}, a {@link List} row) or by name (a {@link Map}; unquoted names match
 * ignoring case, every occurrence of a name binds the same value). A missing or unknown name fails
 * the call with {@link InvalidArgumentException} naming it, before anything is sent.
 *
 * <p>A cursor is {@link AutoCloseable}: {@link #close()} is synchronous, as in the reference.
 * Every method of a closed cursor fails with {@link AsyncOracleException}, except
 * {@link #isClosed()}, {@link #scrollable()}, {@link #close()} and {@link #rowCount()} (then -1).
 */
public interface AsyncCursor extends AutoCloseable {

  /**
   * Executes a statement. For a query, rows are then fetched with {@code fetch*} or {@link #stream()};
   * for DML, {@link #rowCount()} tells how many rows it touched.
   *
   * @param sql the statement, not {@code null}
   * @param params the positional bind values
   * @return a future of this cursor
   */
  CompletableFuture<AsyncCursor> execute(String sql, Object... params);

  /**
   * Executes a statement with values bound by name ({@code :name} placeholders).
   *
   * @param sql the statement, not {@code null}
   * @param params the values by name, without the colon
   * @return a future of this cursor
   */
  CompletableFuture<AsyncCursor> execute(String sql, Map<String, ?> params);

  /**
   * Executes a statement once per parameter row, {@link #batchSize()} rows per round trip.
   * {@link #rowCount()} is then the total number of rows touched; if a row fails, the number of
   * rows processed before it. An empty list runs nothing (no round trip) and succeeds.
   *
   * @param sql the statement, not {@code null}
   * @param rows one {@link List} (values by position) or {@link Map} (values by name) per
   *     execution, all of one kind; anything else fails with {@link InvalidArgumentException}
   * @return a future of this cursor
   */
  CompletableFuture<AsyncCursor> executeMany(String sql, List<?> rows);

  /**
   * Executes a statement without bind values {@code numIterations} times in one batch (the
   * reference's {@code executemany(sql, n)}).
   *
   * @param sql the statement, with no bind placeholders
   * @param numIterations how many times; 0 runs nothing
   * @return a future of this cursor
   */
  CompletableFuture<AsyncCursor> executeMany(String sql, int numIterations);

  /**
   * Prepares a statement without running it, so errors in it show early and, for a query,
   * {@link #description()} tells its columns. An {@code execute} of the same text next runs what
   * was prepared.
   *
   * @param sql the statement
   * @return a future that completes when parsed
   */
  CompletableFuture<Void> parse(String sql);

  /**
   * Returns the text of the statement last given to {@code execute}, {@code executeMany} or
   * {@link #parse(String)} (the reference's {@code statement}).
   *
   * @return the statement, or {@code null} if none was given
   */
  String statement();

  /**
   * Returns the ROWID of the row the last INSERT on this cursor added (the reference's
   * {@code lastrowid}); {@code null} when the last statement was no INSERT (or added no row).
   * <em>Oracle only.</em> Known for single-row {@code INSERT INTO t [(columns)] VALUES (...)} on a
   * non-scrollable cursor, the one shape to which ojdbc can add {@code RETURNING ROWID}: for
   * {@code INSERT ... SELECT}, {@code INSERT ALL}, multi-row {@code VALUES}, an INSERT with its own
   * RETURNING clause or one through a database link it is {@code null}, and the statement runs as written.
   *
   * @return the ROWID as text, or {@code null}
   * @throws UnsupportedFeatureException on other databases
   */
  String lastRowId();

  /**
   * Sets the types of the bind values of the next statements, by position (the reference's
   * {@code setinputsizes}): chiefly so that a {@code null} binds with the column's type. Each
   * entry is a {@link java.sql.SQLType} (such as {@link java.sql.JDBCType#NUMERIC}), a Java
   * {@link Class}, a {@link LobType}, an {@link Integer} (a string of that size) or {@code null}
   * (bound as the value says). No arguments clears them. {@code executeMany} binds a null of a
   * column without an input size with the type of the column's first non-null value.
   *
   * @param types the types, in bind order
   * @throws InvalidArgumentException for an entry of another kind
   */
  void setInputSizes(Object... types);

  /**
   * Sets the types of the bind values of the next statements, by bind name.
   *
   * @param types the types by bind name, each as in {@link #setInputSizes(Object...)}
   * @throws InvalidArgumentException for an entry of another kind
   */
  void setInputSizes(Map<String, ?> types);

  /**
   * Fetches the next row.
   *
   * @return a future of the row, or of {@code null} when no row is left
   */
  CompletableFuture<Row> fetchOne();

  /**
   * Fetches up to {@link #arraySize()} rows.
   *
   * @return a future of the rows; empty when no row is left
   */
  CompletableFuture<List<Row>> fetchMany();

  /**
   * Fetches up to {@code numRows} rows.
   *
   * @param numRows the maximum number of rows; 0 or less fetches nothing, as in the reference
   * @return a future of the rows; empty when no row is left
   */
  CompletableFuture<List<Row>> fetchMany(int numRows);

  /**
   * Fetches every remaining row.
   *
   * @return a future of the rows
   */
  CompletableFuture<List<Row>> fetchAll();

  /**
   * Streams the remaining rows of the executed query with backpressure: rows are read from the
   * database only as the subscriber requests them, at most {@link #arraySize()} at a time, so a
   * slow subscriber never makes the cursor buffer the whole result. One subscriber per cursor.
   *
   * @return a publisher of the rows
   */
  Flow.Publisher<Row> stream();

  /**
   * Sets the cursor's row factory (the reference's {@code rowfactory}) and returns a view of the
   * cursor whose fetches return what it makes of each row. It runs on the worker that fetched the
   * row, so it must not block on other futures.
   *
   * @param rowFactory turns a row into an object
   * @param <T> the type it makes
   * @return the typed view
   */
  <T> MappedCursor<T> withRowFactory(RowMapper<T> rowFactory);

  /**
   * Returns the row factory last set with {@link #withRowFactory(RowMapper)}.
   *
   * @return the row factory, or {@code null}
   */
  RowMapper<?> rowFactory();

  /**
   * Moves a scrollable cursor (see {@link AsyncConnection#cursor(boolean)}).
   *
   * @param value the row count or row number, depending on the mode
   * @param mode how to move
   * @return a future that completes when moved; failed if the cursor is not scrollable or the
   *     position is out of range. {@link ScrollMode#FIRST} and {@link ScrollMode#LAST} on an empty
   *     result succeed (the next fetch returns no rows). Afterwards {@link #rowCount()} is the
   *     position, the number of the row before the one the next fetch returns, as in the
   *     reference: {@code scroll(k - rowCount(), RELATIVE)} makes the next fetch return row {@code k}.
   */
  CompletableFuture<Void> scroll(int value, ScrollMode mode);

  /**
   * Sets how many rows each round trip fetches (the JDBC fetch size), and the default of
   * {@link #fetchMany()}. Defaults to {@link PoolOptions#arraySize()}.
   *
   * @param arraySize at least 1
   * @throws InvalidArgumentException if {@code arraySize < 1}
   */
  void setArraySize(int arraySize);

  /**
   * Returns how many rows each round trip fetches.
   *
   * @return the array size
   */
  int arraySize();

  /**
   * Sets how many rows the first round trip of a query fetches (the reference's
   * {@code prefetchrows}); later round trips fetch {@link #arraySize()}. JDBC's smallest fetch
   * size is 1, so 0 prefetches one row. Until set, it follows the array size.
   *
   * @param prefetchRows at least 0
   * @throws InvalidArgumentException if negative
   */
  void setPrefetchRows(int prefetchRows);

  /**
   * Returns how many rows the first round trip of a query fetches.
   *
   * @return the prefetch rows
   */
  int prefetchRows();

  /**
   * Sets how many rows of an {@code executeMany} go to the database per round trip (the
   * reference's {@code batch_size}). Defaults to all of them.
   *
   * @param batchSize at least 1
   * @throws InvalidArgumentException if less than 1
   */
  void setBatchSize(int batchSize);

  /**
   * Returns how many rows of an {@code executeMany} go per round trip.
   *
   * @return the batch size
   */
  int batchSize();

  /**
   * Sets this cursor's own input type handler, used instead of the connection's (the reference's
   * {@code cursor.inputtypehandler}).
   *
   * @param handler the handler, or {@code null} to use the connection's
   */
  void setInputTypeHandler(InputTypeHandler handler);

  /**
   * Returns this cursor's own input type handler.
   *
   * @return the handler, or {@code null} when the connection's applies
   */
  InputTypeHandler inputTypeHandler();

  /**
   * Sets this cursor's own output type handler, used instead of the connection's for queries
   * executed after it (the reference's {@code cursor.outputtypehandler}).
   *
   * @param handler the handler, or {@code null} to use the connection's
   */
  void setOutputTypeHandler(OutputTypeHandler handler);

  /**
   * Returns this cursor's own output type handler.
   *
   * @return the handler, or {@code null} when the connection's applies
   */
  OutputTypeHandler outputTypeHandler();

  /**
   * Sets whether queries executed on this cursor return LOB columns as {@link AsyncLob} locators
   * (read in parts) rather than their content, overriding the connection's
   * {@link AsyncConnection#setFetchLobs(boolean)} (the reference's {@code fetch_lobs}).
   *
   * @param fetchLobs whether to fetch LOB locators
   */
  void setFetchLobs(boolean fetchLobs);

  /**
   * Returns whether queries on this cursor return LOB locators.
   *
   * @return the setting, the connection's unless set on the cursor
   */
  boolean fetchLobs();

  /**
   * Sets whether queries executed on this cursor return number columns as
   * {@link java.math.BigDecimal}, overriding the connection's
   * {@link AsyncConnection#setFetchDecimals(boolean)} (the reference's {@code fetch_decimals}).
   *
   * @param fetchDecimals whether to fetch numbers as {@code BigDecimal}
   */
  void setFetchDecimals(boolean fetchDecimals);

  /**
   * Returns whether queries on this cursor return number columns as {@link java.math.BigDecimal}.
   *
   * @return the setting, the connection's unless set on the cursor
   */
  boolean fetchDecimals();

  /**
   * Returns the columns of the last executed query.
   *
   * @return the column descriptions; empty if the last statement was not a query or none ran yet
   */
  List<ColumnDescription> description();

  /**
   * Returns, for DML, the number of rows the last statement touched; for a query, the number of
   * rows fetched so far (after a scroll, the position). {@code -1} before any statement ran and
   * once the cursor is closed.
   *
   * @return the row count
   */
  long rowCount();

  /**
   * Returns the number of rows each parameter row of the last {@link #executeMany} touched
   * (python-oracledb's {@code getarraydmlrowcounts()}), in order. An entry is
   * {@link java.sql.Statement#SUCCESS_NO_INFO} where the driver did not count. Empty if the last
   * statement was not an {@code executeMany}.
   *
   * @return a copy of the counts
   */
  long[] arrayDmlRowCounts();

  /**
   * Returns whether this cursor was created scrollable.
   *
   * @return {@code true} if scrollable
   */
  boolean scrollable();

  /**
   * Closes the cursor. Synchronous, as in the reference: it returns at once, and the statement is
   * closed on the connection after the calls made before it. Calls made later fail. Calling it
   * again does nothing.
   */
  @Override
  void close();

  /**
   * Returns whether {@link #close()} was called or the connection was closed.
   *
   * @return {@code true} if closed
   */
  boolean isClosed();
}
