package io.asyncoracle.internal;

import io.asyncoracle.DbObjectType;
import io.asyncoracle.InvalidArgumentException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/** Oracle-only connection features. Each runs on the lane and fails on other databases. */
final class OracleSupport {

  private OracleSupport() {
  }

  static void checkPasswords(String oldPassword, String newPassword) {
    if (oldPassword == null || oldPassword.isEmpty()) {
      throw new InvalidArgumentException("oldPassword", "oldPassword must not be empty");
    }
    if (newPassword == null || newPassword.isEmpty()) {
      throw new InvalidArgumentException("newPassword", "newPassword must not be empty");
    }
    // Passwords are quoted identifiers in ALTER USER; a double quote could end the quoting.
    if (oldPassword.indexOf('"') >= 0 || newPassword.indexOf('"') >= 0) {
      throw new InvalidArgumentException("newPassword", "passwords must not contain a double quote");
    }
  }

  static Void changePassword(Session s, String oldPassword, String newPassword) throws SQLException {
    s.oracleConnection("changePassword");
    String user = s.jdbc().getMetaData().getUserName();
    String sql = "ALTER USER " + quote(user) + " IDENTIFIED BY \"" + newPassword + "\" REPLACE \"" + oldPassword + "\"";
    try (java.sql.Statement st = s.jdbc().createStatement()) {
      s.track(st);
      st.execute(sql);
    }
    return null;
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "") + "\"";
  }

  /** Reads {@code SYS_CONTEXT('USERENV', key)}. */
  static String userenv(Session s, String feature, String key) throws SQLException {
    s.oracleConnection(feature);
    try (PreparedStatement ps = s.jdbc().prepareStatement("SELECT SYS_CONTEXT('USERENV', ?) FROM DUAL")) {
      ps.setString(1, key);
      s.track(ps);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  static String version(Session s) throws SQLException {
    if (s.isOracle()) {
      try (PreparedStatement ps = s.jdbc().prepareStatement(
          "SELECT version_full FROM product_component_version WHERE product LIKE 'Oracle%'")) {
        s.track(ps);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            return rs.getString(1);
          }
        }
      } catch (SQLException e) {
        // Before 18c there is no VERSION_FULL: fall back to the driver's view below.
      }
    }
    String version = s.jdbc().getMetaData().getDatabaseProductVersion();
    // H2 reports "2.4.240 (2025-09-22)"; keep the version number.
    int space = version.indexOf(' ');
    return s.isOracle() || space < 0 ? version : version.substring(0, space);
  }

  /**
   * The Session Data Unit Oracle Net negotiated at logon. ojdbc keeps it on its internal connection
   * ({@code oracle.jdbc.internal.OracleConnection.getNegotiatedSDU()}, read from the network layer,
   * no round trip); the session-info properties have no SDU key.
   */
  static Integer sdu(Session s) throws SQLException {
    oracle.jdbc.OracleConnection oc = s.oracleConnection("sdu");
    return oc.unwrap(oracle.jdbc.internal.OracleConnection.class).getNegotiatedSDU();
  }

  static byte[] ltxid(Session s) throws SQLException {
    oracle.jdbc.OracleConnection oc = s.oracleConnection("ltxid");
    oracle.jdbc.LogicalTransactionId id = oc.getLogicalTransactionId();
    if (id == null) {
      return new byte[0];
    }
    // The public interface is opaque (meant to be bound as is); its driver class holds the bytes
    // behind a package-private getter, which ojdbc's automatic module leaves open to reflection.
    try {
      java.lang.reflect.Method getBytes = id.getClass().getDeclaredMethod("getBytes");
      getBytes.setAccessible(true);
      return ((byte[]) getBytes.invoke(id)).clone();
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new SQLException("ltxid: this driver version does not expose the logical transaction id bytes", e);
    }
  }

  static Integer maxOpenCursors(Session s) throws SQLException {
    oracle.jdbc.OracleConnection oc = s.oracleConnection("maxOpenCursors");
    Properties info = oc.getServerSessionInfo();
    String value = info == null ? null : info.getProperty("AUTH_MAX_OPEN_CURSORS");
    if (value != null) {
      return Integer.valueOf(value.trim());
    }
    try (PreparedStatement ps = s.jdbc().prepareStatement("SELECT value FROM v$parameter WHERE name = 'open_cursors'")) {
      s.track(ps);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  static Boolean transactionInProgress(Session s) throws SQLException {
    if (s.isOracle()) {
      try (PreparedStatement ps = s.jdbc().prepareStatement("SELECT DBMS_TRANSACTION.LOCAL_TRANSACTION_ID FROM DUAL")) {
        s.track(ps);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getString(1) != null;
        }
      }
    }
    String product = s.jdbc().getMetaData().getDatabaseProductName();
    if ("H2".equals(product)) {
      try (PreparedStatement ps = s.jdbc().prepareStatement(
          "SELECT CONTAINS_UNCOMMITTED FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID = SESSION_ID()")) {
        s.track(ps);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() && rs.getBoolean(1);
        }
      }
    }
    // Other databases: what this connection has done since the last commit or rollback.
    return s.dirty();
  }

  static DbObjectType getType(Session s, String name) throws SQLException {
    s.oracleConnection("getType");
    String owner;
    String typeName;
    int dot = name.indexOf('.');
    if (dot > 0) {
      owner = unquote(name.substring(0, dot));
      typeName = unquote(name.substring(dot + 1));
    } else {
      owner = s.jdbc().getSchema();
      typeName = unquote(name);
    }
    String typecode;
    String elementType = null;
    try (PreparedStatement ps = s.jdbc().prepareStatement(
        "SELECT typecode FROM all_types WHERE owner = ? AND type_name = ?")) {
      ps.setString(1, owner);
      ps.setString(2, typeName);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new InvalidArgumentException("name", "no type named " + owner + "." + typeName + " is visible");
        }
        typecode = rs.getString(1);
      }
    }
    List<DbObjectType.Attribute> attributes = new ArrayList<>();
    boolean collection = "COLLECTION".equals(typecode);
    if (collection) {
      try (PreparedStatement ps = s.jdbc().prepareStatement(
          "SELECT elem_type_name FROM all_coll_types WHERE owner = ? AND type_name = ?")) {
        ps.setString(1, owner);
        ps.setString(2, typeName);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            elementType = rs.getString(1);
          }
        }
      }
    } else {
      try (PreparedStatement ps = s.jdbc().prepareStatement(
          "SELECT attr_name, attr_type_name FROM all_type_attrs WHERE owner = ? AND type_name = ? ORDER BY attr_no")) {
        ps.setString(1, owner);
        ps.setString(2, typeName);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            attributes.add(new DbObjectType.Attribute(rs.getString(1), rs.getString(2)));
          }
        }
      }
    }
    return new DbObjectTypeImpl(s, owner, typeName, collection, elementType, List.copyOf(attributes));
  }

  private static String unquote(String part) {
    return part.startsWith("\"") && part.endsWith("\"") && part.length() > 1
        ? part.substring(1, part.length() - 1)
        : part.toUpperCase(Locale.ROOT);
  }

  /**
   * The ROWID of the row an INSERT prepared with {@code RETURN_GENERATED_KEYS} added: ojdbc returns
   * it as the generated key (python-oracledb's {@code lastrowid}).
   *
   * @param statement the executed statement
   * @return the ROWID as text, or {@code null} if no row was added
   */
  static String generatedRowId(java.sql.Statement statement) throws SQLException {
    try (ResultSet keys = statement.getGeneratedKeys()) {
      String rowId = null;
      while (keys != null && keys.next()) {
        rowId = keys.getString(1);
      }
      return rowId;
    }
  }
}
