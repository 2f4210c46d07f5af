package io.asyncoracle.bench.contender;

import io.asyncoracle.bench.workload.Call;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reference contender: threaded sync with no pool at all. Every platform caller thread has one JDBC
 * connection of its own, opened with {@code DriverManager} on the target URL, autocommit off as for
 * threaded sync, and runs every one of its calls on it: no borrow, no validation, no return. It shows
 * what the driver and the database do for these callers when nothing sits in between, so a gap
 * between it and a pooled contender is that pool's cost. It is a reference, not a {@link #peer() peer}:
 * applications do not hold a connection per thread, so it is not what async-oracle competes with.
 *
 * <p>It needs as many connections as callers. Where there are more callers than the pool size every
 * other contender gets (the crowd: 10,000 callers, 8 connections), it reports itself not applicable
 * rather than opening thousands of connections, which would compare a different setup.
 *
 * <p>The harness starts fresh caller threads for every window. So that a window measures calls on
 * warm connections rather than connection set-up, the connections are opened once, when the
 * contender is opened (one per caller), and each caller thread takes one when it starts and keeps it
 * for its whole life; it passes to a caller thread of the next window only after its owner has ended.
 * At no time do two threads share a connection.
 */
public final class DedicatedConnectionsContender implements Contender {

  @Override
  public String name() {
    return "dedicated connections";
  }

  @Override
  public String setup() {
    return "reference, no pool: plain JDBC, one platform thread per caller, each with a DriverManager connection "
        + "of its own (autocommit off, opened once, reused for every call); n/a with more callers than the pool size";
  }

  @Override
  public Optional<String> notApplicable(ContenderContext context) {
    if (context.callers() > context.poolSize()) {
      return Optional.of(String.format(Locale.ROOT, "one connection per caller: %,d callers would need %,d "
          + "connections, every other contender gets %d", context.callers(), context.callers(), context.poolSize()));
    }
    return Optional.empty();
  }

  @Override
  public Client open(ContenderContext context) throws SQLException {
    String reason = notApplicable(context).orElse(null);
    if (reason != null) {
      throw new IllegalStateException(reason);
    }
    List<Connection> connections = new ArrayList<>();
    try {
      for (int i = 0; i < context.callers(); i++) {
        connections.add(Jdbc.autocommitOff(context.target().connect()));
      }
    } catch (SQLException | RuntimeException e) {
      closeAll(connections, e);
      throw e;
    }
    return new DedicatedClient(connections, context.acquireTimeout());
  }

  private static void closeAll(List<Connection> connections, Exception failure) {
    for (Connection c : connections) {
      try {
        c.close();
      } catch (SQLException e) {
        failure.addSuppressed(e);
      }
    }
  }

  /** Runs each call on the calling thread's own connection. */
  private static final class DedicatedClient implements BlockingClient {
    private final List<Connection> connections;
    /** Connections no live caller thread owns. */
    private final BlockingQueue<Connection> unowned;
    private final ThreadLocal<Connection> own = new ThreadLocal<>();
    private final Duration claimTimeout;
    private final AtomicInteger sequence = new AtomicInteger();

    DedicatedClient(List<Connection> connections, Duration claimTimeout) {
      this.connections = List.copyOf(connections);
      this.unowned = new LinkedBlockingQueue<>(connections);
      this.claimTimeout = claimTimeout;
    }

    @Override
    public Object execute(Call call) throws Exception {
      Connection c = own.get();
      if (c == null) {
        // Only when more callers run than connections were opened, or the previous window's
        // threads never ended: a failure to count, not a reason to share a connection.
        throw new IllegalStateException("this caller thread has no dedicated connection ("
            + connections.size() + " opened, all owned by other threads)");
      }
      return Jdbc.execute(c, call);
    }

    /**
     * Caller threads that own a connection for their lifetime: taken when the thread starts, so
     * before the window opens, and given back when it ends. Waiting for one covers only the moment
     * between a window's threads ending and the next window's starting.
     */
    @Override
    public ThreadFactory callerThreads() {
      return task -> {
        Thread thread = new Thread(() -> {
          Connection c = null;
          try {
            c = unowned.poll(claimTimeout.toMillis(), TimeUnit.MILLISECONDS);
            own.set(c);
            task.run();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            own.remove();
            if (c != null) {
              unowned.add(c);
            }
          }
        }, "dedicated-caller-" + sequence.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      };
    }

    @Override
    public void close() throws SQLException {
      SQLException failure = new SQLException("closing dedicated connections failed");
      closeAll(connections, failure);
      if (failure.getSuppressed().length > 0) {
        throw failure;
      }
    }
  }
}
