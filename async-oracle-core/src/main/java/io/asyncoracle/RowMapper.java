package io.asyncoracle;

/**
 * Turns a {@link Row} into an application object: the part the reference's {@code rowfactory}
 * plays. Runs on the worker that fetched the row, so it must not block on other futures.
 *
 * @param <T> the type produced
 */
@FunctionalInterface
public interface RowMapper<T> {

  /**
   * Maps one row.
   *
   * @param row the fetched row
   * @return the mapped object
   */
  T map(Row row);
}
