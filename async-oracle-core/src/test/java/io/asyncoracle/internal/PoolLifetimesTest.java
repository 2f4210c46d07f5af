package io.asyncoracle.internal;

import static io.asyncoracle.PoolTestSupport.eventually;
import static io.asyncoracle.PoolTestSupport.openSessions;
import static io.asyncoracle.TestFutures.await;
import static io.asyncoracle.TestFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.GetMode;
import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.PoolClosedException;
import io.asyncoracle.PoolExhaustedException;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.PoolStats;
import io.asyncoracle.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * python-oracledb's {@code timeout}, {@code max_lifetime_session} and {@code ping_interval}, and
 * {@code pool.reconfigure}, on H2: what happens to idle and old connections, when a connection is
 * checked, and settings changed while connections are lent.
 */
class PoolLifetimesTest {

  private AsyncPool pool;
  private String url;

  @AfterEach
  void close() {
    if (pool != null && !pool.isClosed()) {
      pool.close(true, true).orTimeout(30, TimeUnit.SECONDS).join();
    }
  }

  private AsyncPool pool(PoolOptions.Builder options) {
    pool = AsyncOracle.createPool(options.build()).join();
    return pool;
  }

  private PoolOptions.Builder counted() {
    url = TestDatabases.newUrl();
    return TestDatabases.withTestWorkers(PoolOptions.builder().url(url).user("sa").password("lifetimes-pw")
        .min(1).max(2).acquireTimeout(Duration.ofSeconds(10))
        .connectionFactoryClassName(CountingDataSource.class.getName()));
  }

  private List<String> roundTrips() {
    List<String> calls = CountingDataSource.log(url).calls();
    calls.removeIf("isClosed"::equals);
    // Request boundaries (one pair per lend) are local calls, counted in FastPathTest.
    calls.removeIf(call -> call.equals("beginRequest") || call.equals("endRequest"));
    return calls;
  }

  private static long sessionId(AsyncConnection c) {
    return await(c.fetchOne("select session_id() from dual")).get(0, Long.class);
  }

