package io.asyncoracle.bench.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Where the benchmark connects: a JDBC URL with credentials, and which kind of database it is.
 *
 * @param url the JDBC URL
 * @param user the user name
 * @param password the password (never printed)
 * @param oracle whether this is a real Oracle Database rather than H2
 */
public record DatabaseTarget(String url, String user, String password, boolean oracle) {

  /**
   * The UCP connection factory class for this database.
   *
   * @return the data source class name
   */
  public String ucpFactoryClassName() {
    return oracle ? "oracle.jdbc.pool.OracleDataSource" : "org.h2.jdbcx.JdbcDataSource";
  }

  /**
   * Opens a plain, unpooled connection (schema set-up and calibration only).
   *
   * @return a new connection
   * @throws SQLException if the database cannot be reached
   */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  /**
   * Describes the target for reports, without the password.
   *
   * @return e.g. {@code H2 2.4.240 (TCP server on loopback, MODE=Oracle)}
   */
  public String describe() {
    if (oracle) {
      return "Oracle Database at " + url.replaceAll("(?i)password=[^;&)]*", "password=***");
    }
    return "H2 " + org.h2.engine.Constants.FULL_VERSION.split(" ")[0]
        + " (TCP server in its own JVM on loopback, in-memory database, MODE=Oracle)";
  }

  @Override
  public String toString() {
    return "DatabaseTarget[" + describe() + ", user=" + user + "]";
  }
}
