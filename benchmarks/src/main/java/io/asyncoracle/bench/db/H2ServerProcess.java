package io.asyncoracle.bench.db;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An H2 TCP server in a JVM of its own, listening on a free loopback port, so every benchmark call
 * crosses a socket to another process as it would with a real database server. The server also has
 * {@link ServerFunctions} on its class path for {@code CREATE ALIAS}.
 */
public final class H2ServerProcess implements AutoCloseable {

  private static final long START_TIMEOUT_SECONDS = 60;

  private final Process process;
  private final int port;
  private final List<String> output = new ArrayList<>();

  private H2ServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts a server and waits until it accepts connections.
   *
   * @param java the {@code java} executable to run it with
   * @param jvmOptions options for the server JVM, e.g. {@code -Xmx1g}
   * @return the running server
   * @throws IOException if it cannot be started
   */
  public static H2ServerProcess start(String java, List<String> jvmOptions) throws IOException {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classPathEntry(org.h2.tools.Server.class) + File.pathSeparator + classPathEntry(ServerFunctions.class));
    command.add("org.h2.tools.Server");
    command.add("-tcp");
    command.add("-tcpPort");
    command.add(Integer.toString(port));
    command.add("-ifNotExists");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    H2ServerProcess server = new H2ServerProcess(process, port);
    server.awaitStarted();
    return server;
  }

  private void awaitStarted() throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    Thread pump = new Thread(() -> {
      try {
        String line;
        while ((line = reader.readLine()) != null) {
          synchronized (output) {
            output.add(line);
            output.notifyAll();
          }
        }
      } catch (IOException e) {
        // The server went away; close() reports its exit.
      }
    }, "h2-server-output");
    pump.setDaemon(true);
    pump.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
    synchronized (output) {
      while (output.stream().noneMatch(l -> l.contains("TCP server running"))) {
        long left = deadline - System.nanoTime();
        if (!process.isAlive() || left <= 0) {
          process.destroyForcibly();
          throw new IOException("the H2 server did not start on port " + port + ": " + output);
        }
        try {
          output.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          process.destroyForcibly();
          throw new IOException("interrupted while starting the H2 server", e);
        }
      }
    }
  }

  /**
   * The database this server serves, as a benchmark target.
   *
   * @param database the in-memory database name
   * @return the target
   */
  public DatabaseTarget target(String database) {
    return new DatabaseTarget("jdbc:h2:tcp://127.0.0.1:" + port + "/mem:" + database
        + ";MODE=Oracle;DB_CLOSE_DELAY=-1", "sa", "", false);
  }

  /**
   * The server's process id, to attribute CPU time.
   *
   * @return the pid
   */
  public long pid() {
    return process.pid();
  }

  /** Stops the server and waits for its JVM to exit. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String classPathEntry(Class<?> type) throws IOException {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException | NullPointerException e) {
      throw new IOException("cannot locate the class path entry of " + type.getName(), e);
    }
  }
}
