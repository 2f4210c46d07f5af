package io.asyncoracle;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A cursor on an {@link AsyncConnection}, made synchronously by {@link AsyncConnection#cursor()}.
 * Its calls run on the connection in the order they are made. A cursor holds one statement at a
 * time: {@code execute} closes the previous one. Bind parameters are positional ({@code ?}).
 */
public interface AsyncCursor {

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
   * Executes a statement once per parameter row, in one batch.
   * {@link #rowCount()} is then the total number of rows touched.
   *
   * @param sql the statement, not {@code null}
   * @param rows one list of bind values per execution, each of the same length
   * @return a future of this cursor
   */
  CompletableFuture<AsyncCursor> executeMany(String sql, List<? extends List<?>> rows);

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
   * @param numRows the maximum number of rows, at least 1
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
   * Moves a scrollable cursor (see {@link AsyncConnection#cursor(boolean)}).
   *
   * @param value the row count or row number, depending on the mode
   * @param mode how to move
   * @return a future that completes when moved; failed if the cursor is not scrollable or the
   *     position is out of range
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
   * Returns the columns of the last executed query.
   *
   * @return the column descriptions; empty if the last statement was not a query or none ran yet
   */
  List<ColumnDescription> description();

  /**
   * Returns, for DML, the number of rows the last statement touched; for a query, the number of
   * rows fetched so far. {@code -1} before any statement ran.
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
   * Closes the cursor's statement. Calls made later fail.
   *
   * @return a future that completes when closed
   */
  CompletableFuture<Void> close();

  /**
   * Returns whether {@link #close()} was called or the connection was closed.
   *
   * @return {@code true} if closed
   */
  boolean isClosed();
}
