package io.asyncoracle.boot.health;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.PoolStats;
import io.asyncoracle.boot.support.JdbcUrls;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.core.NestedExceptionUtils;

/**
 * Reports the pool's state and whether the database answers, without ever hanging and without
 * taking connections the application needs.
 *
 * <p>The pool's counters ({@code opened}, {@code busy}, {@code idle}, {@code waiting}, {@code min},
 * {@code max}) come from {@link AsyncPool#stats()}, which never borrows. The database is checked
 * with a ping on a pooled connection, bounded by the health timeout, and only when a connection is
 * free right now:
 * <ul>
 *   <li>Why the pool and not a fresh connection per check: a new Oracle session per probe costs a
 *   login on the database every few seconds, and proves nothing about the pool the application
 *   really uses (its credentials, its wallet, its connection limit).</li>
 *   <li>Why only when a connection is free: when every connection is busy or acquires are queued,
 *   a health check that queued too would take a connection from a waiting request, or hang behind
 *   them (Boot's own {@code DataSourceHealthIndicator} does, issues #4391 and #19047). Then the
 *   check does not borrow: busy connections show the database was usable, and it reports the
 *   outcome of the last ping it made, marked {@code "ping": "skipped: pool saturated"}.</li>
 *   <li>The acquire is cancelled when the timeout passes (the core removes the waiter from the
 *   queue), and the ping runs under a call timeout of the time left, so a database that stopped
 *   answering is reported {@code DOWN} within the timeout rather than hanging the probe.</li>
 * </ul>
 * Details never contain the password. They name the database product ({@code "database"}:
 * {@code Oracle}, {@code H2}), as Boot's own indicator does, and not the URL, whose host and
 * service name are for the operators' eyes; {@code async-oracle.health.show-url=true} adds it,
 * with credentials removed.
 */
public class AsyncOracleHealthIndicator extends AbstractHealthIndicator {

  private final AsyncPool pool;
  private final Duration timeout;
  private final String url;
  private final String database;
  private volatile PingResult lastPing;

  /** The outcome of one ping. */
  private record PingResult(Status status, String detail, Instant at) {
  }

  /**
   * Creates the indicator.
   *
   * @param pool the pool to report on
   * @param timeout how long one check may wait for a connection and the database's answer
   */
  public AsyncOracleHealthIndicator(AsyncPool pool, Duration timeout) {
    this(pool, timeout, false);
  }

  /**
   * Creates the indicator.
   *
   * @param pool the pool to report on
   * @param timeout how long one check may wait for a connection and the database's answer
   * @param showUrl whether the details show the URL (credentials removed)
   */
  public AsyncOracleHealthIndicator(AsyncPool pool, Duration timeout, boolean showUrl) {
    super("async-oracle health check failed");
    this.pool = pool;
    this.timeout = timeout;
    this.url = showUrl ? JdbcUrls.redact(pool.options().jdbcUrl()) : null;
    String product = io.asyncoracle.boot.template.AsyncOracleExceptionTranslator.databaseProductName(
        pool.options().jdbcUrl());
    this.database = product != null ? product : "unknown";
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    PoolStats stats = pool.stats();
    builder.withDetail("pool", pool.name()).withDetail("database", database);
    if (url != null) {
      builder.withDetail("url", url);
    }
    builder.withDetail("opened", stats.opened())
        .withDetail("busy", stats.busy())
        .withDetail("idle", stats.idle())
        .withDetail("waiting", stats.waiting())
        .withDetail("min", stats.min())
        .withDetail("max", stats.max());
    if (pool.isClosed()) {
      builder.down().withDetail("ping", "pool is closed");
      return;
    }
    if (stats.busy() >= stats.max() || stats.waiting() > 0) {
      reportSaturated(builder);
      return;
    }
    PingResult result = ping();
    if (result == null) {
      // Our acquire was queued behind the application's: the pool filled up meanwhile.
      reportSaturated(builder);
      return;
    }
    lastPing = result;
    builder.status(result.status()).withDetail("ping", result.detail());
  }

  private void reportSaturated(Health.Builder builder) {
    PingResult last = lastPing;
    builder.withDetail("ping", "skipped: pool saturated");
    if (last == null) {
      builder.up();
    } else {
      builder.status(last.status()).withDetail("lastPing", last.detail()).withDetail("lastPingAt", last.at().toString());
    }
  }

  /** Borrows, pings and gives back within the timeout; {@code null} when the acquire was queued. */
  private PingResult ping() {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    CompletableFuture<AsyncConnection> acquire = pool.acquire();
    AsyncConnection connection;
    try {
      connection = acquire.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      acquire.cancel(false);
      if (pool.stats().waiting() > 0) {
        return null;
      }
      return down("no connection within " + timeout.toMillis() + " ms (the database may be unreachable)");
    } catch (ExecutionException e) {
      return down(describe(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      acquire.cancel(false);
      return down("interrupted");
    }
    boolean answered = false;
    try {
      long left = Math.max(TimeUnit.MILLISECONDS.toNanos(1), deadline - System.nanoTime());
      connection.setCallTimeout(Duration.ofNanos(left).plusMillis(1));
      connection.ping().get(left, TimeUnit.NANOSECONDS);
      answered = true;
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      return new PingResult(Status.UP, "ok in " + millis + " ms", Instant.now());
    } catch (TimeoutException e) {
      return down("the database did not answer within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      return down(describe(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return down("interrupted");
    } finally {
      giveBack(connection, answered ? deadline : System.nanoTime());
    }
  }

  /**
   * Returns the connection. After a successful ping, waits (within the deadline) until it is back,
   * so the check leaves the pool as it found it; otherwise returns at once and lets the release
   * follow the call still running.
   */
  private static void giveBack(AsyncConnection connection, long deadline) {
    CompletableFuture<Void> closed = connection.close();
    try {
      closed.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // The connection goes back (or is discarded) on its own; nothing to report.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static PingResult down(String why) {
    return new PingResult(Status.DOWN, why, Instant.now());
  }

  /** The error and, when the pool wrapped it (UCP does, twice), the driver's own words. */
  private static String describe(Throwable error) {
    Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    Throwable root = NestedExceptionUtils.getMostSpecificCause(e);
    String text = e.getClass().getSimpleName() + ": " + e.getMessage();
    if (root != e) {
      text += " (root cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
    // Driver messages can echo the URL: strip credentials, as for the url detail.
    return JdbcUrls.redact(text);
  }
}
