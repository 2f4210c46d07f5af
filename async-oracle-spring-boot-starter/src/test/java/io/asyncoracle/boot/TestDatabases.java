package io.asyncoracle.boot;

import io.asyncoracle.AsyncPool;
import io.asyncoracle.PoolOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import org.h2.tools.Server;

/** H2 databases and queries for the starter's tests. */
public final class TestDatabases {

  private TestDatabases() {
  }

  /**
   * A fresh in-memory H2 database in Oracle mode, kept while the JVM lives.
   *
   * @return the JDBC URL
   */
  public static String memUrl() {
    return "jdbc:h2:mem:t" + UUID.randomUUID().toString().replace("-", "") + ";MODE=Oracle;DB_CLOSE_DELAY=-1";
  }

  /**
   * A query H2 runs for a while and that {@code Statement.cancel()} stops at once: n=5000 takes
   * about 3 s on the build machines, n=20000 about 30 s.
   *
   * @param n the size of each side of the cross join
   * @return the query
   */
  public static String slowQuery(int n) {
    return "select count(*) from system_range(1," + n + ") a, system_range(1," + n + ") b where a.x + b.x > 3";
  }

  /**
   * Starts an H2 TCP server on a free local port, creating databases on demand.
   *
   * @return the running server
   * @throws SQLException if it cannot start
   */
  public static Server startTcpServer() throws SQLException {
    return Server.createTcpServer("-tcpPort", String.valueOf(freePort()), "-ifNotExists").start();
  }

  /**
   * The URL of an in-memory database behind a TCP server.
   *
   * @param server the server
   * @return the JDBC URL
   */
  public static String tcpUrl(Server server) {
    return "jdbc:h2:tcp://localhost:" + server.getPort() + "/mem:t" + UUID.randomUUID().toString().replace("-", "")
        + ";MODE=Oracle";
  }

  /**
   * A port nothing listens on.
   *
   * @return the port
   */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Waits until H2 reports {@code sessions} sessions of the pool's database running a statement
   * that contains {@code sql}. A test that cancels or interrupts a query needs it to be running
   * in the database, not merely borrowed a connection: a cancel that comes before the statement
   * starts has nothing to stop. Only for pools on an in-memory H2 database of this JVM.
   *
   * @param pool the pool whose database to watch
   * @param sql the statement text to look for
   * @param sessions how many sessions must be running it
   * @param within how long to wait before failing
   */
  public static void awaitRunning(AsyncPool pool, String sql, int sessions, Duration within) {
    PoolOptions options = pool.options();
    long deadline = System.nanoTime() + within.toNanos();
    try (Connection watcher = DriverManager.getConnection(options.jdbcUrl(), Objects.toString(options.user(), ""),
        Objects.toString(options.password(), ""));
        PreparedStatement running = watcher.prepareStatement("select count(*) from information_schema.sessions"
            + " where locate(?, executing_statement) > 0 and session_id <> session_id()")) {
      running.setString(1, sql);
      while (true) {
        try (ResultSet rs = running.executeQuery()) {
          rs.next();
          if (rs.getInt(1) >= sessions) {
            return;
          }
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("fewer than " + sessions + " session(s) ran '" + sql + "' within " + within);
        }
        Thread.sleep(5);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
