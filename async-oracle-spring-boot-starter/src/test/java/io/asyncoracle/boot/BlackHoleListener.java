package io.asyncoracle.boot;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A listener on loopback that accepts TCP connections and never answers: a database host whose
 * listener hangs, a firewall that swallows packets after the handshake. A driver connecting to it
 * waits in its first socket read. Closing it closes every accepted socket, which ends those reads.
 */
public final class BlackHoleListener implements AutoCloseable {

  private final ServerSocket server;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();

  /**
   * Starts listening on a free loopback port.
   *
   * @throws IOException if no port can be bound
   */
  public BlackHoleListener() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptForever, "black-hole-listener");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void acceptForever() {
    try {
      while (true) {
        accepted.add(server.accept());
      }
    } catch (IOException closed) {
      // close() was called
    }
  }

  /**
   * The port it listens on.
   *
   * @return the port
   */
  public int port() {
    return server.getLocalPort();
  }

  /**
   * An H2 URL whose client hangs in its handshake with this listener.
   *
   * @return the JDBC URL
   */
  public String h2Url() {
    return "jdbc:h2:tcp://127.0.0.1:" + port() + "/mem:black-hole;MODE=Oracle";
  }

  /**
   * How many connections it accepted so far.
   *
   * @return the count
   */
  public int acceptedCount() {
    return accepted.size();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : accepted) {
      socket.close();
    }
  }
}
