package io.asyncoracle.internal;

import io.asyncoracle.AcquireTimeoutException;
import io.asyncoracle.AsyncOracleException;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.PoolClosedException;
import io.asyncoracle.PoolOptions;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Opens physical connections from UCP, one at a time, each within the connect timeout. Every open
 * was reserved in {@link PoolState} (it takes a place) and ends in exactly one of
 * {@link PoolState#opened} or {@link PoolState#openFailed}. One open runs at a time: UCP 23.26 fails
 * borrows that race each other while it grows (measured: plain UCP, 10 threads borrowing and holding,
 * failed in 2 of 5 rounds; one thread, 10 of 10 rounds fine).
 */
final class PoolOpener {

  private static final System.Logger LOG = System.getLogger(PoolOpener.class.getName());

  private final UcpAsyncPool pool;
  // Guarded by this.
  private boolean running;
  private int queued;
  /** The last error an open met, for the messages of acquires that time out; cleared by a success. */
  private volatile SQLException lastError;

  PoolOpener(UcpAsyncPool pool) {
    this.pool = pool;
  }

  /** One attempt: whoever settles it first wins, the driver returning or the connect timeout. */
  private static final class Attempt {
    final AtomicBoolean settled = new AtomicBoolean();
    volatile ScheduledFuture<?> timer;

    boolean settle() {
      if (!settled.compareAndSet(false, true)) {
        return false;
      }
      ScheduledFuture<?> t = timer;
      if (t != null) {
        t.cancel(false);
      }
      return true;
    }
  }

  /** The last error an open met (mapped), or {@code null}. */
  RuntimeException lastFailure() {
    SQLException e = lastError;
    return e == null ? null : Errors.map(e);
  }

  /**
   * Creates the pool: with fail-fast, borrows a first connection within the connect timeout (it
   * stays as the pool's first idle connection).
   */
  CompletableFuture<AsyncPool> openFirst() {
    PoolOptions options = pool.options();
    Engine engine = pool.engine;
    CompletableFuture<AsyncPool> created = new CompletableFuture<>();
    Attempt attempt = new Attempt();
    if (options.failFast() && !options.connectTimeout().isZero()) {
      attempt.timer = engine.schedule(() -> {
        if (attempt.settled.compareAndSet(false, true)) {
          // The driver is stuck connecting: give up on it (its thread is abandoned) and say where.
          AcquireTimeoutException timeout = connectTimeoutError();
          Thread destroyer = new Thread(pool.shutdown::destroyNow, pool.name + "-destroy");
          destroyer.setDaemon(true);
          destroyer.start();
          engine.failFromTimer(created, timeout);
        }
      }, options.connectTimeout().toNanos());
    }
    engine.workers().execute(() -> {
      try {
        HeldConnection first = null;
        if (options.failFast()) {
          first = borrowAndAdopt(attempt.settled::get);
        }
        if (!attempt.settle()) {
          if (first != null) {
            first.returnToUcp();
          }
          return;
        }
        if (first != null) {
          pool.notifyListener(io.asyncoracle.PoolListener::onConnectionOpened);
          pool.state.reserveOpening();
          pool.handoffs.handle(first, pool.state.opened(first));
        }
        pool.started();
        LOG.log(Level.DEBUG, () -> pool.name + " - started (" + options + ")");
        engine.complete(created, pool);
      } catch (Throwable e) {
        if (attempt.settle()) {
          pool.shutdown.destroyNow();
          engine.fail(created, Errors.failure(e));
        }
      }
    });
    return created;
  }

  /** Starts {@code opens} reserved opens (one at a time). */
  void start(int opens) {
    if (opens <= 0) {
      return;
    }
    synchronized (this) {
      queued += opens;
      if (running) {
        return;
      }
      running = true;
      queued--;
    }
    launch();
  }

  /** The running open settled: the next queued one starts. */
  private void settled() {
    synchronized (this) {
      if (queued == 0) {
        running = false;
        return;
      }
      queued--;
    }
    launch();
  }

  private void launch() {
    if (pool.state.lifecycle() != PoolLifecycle.OPEN) {
      // Suspended or closing: the place goes back without borrowing from a stopped or destroyed UCP.
      settled();
      failed(null);
      return;
    }
    Attempt attempt = new Attempt();
    Duration connectTimeout = pool.options().connectTimeout();
    if (!connectTimeout.isZero()) {
      attempt.timer = pool.engine.schedule(() -> connectTimedOut(attempt), connectTimeout.toNanos());
    }
    try {
      pool.engine.workers().execute(() -> openOne(attempt));
    } catch (RejectedExecutionException e) {
      if (attempt.settle()) {
        settled();
        failed(new PoolClosedException(pool.name + " - pool is closed", e));
      }
    }
  }

  /** The driver did not return within the connect timeout: the place is freed, its thread abandoned. */
  private void connectTimedOut(Attempt attempt) {
    if (attempt.settle()) {
      settled();
      LOG.log(Level.WARNING, () -> pool.name + " - opening a connection to " + pool.redactedUrl + " took longer than "
          + pool.options().connectTimeout().toMillis() + " ms; abandoned");
      AcquireTimeoutException timeout = connectTimeoutError();
      pool.notifyListener(l -> l.onConnectFailure(timeout));
      failed(timeout);
    }
  }

  AcquireTimeoutException connectTimeoutError() {
    SQLException last = lastError;
    return new AcquireTimeoutException(pool.name + " - could not connect to " + pool.redactedUrl
        + " within the connect timeout of " + pool.options().connectTimeout().toMillis() + " ms ("
        + pool.stateForMessages() + ")", pool.stats(), last == null ? null : Errors.map(last));
  }

  private void openOne(Attempt attempt) {
    HeldConnection held;
    try {
      held = borrowAndAdopt(attempt.settled::get);
    } catch (Throwable e) {
      if (attempt.settle()) {
        settled();
        Throwable failure = Errors.failure(e);
        if (!(failure instanceof PoolClosedException)) {
          pool.notifyListener(l -> l.onConnectFailure(failure));
        }
        failed(failure);
      }
      return;
    }
    if (!attempt.settle()) {
      // Too late: its place was given up at the connect timeout.
      held.returnToUcp();
      return;
    }
    settled();
    lastError = null;
    pool.notifyListener(io.asyncoracle.PoolListener::onConnectionOpened);
    pool.handoffs.handle(held, pool.state.opened(held));
  }

  /** A reserved open did not give a connection: the first waiter gets the error, the others another try. */
  private void failed(Throwable error) {
    OpenFailure failure = pool.state.openFailed();
    if (failure.waiterToFail() != null) {
      pool.failAcquire(failure.waiterToFail(), error != null ? error
          : new PoolClosedException(pool.name + " - pool is closed"));
    }
    start(failure.opens());
    pool.shutdown.progress();
  }

  /**
   * Borrows from UCP and takes the connection over; a connection the pool gave up on before (UCP
   * may lend the same physical connection again) is closed for good and another one borrowed.
   */
  private HeldConnection borrowAndAdopt(BooleanSupplier givenUp) throws SQLException {
    while (true) {
      Connection c = borrowFromUcp(givenUp);
      HeldConnection held;
      try {
        held = pool.adopt(c);
      } catch (SQLException | RuntimeException e) {
        closeQuietly(c);
        throw e;
      }
      if (!held.state.discarded) {
        return held;
      }
      LOG.log(Level.DEBUG, () -> pool.name + " - UCP lent a connection the pool had given up on; closing it");
      held.close();
    }
  }

  /**
   * Borrows from UCP, again when UCP says it is full although it is not. The pool only opens when
   * it has room, and UCP's maximum is twice the pool's, so UCP is never really full here; but UCP
   * 23.26 can fail a borrow that raced others while it grows, with UCP-45064. Such a failure is
   * retried within the connect timeout, and only while the pool is open: a suspended pool stopped
   * UCP's pool, whose refusals are not worth retrying.
   */
  private Connection borrowFromUcp(BooleanSupplier givenUp) throws SQLException {
    PoolOptions options = pool.options();
    Duration bound = options.connectTimeout().isZero() ? options.acquireTimeout() : options.connectTimeout();
    long giveUpAt = System.nanoTime() + (bound.isZero() ? Duration.ofSeconds(30) : bound).toNanos();
    if (pool.ucpControl.stopped()) {
      pool.ucpControl.startIfStopped();
    }
    while (true) {
      try {
        return pool.ucp.getConnection();
      } catch (SQLException e) {
        lastError = e;
        if (!UcpConfiguration.isUcpWait(e) || givenUp.getAsBoolean()
            || pool.state.lifecycle() != PoolLifecycle.OPEN || System.nanoTime() - giveUpAt > 0) {
          throw e;
        }
        LOG.log(Level.DEBUG, () -> pool.name + " - UCP's short wait passed while it opens or grows; borrowing again");
      }
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.TRACE, () -> "closing a connection failed: " + e);
    }
  }
}
