package io.asyncoracle.bench.contender;

import io.asyncoracle.bench.workload.Call;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Plain JDBC for the contenders that use it: the same statements, run the same way, so the only
 * differences between those contenders are the pool and the threads.
 */
public final class Jdbc {

  private Jdbc() {
  }

  /**
   * Runs a call on a connection the caller has borrowed. An insert is committed before returning;
   * the connection must have autocommit off (see {@link #autocommitOff(Connection)}).
   *
   * @param connection the connection
   * @param call the call
   * @return the first row as {@code Object[]} (or {@code null}), or the update count
   * @throws SQLException on failure
   */
  public static Object execute(Connection connection, Call call) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(call.sql())) {
      Object[] args = call.args();
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      if (call.kind() == Call.Kind.INSERT_COMMIT) {
        int count = ps.executeUpdate();
        connection.commit();
        return (long) count;
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? row(rs) : null;
      }
    }
  }

  /**
   * Reads the current row of a result set.
   *
   * @param rs the result set, on a row
   * @return its values
   * @throws SQLException on failure
   */
  public static Object[] row(ResultSet rs) throws SQLException {
    int n = rs.getMetaData().getColumnCount();
    Object[] row = new Object[n];
    for (int i = 0; i < n; i++) {
      row[i] = rs.getObject(i + 1);
    }
    return row;
  }

  /**
   * Turns autocommit off if it is on. {@code getAutoCommit()} is answered locally by H2 and ojdbc,
   * so on a pooled connection that already has it off this costs nothing.
   *
   * @param connection the connection
   * @return the connection
   * @throws SQLException on failure
   */
  public static Connection autocommitOff(Connection connection) throws SQLException {
    if (connection.getAutoCommit()) {
      connection.setAutoCommit(false);
    }
    return connection;
  }
}
