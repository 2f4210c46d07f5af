package io.asyncoracle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Java methods that H2 runs as stored functions and procedures ({@code CREATE ALIAS}), so
 * {@code callFunc}/{@code callProc} are exercised for real on the embedded database.
 */
public final class H2StoredCode {

  private H2StoredCode() {
  }

  /**
   * Registers every alias on a connection.
   *
   * @param connection the connection
   */
  public static void install(AsyncConnection connection) {
    String self = H2StoredCode.class.getName();
    for (String alias : new String[] {"TWICE FOR '" + self + ".twice'", "GREET FOR '" + self + ".greet'",
        "NOTHING FOR '" + self + ".nothing'", "ADD_ITEM FOR '" + self + ".addItem'",
        "FAIL_WITH FOR '" + self + ".failWith'"}) {
      TestFutures.await(connection.execute("CREATE ALIAS " + alias));
    }
  }

  /**
   * A function of a number.
   *
   * @param x the number
   * @return twice the number
   */
  public static long twice(long x) {
    return 2 * x;
  }

  /**
   * A function of strings.
   *
   * @param greeting the greeting
   * @param name the name
   * @return the greeting
   */
  public static String greet(String greeting, String name) {
    return greeting + ", " + name + "!";
  }

  /**
   * A function returning {@code null}.
   *
   * @return {@code null}
   */
  public static String nothing() {
    return null;
  }

  /**
   * A procedure that changes data in the caller's transaction.
   *
   * @param connection the caller's connection (H2 passes it)
   * @param id the id
   * @param label the label
   * @throws SQLException if the insert fails
   */
  public static void addItem(Connection connection, int id, String label) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("insert into item (id, label) values (?, ?)")) {
      ps.setInt(1, id);
      ps.setString(2, label);
      ps.executeUpdate();
    }
  }

  /**
   * A procedure that fails.
   *
   * @param message the error message
   * @throws SQLException always
   */
  public static void failWith(String message) throws SQLException {
    throw new SQLException(message, "45000", 20001);
  }
}
