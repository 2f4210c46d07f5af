package io.asyncoracle;

import java.util.List;

/**
 * One fetched row. Columns are numbered from 0, like the elements of a Python tuple. Values are
 * read from the driver when the row is fetched, so a row stays valid after its cursor moves on or
 * closes: CLOB/NCLOB columns arrive as {@link String}, BLOB as {@code byte[]}, others as the
 * driver's {@code getObject} type unless an {@link OutputTypeHandler} says otherwise.
 */
public interface Row {

  /**
   * Returns the number of columns.
   *
   * @return the column count
   */
  int size();

  /**
   * Returns a column's value.
   *
   * @param index the 0-based column index
   * @return the value, possibly {@code null}
   * @throws IndexOutOfBoundsException if there is no such column
   */
  Object get(int index);

  /**
   * Returns a column's value by label, ignoring case.
   *
   * @param column the column label
   * @return the value, possibly {@code null}
   * @throws IllegalArgumentException if there is no such column
   */
  Object get(String column);

  /**
   * Returns a column's value converted to a type: numbers to any {@link Number} type or
   * {@link String}, timestamps and dates to {@code java.time} types, and so on.
   *
   * @param index the 0-based column index
   * @param type the wanted type
   * @param <T> the wanted type
   * @return the converted value, or {@code null}
   * @throws IllegalArgumentException if the value cannot be converted
   */
  <T> T get(int index, Class<T> type);

  /**
   * Returns a column's value by label, converted to a type as {@link #get(int, Class)} does.
   *
   * @param column the column label
   * @param type the wanted type
   * @param <T> the wanted type
   * @return the converted value, or {@code null}
   */
  <T> T get(String column, Class<T> type);

  /**
   * Returns the columns of this row's result.
   *
   * @return the column descriptions, in order
   */
  List<ColumnDescription> columns();

  /**
   * Returns the values as a list, in column order.
   *
   * @return an unmodifiable list of the values
   */
  List<Object> values();
}