  private List<AsyncConnection> acquire(int n) {
    List<AsyncConnection> lent = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lent.add(await(pool.acquire()));
    }
    return lent;
  }

  @Test
  void idleConnectionsAboveMinAreClosedAfterTheTimeout() {
    // holdIdleTimeout 0: the pool keeps its idle connections, so the timeout is what closes them.
    pool(TestDatabases.options().min(1).max(3).holdIdleTimeout(Duration.ZERO).timeout(Duration.ofSeconds(1)));
    List<AsyncConnection> lent = acquire(3);
    lent.forEach(c -> await(c.close()));
    assertThat(openSessions(pool)).isEqualTo(3);

    eventually("closed down to min", () -> openSessions(pool) == 1);

    assertThat(pool.stats().opened()).isEqualTo(1);
    AsyncConnection again = await(pool.acquire());
    assertThat(await(again.fetchOne("select 1 from dual")).get(0, Integer.class)).isEqualTo(1);
    await(again.close());
  }

  @Test
  void withoutATimeoutIdleConnectionsStayOpen() throws Exception {
    pool(TestDatabases.options().min(1).max(3).holdIdleTimeout(Duration.ZERO));
    acquire(3).forEach(c -> await(c.close()));
    Thread.sleep(2_500);
    assertThat(openSessions(pool)).isEqualTo(3);
  }

  @Test
  void aConnectionOlderThanMaxLifetimeSessionIsClosedOnReleaseAndWhenFoundIdle() throws Exception {
    pool(TestDatabases.options().min(0).max(1).failFast(false).maxLifetimeSession(Duration.ofMillis(700)));
    assertThat(pool.options().maxLifetime()).isEqualTo(Duration.ofMillis(700));
    AsyncConnection first = await(pool.acquire());
    long firstSession = sessionId(first);
    Thread.sleep(800);
    await(first.close());

    // Released past its lifetime: closed, not pooled.
    eventually("the old session is closed", () -> openSessions(pool) == 0);
    AsyncConnection second = await(pool.acquire());
    long secondSession = sessionId(second);
    assertThat(secondSession).isNotEqualTo(firstSession);
    await(second.close());

    // Idle past its lifetime: closed by housekeeping or by the next acquire, never lent.
    Thread.sleep(800);
    AsyncConnection third = await(pool.acquire());
    assertThat(sessionId(third)).isNotEqualTo(secondSession);
    await(third.close());
  }

  @Test
  void pingIntervalIsTheAliveBypassWindow() throws Exception {
    pool(counted().pingInterval(Duration.ofMillis(50)));
    assertThat(pool.options().aliveBypass()).isEqualTo(Duration.ofMillis(50));
    await(await(pool.acquire()).close());
    Thread.sleep(120);
    CountingDataSource.log(url).clear();
    AsyncConnection checked = await(pool.acquire());
    assertThat(roundTrips()).containsExactly("isValid");
    await(checked.close());
    CountingDataSource.log(url).clear();
    await(await(pool.acquire()).close());
    assertThat(roundTrips()).as("used a moment ago: lent unchecked").isEmpty();
  }

  @Test
  void aZeroPingIntervalChecksEveryLendAndANegativeOneNever() throws Exception {
    pool(counted().pingInterval(Duration.ZERO));
    await(await(pool.acquire()).close());
    Thread.sleep(5);
    CountingDataSource.log(url).clear();
    await(await(pool.acquire()).close());
    assertThat(roundTrips()).containsExactly("isValid");
    await(pool.close());

    pool(counted().pingInterval(Duration.ofSeconds(-1)));
    assertThat(pool.options().validateOnBorrow()).isFalse();
    assertThat(pool.options().pingInterval()).isNegative();
    await(await(pool.acquire()).close());
    Thread.sleep(700);
    CountingDataSource.log(url).clear();
    await(await(pool.acquire()).close());
    assertThat(roundTrips()).as("idle past the default window, never checked").isEmpty();
  }

  // ---- reconfigure -----------------------------------------------------------------------

  @Test
  void aLargerMaxServesQueuedAcquires() {
    pool(TestDatabases.options().min(1).max(1));
    AsyncConnection first = await(pool.acquire());
    CompletableFuture<AsyncConnection> queued = pool.acquire();
    assertThat(queued).isNotDone();

    PoolOptions changed = await(pool.reconfigure(b -> b.max(2)));

    assertThat(changed.max()).isEqualTo(2);
    assertThat(pool.options().max()).isEqualTo(2);
    AsyncConnection second = await(queued);
    assertThat(pool.stats().max()).isEqualTo(2);
    assertThat(pool.stats().busy()).isEqualTo(2);
    await(first.close());
    await(second.close());
  }

  @Test
  void aSmallerMaxClosesIdleConnectionsAtOnceAndLentOnesWhenTheyComeBackWithoutStoppingTheirWork() {
    pool(TestDatabases.options().min(1).max(3).holdIdleTimeout(Duration.ZERO));
    List<AsyncConnection> lent = acquire(3);
    await(lent.get(2).close());
    // A call in flight while the pool shrinks.
    CompletableFuture<Long> running = lent.get(0).fetchOne(TestDatabases.SLOW_QUERY).thenApply(r -> r.get(0, Long.class));
    TestDatabases.awaitRunning(pool, "system_range(1, 5000)", 1);

    await(pool.reconfigure(b -> b.min(1).max(1)));

    // The idle one is closed by the reconfigure itself (its close to UCP may finish a moment later).
    eventually("idle closed", () -> pool.stats().idle() == 0);
    assertThat(await(running)).isPositive();
    await(lent.get(0).close());
    await(lent.get(1).close());
    eventually("down to max", () -> openSessions(pool) == 1);
    PoolStats stats = pool.stats();
    assertThat(stats.opened()).isEqualTo(1);
    assertThat(stats.max()).isEqualTo(1);
    AsyncConnection only = await(pool.acquire());
    assertThat(pool.acquire()).isNotDone();
    await(only.close());
  }

  @Test
  void getModeTimeoutsAndStatementCacheSizeChangeAtRuntime() {
    pool(TestDatabases.options().min(1).max(1));
    AsyncConnection held = await(pool.acquire());

    await(pool.reconfigure(b -> b.getMode(GetMode.NOWAIT).stmtCacheSize(50).acquireTimeout(Duration.ofSeconds(3))
        .timeout(Duration.ofMinutes(5)).maxLifetimeSession(Duration.ofHours(1)).pingInterval(Duration.ofSeconds(60))
        .pingTimeout(Duration.ofSeconds(2)).increment(2)));

    assertThat(failure(pool.acquire())).isInstanceOf(PoolExhaustedException.class);
    await(held.close());
    AsyncConnection next = await(pool.acquire());
    assertThat(next.stmtCacheSize()).isEqualTo(50);
    await(next.close());
    PoolOptions now = pool.options();
    assertThat(now.getMode()).isEqualTo(GetMode.NOWAIT);
    assertThat(now.timeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(now.maxLifetimeSession()).isEqualTo(Duration.ofHours(1));
    assertThat(now.pingInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(now.pingTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(now.increment()).isEqualTo(2);
  }

  @Test
  void reconfigureRefusesWhatCannotChangeAndInvalidValuesAndChangesNothingThen() {
    pool(TestDatabases.options().min(1).max(2));
    PoolOptions before = pool.options();

    assertThat(failure(pool.reconfigure(b -> b.url(TestDatabases.newUrl()))))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("url"));
    assertThat(failure(pool.reconfigure(b -> b.password("other"))))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("password"));
    assertThat(failure(pool.reconfigure(b -> b.min(5))))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("min"));
    assertThat(failure(pool.reconfigure(null))).isInstanceOf(InvalidArgumentException.class);

    assertThat(pool.options()).isSameAs(before);
    await(pool.close());
    assertThat(failure(pool.reconfigure(b -> b.max(3)))).isInstanceOf(PoolClosedException.class);
  }

  @Test
  void aReconfiguredPingIntervalAppliesToTheNextLend() throws Exception {
    pool(counted());
    await(await(pool.acquire()).close());
    CountingDataSource.log(url).clear();
    await(await(pool.acquire()).close());
    assertThat(roundTrips()).isEmpty();

    await(pool.reconfigure(b -> b.pingInterval(Duration.ZERO)));
    Thread.sleep(5);
    CountingDataSource.log(url).clear();
    await(await(pool.acquire()).close());

    assertThat(roundTrips()).containsExactly("isValid");
  }
}
