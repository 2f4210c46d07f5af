package io.asyncoracle.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A TCP proxy for tests that sits between a client (a pool, a driver) and a database server on
 * loopback, and misbehaves on demand: the network faults a real deployment meets, without a real
 * network.
 *
 * <p>It listens on a loopback ephemeral port ({@link #port()}) and forwards each accepted
 * connection to the target. Switchable at any time, from any thread:
 * <ul>
 *   <li>{@link #pass()}: forwards traffic both ways (the initial mode);</li>
 *   <li>{@link #latency(Duration)}: forwards, holding every chunk read for the given time before
 *       writing it, in each direction (a reply of several chunks can take longer: assert lower
 *       bounds);</li>
 *   <li>{@link #freeze()}: existing and new connections stay open and are read, but nothing is
 *       forwarded either way, as when a peer hangs or a firewall drops packets; a chunk read while
 *       frozen is forwarded when the mode changes back;</li>
 *   <li>{@link #blackhole()}: new connections are accepted and read but never connected to the
 *       target nor answered; existing connections keep working;</li>
 *   <li>{@link #cut()}: not a mode but an event: closes every current connection at once (also
 *       blackholed ones); new ones are accepted as the mode says.</li>
 * </ul>
 *
 * <p>The modes exclude each other: the last one set applies to every connection, so
 * {@code blackhole()} thaws a frozen proxy (and {@code freeze()} already holds new connections).
 *
 * <p>{@link #close()} stops everything; every thread the proxy starts is a daemon and ends on
 * close. Only loopback addresses are accepted as targets.
 */
public final class FaultProxy implements AutoCloseable {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final int BUFFER = 16 * 1024;
  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);

  /** What the proxy does with traffic. */
  private enum Mode { PASS, LATENCY, FREEZE, BLACKHOLE }

  private final InetSocketAddress target;
  private final ServerSocket server;
  private final String name;
  /** Guards mode changes so that waiting pumps see them at once; never held during I/O. */
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Set<Link> links = ConcurrentHashMap.newKeySet();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private volatile Mode mode = Mode.PASS;
  private volatile Duration latency = Duration.ZERO;
  private volatile boolean closed;

  private FaultProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.name = "fault-proxy-" + SEQUENCE.incrementAndGet();
    startThread(name + "-accept", this::acceptLoop);
  }

  /**
   * Starts a proxy to a port on the loopback address.
   *
   * @param targetPort the port to forward to
   * @return the running proxy, in {@link #pass()} mode
   * @throws IOException if the proxy cannot listen
   */
  public static FaultProxy to(int targetPort) throws IOException {
    return to(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
  }

  /**
   * Starts a proxy to a loopback address.
   *
   * @param target where to forward to; must be a loopback address
   * @return the running proxy, in {@link #pass()} mode
   * @throws IOException if the proxy cannot listen
   * @throws IllegalArgumentException if the target is not on loopback
   */
  public static FaultProxy to(InetSocketAddress target) throws IOException {
    if (target.isUnresolved() || !target.getAddress().isLoopbackAddress()) {
      throw new IllegalArgumentException("the fault proxy only forwards to loopback, not to " + target);
    }
    return new FaultProxy(target);
  }

  /** @return the loopback port clients connect to */
  public int port() {
    return server.getLocalPort();
  }

  /** @return how many connections the proxy has accepted since it started */
  public int acceptedConnections() {
    return accepted.get();
  }

  /** @return how many connections are open through the proxy now, blackholed ones included */
  public int openConnections() {
    return links.size();
  }

  /** Forwards traffic both ways without delay. */
  public void pass() {
    switchTo(Mode.PASS, Duration.ZERO);
  }

  /**
   * Forwards traffic, holding each chunk for {@code eachWay} before writing it on.
   *
   * @param eachWay the delay added in each direction
   */
  public void latency(Duration eachWay) {
    if (eachWay.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative, got " + eachWay);
    }
    switchTo(Mode.LATENCY, eachWay);
  }

  /** Stops forwarding, on existing and new connections, while still accepting and reading. */
  public void freeze() {
    switchTo(Mode.FREEZE, Duration.ZERO);
  }

  /** Accepts new connections but never answers them; existing connections keep working. */
  public void blackhole() {
    switchTo(Mode.BLACKHOLE, Duration.ZERO);
  }

  /** Closes every current connection at once. The mode stays as it is. */
  public void cut() {
    for (Link link : links) {
      link.close();
    }
  }

  private void switchTo(Mode newMode, Duration newLatency) {
    lock.lock();
    try {
      latency = newLatency;
      mode = newMode;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Stops listening, closes every connection and waits (boundedly) for the proxy's threads. */
  @Override
  public void close() {
    closed = true;
    closeQuietly(server);
    cut();
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    // A connect thread may still start a pump after this: loop until none is left, boundedly.
    long deadline = System.nanoTime() + JOIN_TIMEOUT.toNanos();
    while (!threads.isEmpty() && System.nanoTime() < deadline) {
      for (Thread thread : List.copyOf(threads)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        try {
          thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** @return the proxy's threads still alive: empty once {@link #close()} has returned */
  List<Thread> liveThreads() {
    List<Thread> alive = new ArrayList<>();
    for (Thread thread : threads) {
      if (thread.isAlive()) {
        alive.add(thread);
      }
    }
    return alive;
  }

  @Override
  public String toString() {
    return name + "[127.0.0.1:" + port() + " -> " + target + ", mode=" + mode + ", open=" + links.size() + "]";
  }

  // ---- connections --------------------------------------------------------------------------

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        // The server socket was closed by close(): the only way out of accept().
        return;
      }
      int id = accepted.incrementAndGet();
      Link link = new Link(client);
      links.add(link);
      if (closed) {
        link.close();
        return;
      }
      if (mode == Mode.BLACKHOLE) {
        startThread(name + "-" + id + "-blackhole", () -> drain(link));
      } else {
        startThread(name + "-" + id + "-connect", () -> connect(link, id));
      }
    }
  }

  /** Connects to the target off the accept thread, then pumps each direction on its own thread. */
  private void connect(Link link, int id) {
    Socket upstream = new Socket();
    try {
      link.upstream(upstream);
      upstream.connect(target, CONNECT_TIMEOUT_MILLIS);
      upstream.setTcpNoDelay(true);
      link.client.setTcpNoDelay(true);
    } catch (IOException e) {
      link.close();
      return;
    }
    startThread(name + "-" + id + "-up", () -> pump(link, link.client, upstream));
    pump(link, upstream, link.client);
  }

  private void pump(Link link, Socket from, Socket to) {
    byte[] buffer = new byte[BUFFER];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      while (!link.isClosed()) {
        int n = in.read(buffer);
        if (n < 0) {
          return;
        }
        if (!holdUntilForwardable(link)) {
          return;
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // Closed by cut() or close(), or by a peer: either way this link is over.
    } finally {
      link.close();
    }
  }

  /**
   * Waits while frozen, then for the latency; {@code false} if the link or proxy closed meanwhile.
   * Each wait is bounded by the mode changing, the link closing or the latency elapsing.
   */
  private boolean holdUntilForwardable(Link link) {
    lock.lock();
    try {
      while (mode == Mode.FREEZE && !link.isClosed() && !closed) {
        changed.await();
      }
      Duration delay = mode == Mode.LATENCY ? latency : Duration.ZERO;
      long left = delay.toNanos();
      while (left > 0 && !link.isClosed() && !closed) {
        left = changed.awaitNanos(left);
      }
      return !link.isClosed() && !closed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  /** A blackholed connection: read and throw away until the client or the proxy closes it. */
  private void drain(Link link) {
    byte[] buffer = new byte[BUFFER];
    try {
      InputStream in = link.client.getInputStream();
      while (!link.isClosed() && in.read(buffer) >= 0) {
        // Nothing is ever answered.
      }
    } catch (IOException e) {
      // Closed by cut() or close().
    } finally {
      link.close();
    }
  }

  private void startThread(String threadName, Runnable body) {
    Thread thread = new Thread(() -> {
      try {
        body.run();
      } finally {
        threads.remove(Thread.currentThread());
      }
    }, threadName);
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      // Closing is best effort: a socket that fails to close is already unusable.
    }
  }

  /** One client connection and, unless blackholed, its connection to the target. */
  private final class Link {
    private final Socket client;
    private volatile Socket upstream;
    private volatile boolean linkClosed;

    Link(Socket client) {
      this.client = client;
    }

    void upstream(Socket socket) throws SocketException {
      this.upstream = socket;
      if (linkClosed) {
        // cut() ran between accept and connect: do not connect a link that is already gone.
        closeQuietly(socket);
        throw new SocketException("cut before it connected");
      }
    }

    boolean isClosed() {
      return linkClosed;
    }

    void close() {
      linkClosed = true;
      closeQuietly(client);
      closeQuietly(upstream);
      links.remove(this);
      // Wake this link's pumps if they wait for a mode change.
      lock.lock();
      try {
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }
}
