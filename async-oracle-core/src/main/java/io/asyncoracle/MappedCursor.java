package io.asyncoracle;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A typed view of an {@link AsyncCursor} whose fetches return what the cursor's row factory makes
 * of each row: python-oracledb's {@code cursor.rowfactory}. Made by
 * {@link AsyncCursor#withRowFactory(RowMapper)}; it shares the cursor's statement, position and
 * row count, so fetches through the view and through the cursor interleave.
 *
 * @param <T> the type the row factory makes
 */
public interface MappedCursor<T> {

  /**
   * Fetches and maps the next row.
   *
   * @return a future of the mapped row, or of {@code null} when no row is left
   */
  CompletableFuture<T> fetchOne();

  /**
   * Fetches and maps up to {@link AsyncCursor#arraySize()} rows.
   *
   * @return a future of the mapped rows; empty when no row is left
   */
  CompletableFuture<List<T>> fetchMany();

  /**
   * Fetches and maps up to {@code numRows} rows.
   *
   * @param numRows the maximum number of rows; 0 or less fetches nothing
   * @return a future of the mapped rows
   */
  CompletableFuture<List<T>> fetchMany(int numRows);

  /**
   * Fetches and maps every remaining row.
   *
   * @return a future of the mapped rows
   */
  CompletableFuture<List<T>> fetchAll();

  /**
   * Returns the cursor this view reads.
   *
   * @return the cursor
   */
  AsyncCursor cursor();
}
