package io.asyncoracle.boot.health;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.PoolStats;
import io.asyncoracle.boot.support.JdbcUrls;
import java.time.Duration;
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
 * {@code max}) come from {@link AsyncPool#stats()}, which never borrows. The status:
 * <ul>
 *   <li>{@code DOWN} when the last attempts to open a connection failed and nothing was lent,
 *   opened or validated since: the details carry {@code lastConnectFailure} (the error, without
 *   the password) and {@code lastConnectFailureAt}.</li>
 *   <li>When callers are waiting (the pool is growing, or every connection is lent), the check
 *   does not borrow: it would take a connection from a waiting request, or hang behind them (Boot's
 *   own {@code DataSourceHealthIndicator} does, issues #4391 and #19047). It is {@code UP} only if
 *   a connection was lent, opened or validated recently, before or during the check: within the
 *   health timeout while the pool grows, within the acquire timeout (how long a caller may wait)
 *   when all {@code max} connections are lent; otherwise {@code DOWN}: "no connection could be opened" when fewer than {@code max}
 *   are open (the database may be unreachable), "no connection was lent" when all are busy (the
 *   calls holding them do not finish). The {@code ping} detail says why it was skipped; it says
 *   {@code "skipped: pool saturated"} only when all {@code max} connections are lent.</li>
 *   <li>When all {@code max} connections are lent and nobody waits, no caller is failing: {@code UP},
 *   ping skipped.</li>
 *   <li>Otherwise the check pings on a pooled connection, bounded by the health timeout: the acquire
 *   is cancelled when the timeout passes (the core removes the waiter from the queue), and the ping
 *   runs under a call timeout of the time left, so a database that stopped answering is reported
 *   {@code DOWN} within the timeout rather than hanging the probe. Why the pool and not a fresh
 *   connection per check: a new Oracle session per probe costs a login on the database every few
 *   seconds, and proves nothing about the pool the application really uses (its credentials, its
 *   wallet, its connection limit).</li>
 * </ul>
 * The indicator learns of lent and opened connections and failed opens from the pool's events
 * ({@link AsyncPool#addListener}); for a pool that takes no listeners it falls back to pinging
 * whenever a connection is free and reporting {@code UP} when it is not.
 *
 * <p>Details never contain the password. They name the database product ({@code "database"}:
 * {@code Oracle}, {@code H2}), as Boot's own indicator does, and not the URL, whose host and
 * service name are for the operators' eyes; {@code async-oracle.health.show-url=true} adds it,
 * with credentials removed.
 */
public class AsyncOracleHealthIndicator extends AbstractHealthIndicator {

  private final AsyncPool pool;
  private final Duration timeout;
  private final String url;
  private final String database;
  private final String password;
  /** The pool's events, or {@code null} when the pool takes no listeners. */
  private final PoolActivity activity;

  /** The outcome of one ping. */
  private record PingResult(Status status, String detail) {
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
   * Creates the indicator and subscribes it to the pool's events.
   *
   * @param pool the pool to report on
   * @param timeout how long one check may wait for a connection and the database's answer
   * @param showUrl whether the details show the URL (credentials removed)
   */
  public AsyncOracleHealthIndicator(AsyncPool pool, Duration timeout, boolean showUrl) {
    this(pool, timeout, showUrl, subscribe(pool));
  }

  /** For tests that drive the pool's events by hand. */
  AsyncOracleHealthIndicator(AsyncPool pool, Duration timeout, boolean showUrl, PoolActivity activity) {
    super("async-oracle health check failed");
    this.pool = pool;
    this.timeout = timeout;
    this.url = showUrl ? JdbcUrls.redact(pool.options().jdbcUrl()) : null;
    String product = io.asyncoracle.boot.template.AsyncOracleExceptionTranslator.databaseProductName(
        pool.options().jdbcUrl());
    this.database = product != null ? product : "unknown";
    this.password = pool.options().password();
    this.activity = activity;
  }

  private static PoolActivity subscribe(AsyncPool pool) {
    PoolActivity activity = new PoolActivity();
    try {
      pool.addListener(activity);
      return activity;
    } catch (UnsupportedOperationException e) {
      return null;
    }
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws InterruptedException {
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
    boolean saturated = stats.busy() >= stats.max();
    if (activity == null) {
      if (saturated || stats.waiting() > 0) {
        builder.up().withDetail("ping", "skipped: pool saturated");
        return;
      }
      PingResult result = ping();
      builder.status(result == null ? Status.UP : result.status())
          .withDetail("ping", result == null ? "skipped: acquires waiting" : result.detail());
      return;
    }
    PoolActivity.ConnectFailure failing = activity.failingSince();
    if (failing != null && stats.idle() == 0) {
      builder.down().withDetail("ping", "skipped: the last attempt to open a connection failed");
      withFailure(builder, failing);
      return;
    }
    if (saturated && stats.waiting() == 0) {
      // Every connection is lent and nobody waits: no caller is being failed.
      builder.up().withDetail("ping", "skipped: pool saturated");
      withLastGood(builder);
      return;
    }
    if (saturated || stats.waiting() > 0) {
      judgeWithoutBorrowing(builder, stats, saturated);
      return;
    }
    PingResult result = ping();
    if (result == null) {
      // Our acquire was queued behind the application's: the pool filled up meanwhile.
      judgeWithoutBorrowing(builder, pool.stats(), pool.stats().busy() >= pool.stats().max());
      return;
    }
    builder.status(result.status()).withDetail("ping", result.detail());
    if (result.status() != Status.UP) {
      withFailure(builder, activity.lastFailure());
    }
  }

  /**
   * Callers are waiting: UP only on evidence from the last health timeout (a connection lent,
   * opened or validated), waiting for it up to the timeout if there is none yet.
   */
  private void judgeWithoutBorrowing(Health.Builder builder, PoolStats stats, boolean saturated)
      throws InterruptedException {
    builder.withDetail("ping", saturated ? "skipped: pool saturated" : "skipped: acquires waiting for a new connection");
    // All lent: a caller may wait up to the acquire timeout, so a lend within it is evidence enough
    // (a few long calls do not take the instance out of service). Still growing: the health timeout.
    Duration acquireTimeout = pool.options().acquireTimeout();
    Duration recent = saturated && acquireTimeout.compareTo(timeout) > 0 ? acquireTimeout : timeout;
    PoolActivity.Outcome outcome = activity.goodWithin(recent) ? PoolActivity.Outcome.GOOD : activity.awaitNext(timeout);
    if (outcome == PoolActivity.Outcome.GOOD) {
      builder.up();
      withLastGood(builder);
      return;
    }
    builder.down();
    if (outcome == PoolActivity.Outcome.CONNECT_FAILED) {
      builder.withDetail("error", "the attempt to open a connection failed");
    } else if (saturated) {
      builder.withDetail("error", "no connection was lent within " + recent.toMillis() + " ms while "
          + stats.waiting() + " acquire(s) wait and all " + stats.max() + " connections are busy");
    } else {
      builder.withDetail("error", "no connection could be opened within " + timeout.toMillis() + " ms ("
          + stats.opened() + " of " + stats.max() + " open, " + stats.waiting()
          + " acquire(s) waiting): the database may be unreachable");
    }
    withLastGood(builder);
    withFailure(builder, activity.lastFailure());
  }

  private void withLastGood(Health.Builder builder) {
    java.time.Instant lastGood = activity.lastGoodAt();
    if (lastGood != null) {
      builder.withDetail("lastLentOrValidatedAt", lastGood.toString());
    }
  }

  private void withFailure(Health.Builder builder, PoolActivity.ConnectFailure failure) {
    if (failure != null) {
      builder.withDetail("lastConnectFailure", describe(failure.error()))
          .withDetail("lastConnectFailureAt", failure.at().toString());
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
      if (activity != null) {
        activity.onValidated();
      }
      return new PingResult(Status.UP, "ok in " + millis + " ms");
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

  private PingResult down(String why) {
    return new PingResult(Status.DOWN, why);
  }

  /**
   * The error and, when the pool wrapped it (UCP does, twice), the driver's own words; without
   * credentials, whatever the driver put in its message.
   */
  private String describe(Throwable error) {
    Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    Throwable root = NestedExceptionUtils.getMostSpecificCause(e);
    String text = e.getClass().getSimpleName() + ": " + e.getMessage();
    if (root != e) {
      text += " (root cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
    // Driver messages can echo the URL: strip credentials, as for the url detail.
    text = JdbcUrls.redact(text);
    if (password == null || password.isEmpty()) {
      return text;
    }
    // As a token, so that a short password does not mangle the words it happens to be part of.
    return text.replaceAll("(?<![\\p{Alnum}])" + java.util.regex.Pattern.quote(password) + "(?![\\p{Alnum}])", "******");
  }
}
