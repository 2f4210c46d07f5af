package io.asyncoracle;

import java.util.List;

/**
 * What {@link AsyncConnection#executeReturningKeys(String, List, Object...)} returns: the rows
 * touched and the keys the database generated for them.
 *
 * @param rowCount the number of rows the statement touched
 * @param keys one row per generated key set, with the requested key columns (on Oracle, without
 *     key column names, the {@code ROWID} of each row)
 */
public record GeneratedKeys(long rowCount, List<Row> keys) {

  /**
   * Copies the key list.
   *
   * @param rowCount the number of rows touched
   * @param keys the generated keys
   */
  public GeneratedKeys {
    keys = List.copyOf(keys);
  }
}
