package io.asyncoracle;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads each fetched column on a connection: the Java counterpart of python-oracledb's
 * {@code outputtypehandler}. Called on the worker thread while the result set is positioned on the
 * row; return {@link #DEFAULT} to let async-oracle read the column as usual.
 */
@FunctionalInterface
public interface OutputTypeHandler {

  /** Returned by a handler that wants the default conversion for a column. */
  Object DEFAULT = new Object() {
    @Override
    public String toString() {
      return "OutputTypeHandler.DEFAULT";
    }
  };

  /**
   * Reads one column of the current row.
   *
   * @param resultSet the result set, positioned on the row; do not move it
   * @param index the 1-based JDBC column index
   * @param column the column's description
   * @return the value to store in the {@link Row}, or {@link #DEFAULT}
   * @throws SQLException if reading fails
   */
  Object read(ResultSet resultSet, int index, ColumnDescription column) throws SQLException;
}
