package io.asyncoracle.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncoracle.AcquireTimeoutException;
import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.CallTimeoutException;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The pool's deadlines and recovery with a fault proxy between it and an H2 TCP server: a
 * database that never answers a connect, one that freezes mid-call, connections cut under load,
 * and a slow network. Every loop is bounded in count and time, and everything is on loopback.
 */
@Tag("workers")
class PoolUnderFaultsTest {

  private static final String FAST = "select ? from dual";
  private static final String SLOW_QUERY_WITH_BIND =
      "select count(*) from system_range(1, 5000) a, system_range(1, 5000) b where a.x + b.x > ?";

  private H2TcpServer server;
  private FaultProxy proxy;
  private AsyncPool pool;

  @BeforeEach
  void start() throws Exception {
    server = H2TcpServer.start();
    proxy = server.proxy();
  }

  @AfterEach
  void stop() {
    proxy.pass();
    if (pool != null) {
      pool.close(true, true).orTimeout(30, TimeUnit.SECONDS).join();
    }
    proxy.close();
    server.close();
  }

  private PoolOptions.Builder throughProxy() {
    return TestDatabases.withTestWorkers(PoolOptions.builder().url(server.urlThrough(proxy, H2TcpServer.newDatabaseName()))
        .user("sa").password("faults-pw").min(0).max(4).acquireTimeout(Duration.ofSeconds(10)));
  }

  private static Throwable causeOf(CompletableFuture<?> future) {
    try {
      future.orTimeout(60, TimeUnit.SECONDS).join();
      throw new AssertionError("expected the future to fail");
    } catch (CompletionException e) {
      return e.getCause();
    }
  }

  @Test
  void aCallTimeoutIsADeadlineWhereverTheCallIs() {
    pool = AsyncOracle.createPool(throughProxy().build()).join();
    // 1 ms: the deadline passes while preparing, binding or executing, depending on the run.
    for (int i = 0; i < 20; i++) {
      int run = i;
      CompletableFuture<Long> call = pool.withConnection(c -> {
        c.setCallTimeout(Duration.ofMillis(1));
        // A bind value of its own each run: H2 answers a repeated identical query from its cache.
        return c.fetchOne(SLOW_QUERY_WITH_BIND, -run).thenApply(row -> row.get(0, Long.class));
      });
      assertThat(causeOf(call)).as("run %d", i).isInstanceOf(CallTimeoutException.class);
    }
    // The connections recovered from the cancels (DPI-1067): they still answer.
    assertThat(pool.withConnection(c -> c.fetchOne(FAST, 5)).join().get(0, Integer.class)).isEqualTo(5);
    assertThat(pool.stats().busy()).isZero();
  }

  @Test
  void createPoolWithFailFastFailsWithinTheConnectTimeoutAndNamesTheHost() {
    proxy.blackhole();
    long start = System.nanoTime();
    CompletableFuture<AsyncPool> created = AsyncOracle.createPool(throughProxy()
        .connectTimeout(Duration.ofSeconds(1)).acquireTimeout(Duration.ofSeconds(2)).build());
    Throwable error = causeOf(created);
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(error).isInstanceOf(AcquireTimeoutException.class)
        .hasMessageContaining("127.0.0.1:" + proxy.port())
        .hasMessageContaining("connect timeout");
    assertThat(error.getMessage()).doesNotContain("faults-pw");
    assertThat(tookMillis).as("failed near the 1 s connect timeout").isLessThan(10_000);
  }

  @Test
  void anAcquireThatMustConnectFailsAtItsDeadlineAndGivesThePlaceBack() {
    pool = AsyncOracle.createPool(throughProxy().max(1).failFast(false)
        .connectTimeout(Duration.ofSeconds(30)).acquireTimeout(Duration.ofMillis(800)).build()).join();
    proxy.blackhole();
    CompletableFuture<AsyncConnection> acquire = pool.acquire();
    assertThat(causeOf(acquire)).isInstanceOf(AcquireTimeoutException.class);
    assertThat(pool.stats().busy()).isZero();
    // The stuck connect still holds the only place until the connect timeout; a pool whose connect
    // timeout is short gives it back at that deadline.
  }

  @Test
  void aConnectThatNeverReturnsIsAbandonedAtTheConnectTimeout() {
    pool = AsyncOracle.createPool(throughProxy().max(1).failFast(false)
        .connectTimeout(Duration.ofMillis(500)).acquireTimeout(Duration.ofSeconds(20)).build()).join();
    proxy.blackhole();
    long start = System.nanoTime();
    Throwable error = causeOf(pool.acquire());
    assertThat(error).isInstanceOf(AcquireTimeoutException.class).hasMessageContaining("connect timeout");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(15_000);
    // The place was given back: once the database answers again, the same pool connects.
    proxy.pass();
    assertThat(pool.withConnection(c -> c.fetchOne(FAST, 3)).orTimeout(30, TimeUnit.SECONDS).join()
        .get(0, Integer.class)).isEqualTo(3);
    assertThat(pool.stats().busy()).isZero();
  }

