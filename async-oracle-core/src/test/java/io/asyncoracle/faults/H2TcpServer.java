package io.asyncoracle.faults;

import java.sql.SQLException;
import java.util.UUID;
import org.h2.tools.Server;

/**
 * An H2 TCP server on an ephemeral port, for tests that need a database behind a real socket
 * (and so behind a {@link FaultProxy}). In-memory databases are created on first connect.
 *
 * <p>H2 binds the port on every interface, but without {@code -tcpAllowOthers} it refuses any
 * client that is not on this machine; the URLs built here all use {@code 127.0.0.1}.
 */
public final class H2TcpServer implements AutoCloseable {

  private final Server server;

  private H2TcpServer(Server server) {
    this.server = server;
  }

  /**
   * Starts a server.
   *
   * @return the running server
   * @throws SQLException if H2 cannot start it
   */
  public static H2TcpServer start() throws SQLException {
    // -tcpDaemon: its threads never keep a test JVM alive. -ifNotExists: clients may create
    // in-memory databases, which is the point here.
    Server server = Server.createTcpServer("-tcpPort", "0", "-tcpDaemon", "-ifNotExists").start();
    return new H2TcpServer(server);
  }

  /** @return the port the server listens on */
  public int port() {
    return server.getPort();
  }

  /**
   * Builds the URL of an in-memory database in Oracle mode, reached through a port on loopback.
   *
   * @param port the server's port, or a {@link FaultProxy}'s in front of it
   * @param database the database name
   * @return the JDBC URL
   */
  public static String url(int port, String database) {
    return "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:" + database + ";MODE=Oracle;DB_CLOSE_DELAY=-1";
  }

  /**
   * Builds the URL of an in-memory database reached through a proxy.
   *
   * @param proxy the proxy in front of this server
   * @param database the database name
   * @return the JDBC URL
   */
  public String urlThrough(FaultProxy proxy, String database) {
    return url(proxy.port(), database);
  }

  /**
   * Builds the URL of an in-memory database reached directly, bypassing any proxy.
   *
   * @param database the database name
   * @return the JDBC URL
   */
  public String directUrl(String database) {
    return url(port(), database);
  }

  /**
   * Starts a proxy in front of this server.
   *
   * @return the proxy, in pass mode
   * @throws java.io.IOException if the proxy cannot listen
   */
  public FaultProxy proxy() throws java.io.IOException {
    return FaultProxy.to(port());
  }

  /** @return a fresh database name, so tests never share state */
  public static String newDatabaseName() {
    return "f" + UUID.randomUUID().toString().replace("-", "");
  }

  /** Stops the server; open connections to it are closed. */
  @Override
  public void close() {
    server.stop();
  }
}
