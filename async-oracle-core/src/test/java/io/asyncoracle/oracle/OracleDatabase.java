package io.asyncoracle.oracle;

import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.TestFutures;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.testcontainers.oracle.OracleContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * One Oracle Database Free container shared by every {@code *IT} of this package, started on first
 * use. Test classes carry {@code @Testcontainers(disabledWithoutDocker = true)}, so without a Docker
 * engine JUnit skips them (reason: "disabledWithoutDocker is true and Docker is not available")
 * before anything here runs. Testcontainers' Ryuk removes the container when the JVM exits.
 */
final class OracleDatabase {

  /** The faststart variant ships a pre-created database: it is ready in seconds rather than minutes. */
  static final DockerImageName IMAGE = DockerImageName.parse("gvenzl/oracle-free:slim-faststart")
      .asCompatibleSubstituteFor("gvenzl/oracle-free");

  /** A user created per run for the changePassword test. */
  static final String PASSWORD_USER = "ASYNC_PW_USER";
  static final String PASSWORD_USER_PASSWORD = "Initial_pw_1";

  private static OracleContainer container;

  private OracleDatabase() {
  }

  /**
   * Starts the container once and grants the test user what the ITs need.
   *
   * @return the running container
   */
  static synchronized OracleContainer container() {
    if (container == null) {
      OracleContainer started = new OracleContainer(IMAGE).withStartupTimeout(Duration.ofMinutes(5));
      started.start();
      grantPrivileges(started);
      container = started;
    }
    return container;
  }

  private static void grantPrivileges(OracleContainer oracle) {
    String user = oracle.getUsername().toUpperCase(java.util.Locale.ROOT);
    asSystem(oracle,
        // V$SESSION for the session tags, V$PARAMETER for maxOpenCursors' fallback.
        "GRANT SELECT ON SYS.V_$SESSION TO " + user,
        "GRANT SELECT ON SYS.V_$PARAMETER TO " + user,
        // V$MYSTAT and V$STATNAME for PipelineIT's round-trip count.
        "GRANT SELECT ON SYS.V_$MYSTAT TO " + user,
        "GRANT SELECT ON SYS.V_$STATNAME TO " + user,
        // V$TEMPORARY_LOBS for DriverPathsIT's temporary LOBs.
        "GRANT SELECT ON SYS.V_$TEMPORARY_LOBS TO " + user,
        // XA: recovery lists and forces branches prepared by any session.
        "GRANT FORCE ANY TRANSACTION TO " + user,
        "GRANT SELECT ON SYS.DBA_PENDING_TRANSACTIONS TO " + user,
        "GRANT EXECUTE ON SYS.DBMS_XA TO " + user,
        "GRANT CREATE TYPE, CREATE PROCEDURE, CREATE TABLE TO " + user,
        "CREATE USER " + PASSWORD_USER + " IDENTIFIED BY \"" + PASSWORD_USER_PASSWORD + "\"",
        "GRANT CREATE SESSION TO " + PASSWORD_USER);
  }

  /**
   * Runs statements as SYSTEM, whose password the image sets to the test user's.
   *
   * @param oracle the container
   * @param statements the statements
   */
  static void asSystem(OracleContainer oracle, String... statements) {
    try (Connection c = DriverManager.getConnection(oracle.getJdbcUrl(), "system", oracle.getPassword());
        Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("setting up the Oracle container failed: " + e.getMessage(), e);
    }
  }

  /**
   * Pool options for the container's test user.
   *
   * @return a builder with URL, user and password set
   */
  static PoolOptions.Builder options() {
    OracleContainer oracle = container();
    return PoolOptions.builder().url(oracle.getJdbcUrl()).user(oracle.getUsername()).password(oracle.getPassword())
        .min(1).max(4).acquireTimeout(Duration.ofSeconds(30));
  }

  /**
   * Opens a pool on the container.
   *
   * @param max the pool size
   * @return the pool
   */
  static AsyncPool pool(int max) {
    return TestFutures.await(AsyncOracle.createPool(options().max(max).build()));
  }

  /**
   * Drops an object if it exists, ignoring ORA-04043/ORA-00942 when it does not.
   *
   * @param sql the DROP statement
   * @return a PL/SQL block that runs it
   */
  static String dropIfExists(String sql) {
    return "BEGIN EXECUTE IMMEDIATE '" + sql.replace("'", "''") + "'; "
        + "EXCEPTION WHEN OTHERS THEN IF SQLCODE NOT IN (-942, -4043, -2289) THEN RAISE; END IF; END;";
  }
}