  @Test
  void aDatabaseThatFreezesMidCallFailsTheCallAtItsTimeoutAndThePoolRefills() {
    pool = AsyncOracle.createPool(throughProxy().max(2).callTimeout(Duration.ofMillis(300)).build()).join();
    assertThat(pool.withConnection(c -> c.fetchOne(FAST, 1)).join().get(0, Integer.class)).isEqualTo(1);
    proxy.freeze();
    long start = System.nanoTime();
    Throwable error = causeOf(pool.withConnection(c -> c.fetchOne(FAST, 2)));
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(error).isInstanceOf(CallTimeoutException.class).hasMessageContaining("discarded");
    assertThat(tookMillis).as("call timeout + cancel grace, not the freeze").isLessThan(10_000);
    assertThat(pool.stats().busy()).as("the frozen connection's place was freed").isZero();
    proxy.cut();
    proxy.pass();
    assertThat(pool.withConnection(c -> c.fetchOne(FAST, 4)).orTimeout(30, TimeUnit.SECONDS).join()
        .get(0, Integer.class)).isEqualTo(4);
  }

  @Test
  void connectionsCutUnderLoadHangNoCallerAndLeakNoPlace() throws Exception {
    pool = AsyncOracle.createPool(throughProxy().max(4).build()).join();
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    List<CompletableFuture<?>> calls = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 200; i++) {
        int id = i;
        calls.add(pool.withConnection(c -> c.fetchOne(FAST, id))
            .whenComplete((row, e) -> (e == null ? ok : failed).incrementAndGet()));
      }
      Thread.sleep(20);
      proxy.cut();
    }
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).handle((v, e) -> null)
        .orTimeout(60, TimeUnit.SECONDS).join();
    assertThat(ok.get() + failed.get()).isEqualTo(600);
    assertThat(pool.stats().busy()).isZero();
    // Every place is usable again: max connections at once. UCP may still be replacing the dead
    // connections it was given back, so this is retried for a bounded time.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
    Throwable last = null;
    while (System.nanoTime() < deadline) {
      try {
        assertMaxConnectionsAnswer(4);
        return;
      } catch (CompletionException e) {
        last = e;
      }
    }
    throw new AssertionError("the pool did not recover after the cuts", last);
  }

  private void assertMaxConnectionsAnswer(int max) {
    List<AsyncConnection> all = new ArrayList<>();
    try {
      for (int i = 0; i < max; i++) {
        all.add(pool.acquire().orTimeout(30, TimeUnit.SECONDS).join());
      }
      for (AsyncConnection c : all) {
        assertThat(c.fetchOne(FAST, 9).orTimeout(30, TimeUnit.SECONDS).join().get(0, Integer.class)).isEqualTo(9);
      }
    } finally {
      all.forEach(c -> c.close().join());
    }
  }

  @Test
  void closeWithInterruptIsPromptOnABusyPoolAndClosesEverySession() throws Exception {
    String database = H2TcpServer.newDatabaseName();
    pool = AsyncOracle.createPool(TestDatabases.withTestWorkers(PoolOptions.builder().url(server.directUrl(database))
        .user("sa").password("faults-pw").min(8).max(8).acquireTimeout(Duration.ofSeconds(60))).build()).join();
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      all.add(pool.withConnection(c -> c.fetchOne(TestDatabases.VERY_SLOW_QUERY)));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (pool.stats().busy() < 8 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    for (int i = 0; i < 492; i++) {
      all.add(pool.withConnection(c -> c.fetchOne(FAST, 1)));
    }
    Thread.sleep(200);

    long start = System.nanoTime();
    CompletableFuture<Void> closed = pool.close(true, true);
    closed.orTimeout(30, TimeUnit.SECONDS).join();
    long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).handle((v, e) -> null)
        .orTimeout(30, TimeUnit.SECONDS).join();
    assertThat(all).allMatch(CompletableFuture::isCompletedExceptionally);
    System.out.println("close(force, interrupt) with 8 running and 492 queued took " + closeMillis + " ms");
    // The target is under 500 ms; a test on a shared machine only checks it is nowhere near the
    // 30 s the queries would take (the benchmark README reports the measured time).
    assertThat(closeMillis).as("close(force, interrupt) took %d ms", closeMillis).isLessThan(5_000);
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(server.directUrl(database), "sa", "faults-pw");
        java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery("select count(*) from information_schema.sessions")) {
      rs.next();
      assertThat(rs.getInt(1)).as("database sessions left besides this one").isEqualTo(1);
    }
    pool = null;
  }

  @Test
  void aSlowNetworkKeepsEveryConnectionBusy() {
    // 20 ms each way: each call takes at least 40 ms. With 4 connections the pool must overlap
    // them: 40 calls take about 10 round trips, far fewer than the 40 of one connection.
    pool = AsyncOracle.createPool(throughProxy().max(4).build()).join();
    List<AsyncConnection> warm = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      warm.add(pool.acquire().join());
    }
    warm.forEach(c -> c.close().join());
    proxy.latency(Duration.ofMillis(20));
    long start = System.nanoTime();
    List<CompletableFuture<?>> calls = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      int id = i;
      calls.add(pool.withConnection(c -> c.fetchOne(FAST, id)));
    }
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(tookMillis).as("40 calls on 4 connections at >= 40 ms each").isLessThan(40 * 40);
  }
}
