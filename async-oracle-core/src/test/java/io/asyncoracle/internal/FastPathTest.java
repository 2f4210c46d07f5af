package io.asyncoracle.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.TestDatabases;
import io.asyncoracle.VirtualThreads;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fast path's structural promises, counted rather than timed: how many worker tasks a call
 * costs, which driver calls reach the physical connection, when a held connection is checked, and
 * when it goes back to UCP.
 */
@org.junit.jupiter.api.Tag("workers")
class FastPathTest {

  private static final String FAST_QUERY = "select ? from dual";

  private AsyncPool pool;
  private String url;
  private CountingExecutor delegate;

  @AfterEach
  void close() {
    if (pool != null) {
      pool.close(true, true).orTimeout(30, TimeUnit.SECONDS).join();
    }
    if (delegate != null) {
      delegate.shutdownNow();
    }
  }

  private PoolOptions.Builder counted() {
    url = TestDatabases.newUrl();
    return TestDatabases.withTestWorkers(PoolOptions.builder().url(url).user("sa").password("fast-path-pw").min(1).max(2)
        .acquireTimeout(Duration.ofSeconds(10))
        .connectionFactoryClassName(CountingDataSource.class.getName()));
  }

  private CountingDataSource.Log log() {
    return CountingDataSource.log(url);
  }

  /**
   * The driver calls that reached the physical connection, without {@code isClosed}: the pool's
   * local check before lending a held connection, which H2 and ojdbc answer from the client's own
   * state, with no round trip.
   */
  private List<String> roundTripCalls() {
    List<String> calls = log().calls();
    calls.removeIf("isClosed"::equals);
    // Request boundaries are local calls (a flag under the driver's lock): counted on their own below.
    calls.removeIf(call -> call.equals("beginRequest") || call.equals("endRequest"));
    return calls;
  }

  @Test
  void everyLendIsOneRequestForTheDriver() {
    pool = AsyncOracle.createPool(counted().build()).join();
    fetch(0);
    log().clear();
    for (int i = 0; i < 50; i++) {
      fetch(i);
    }
    AsyncConnection held = pool.acquire().join();
    held.fetchOne("select 1 from dual").join();
    held.fetchOne("select 2 from dual").join();
    held.close().join();
    List<String> calls = log().calls();
    calls.removeIf(call -> !call.equals("beginRequest") && !call.equals("endRequest"));
    assertThat(calls).as("one beginRequest when lent, one endRequest when it comes back, per lend")
        .hasSize(2 * 51);
    for (int i = 0; i < calls.size(); i += 2) {
      assertThat(calls.subList(i, i + 2)).containsExactly("beginRequest", "endRequest");
    }
  }

  private UcpAsyncPool ucpPool() {
    return (UcpAsyncPool) pool;
  }

  private CountingExecutor countingWorkers() {
    delegate = new CountingExecutor();
    return delegate;
  }

  private int fetch(int id) {
    return pool.withConnection(c -> c.fetchOne(FAST_QUERY, id)).orTimeout(30, TimeUnit.SECONDS).join()
        .get(0, Integer.class);
  }

  @Test
  void acquireWithAnIdleConnectionCompletesOnTheCallersThreadWithoutAWorkerTask() {
    CountingExecutor workers = countingWorkers();
    pool = AsyncOracle.createPool(counted().workerExecutor(workers).build()).join();
    fetch(1);
    long before = workers.tasks.get();

    CompletableFuture<AsyncConnection> acquired = pool.acquire();

    assertThat(acquired).as("completed before acquire() returned").isDone();
    assertThat(workers.tasks.get()).isEqualTo(before);
    acquired.join().close().join();
    assertThat(workers.tasks.get()).as("a clean release needs no task").isEqualTo(before);
    assertThat(pool.stats().busy()).isZero();
  }

  @Test
  void withConnectionFetchOneCostsExactlyOneWorkerTask() {
    CountingExecutor workers = countingWorkers();
    pool = AsyncOracle.createPool(counted().workerExecutor(workers).build()).join();
    fetch(1);
    for (int i = 0; i < 50; i++) {
      long before = workers.tasks.get();
      assertThat(fetch(i)).isEqualTo(i);
      assertThat(workers.tasks.get() - before).as("tasks for call %d", i).isEqualTo(1);
    }
  }

  @Test
  void steadyStateCallsMakeOnlyTheDriverCallsABareConnectionMakes() throws Exception {
    pool = AsyncOracle.createPool(counted().build()).join();
    pool.withConnection(c -> c.execute("create table fast_path (id number primary key, name varchar2(20))")).join();
    fetch(1);

    // What a bare connection needs for the same statement: prepare (execute and close are statement calls).
    CountingDataSource bare = new CountingDataSource();
    bare.setURL(url);
    bare.setUser("sa");
    bare.setPassword("fast-path-pw");
    List<String> bareQuery;
    try (Connection c = bare.getConnection()) {
      log().clear();
      try (var ps = c.prepareStatement(FAST_QUERY)) {
        ps.setInt(1, 1);
        ps.executeQuery().close();
      }
      bareQuery = log().calls();
    }

    log().clear();
    for (int i = 0; i < 100; i++) {
      assertThat(fetch(i)).isEqualTo(i);
    }
    Map<String, Integer> counts = new HashMap<>();
    roundTripCalls().forEach(call -> counts.merge(call, 1, Integer::sum));
    assertThat(bareQuery).containsExactly("prepareStatement");
    assertThat(counts).as("no isValid, rollback, setAutoCommit or UCP work per call").containsOnly(
        Map.entry("prepareStatement", 100));

    log().clear();
    pool.withConnection(c -> c.execute("insert into fast_path values (?, ?)", 1, "one").thenCompose(n -> c.commit()))
        .join();
    assertThat(roundTripCalls()).containsExactly("prepareStatement", "commit");

    log().clear();
    pool.withConnection(c -> c.execute("insert into fast_path values (?, ?)", 2, "two")).join();
    assertThat(roundTripCalls()).as("uncommitted work is rolled back on release").containsExactly("prepareStatement",
        "rollback");
  }

  @Test
  void aConnectionIdlePastTheAliveBypassWindowIsCheckedBeforeUse() throws Exception {
    pool = AsyncOracle.createPool(counted().aliveBypass(Duration.ofMillis(50)).build()).join();
    fetch(1);
    Thread.sleep(120);
    log().clear();
    fetch(2);
    assertThat(roundTripCalls()).containsExactly("isValid", "prepareStatement");
    log().clear();
    fetch(3);
    assertThat(roundTripCalls()).as("used a moment ago: lent unchecked").containsExactly("prepareStatement");
  }

  @Test
  void aConnectionThatFailsItsCheckIsReplacedWithoutTheCallerSeeingIt() throws Exception {
    pool = AsyncOracle.createPool(counted().max(1).aliveBypass(Duration.ofMillis(20)).build()).join();
    fetch(1);
    log().clear();
    log().failValidation(true);
    Thread.sleep(60);
    // UCP validates what it lends with isValid too: let it pass again once ours has failed.
    CompletableFuture<Integer> answer = CompletableFuture.supplyAsync(() -> fetch(7));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!log().calls().contains("isValid") && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    log().failValidation(false);
    assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(7);
    // It went back to UCP, which checked it again itself before lending it (or replaced it).
    List<String> calls = roundTripCalls();
    assertThat(calls.subList(0, calls.indexOf("prepareStatement")))
        .as("our check failed, then UCP's borrow check and a fresh adopt: %s", calls)
        .containsSubsequence("isValid", "isValid", "getAutoCommit");
    // Widen the bypass so a slow machine's pause between the two calls does not trigger a check.
    pool.reconfigure(b -> b.aliveBypass(Duration.ofMinutes(1))).join();
    log().clear();
    assertThat(fetch(8)).isEqualTo(8);
    assertThat(roundTripCalls()).as("the replacement is lent without another check").containsExactly("prepareStatement");
    assertThat(pool.stats().busy()).isZero();
  }

  @Test
  void aConnectionClosedUnderThePoolIsNeverLentAgain() throws Exception {
    // What UCP does to a connection after a FAN down event: it aborts it.
    pool = AsyncOracle.createPool(counted().max(1).build()).join();
    fetch(1);
    List<Connection> physical = log().physical();
    Connection held = physical.get(physical.size() - 1);
    held.close();
    assertThat(fetch(2)).isEqualTo(2);
    assertThat(log().physical()).hasSizeGreaterThan(physical.size());
  }

  @Test
  void heldConnectionsGoBackToUcpAfterMaxHold() throws Exception {
    pool = AsyncOracle.createPool(counted().maxHold(Duration.ofMillis(100)).build()).join();
    fetch(1);
    assertThat(ucpPool().borrowedFromUcp()).isEqualTo(1);
    Thread.sleep(150);
    fetch(2);
    awaitBorrowedFromUcp(0);
    assertThat(ucpPool().heldConnections()).isZero();
    assertThat(fetch(3)).as("borrowed again from UCP").isEqualTo(3);
  }

  @Test
  void idleHeldConnectionsGoBackToUcpAfterTheIdleWindow() throws Exception {
    pool = AsyncOracle.createPool(counted().holdIdleTimeout(Duration.ofMillis(200)).build()).join();
    fetch(1);
    assertThat(ucpPool().borrowedFromUcp()).isEqualTo(1);
    awaitBorrowedFromUcp(0);
    assertThat(pool.stats().opened()).as("UCP keeps min open").isGreaterThanOrEqualTo(1);
    assertThat(pool.stats().busy()).isZero();
  }

  private void awaitBorrowedFromUcp(int expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (ucpPool().borrowedFromUcp() != expected && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(ucpPool().borrowedFromUcp()).isEqualTo(expected);
  }

  @Test
  void aNextCallSubmittedFromACompletionRunsOnTheSameWorkerOnPlatformThreads() {
    pool = AsyncOracle.createPool(counted().virtualThreads(VirtualThreads.DISABLED).build()).join();
    assertNextCallsStayOnOneWorker();
  }

  @Test
  void aNextCallSubmittedFromACompletionRunsOnTheSameWorkerOnVirtualThreads() {
    assumeTrue(WorkerThreads.virtualThreadsAvailable(), "needs Java 21+");
    pool = AsyncOracle.createPool(counted().virtualThreads(VirtualThreads.ENABLED).build()).join();
    assertNextCallsStayOnOneWorker();
  }

  private void assertNextCallsStayOnOneWorker() {
    fetch(0);
    WorkerPool workers = ucpPool().engine().ownWorkers();
    long startedBefore = workers.startedThreads();
    Map<Thread, Integer> ranOn = new java.util.concurrent.ConcurrentHashMap<>();
    int calls = 200;
    chain(ranOn, calls).orTimeout(60, TimeUnit.SECONDS).join();
    int most = ranOn.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    // A stall of 10 ms or more in a delivery (a GC pause) may move one call elsewhere; nothing else does.
    assertThat(most).as("calls on the busiest worker, of %d: %s", calls, ranOn).isGreaterThanOrEqualTo(calls - 10);
    assertThat(workers.startedThreads() - startedBefore).as("threads started for %d calls", calls).isLessThanOrEqualTo(2);
  }

  private CompletableFuture<Void> chain(Map<Thread, Integer> ranOn, int left) {
    if (left == 0) {
      return CompletableFuture.completedFuture(null);
    }
    return pool.withConnection(c -> c.fetchOne(FAST_QUERY, row -> {
      ranOn.merge(Thread.currentThread(), 1, Integer::sum);
      return row;
    }, left)).thenCompose(row -> chain(ranOn, left - 1));
  }

  @Test
  void aCallbackThatBlocksOnSomethingElseDoesNotHoldUpTheCallItSubmitted() {
    // The call lands in the worker's next slot; the callback then waits for that call's result
    // through a latch, not our future: the sweep must move the call to another worker.
    pool = AsyncOracle.createPool(counted().virtualThreads(VirtualThreads.DISABLED).build()).join();
    fetch(0);
    CompletableFuture<Integer> outer = pool.withConnection(c -> c.fetchOne(FAST_QUERY, 1)).thenApply(row -> {
      CountDownLatch done = new CountDownLatch(1);
      pool.withConnection(c -> c.fetchOne(FAST_QUERY, 2)).whenComplete((r, e) -> done.countDown());
      try {
        return done.await(20, TimeUnit.SECONDS) ? 2 : -1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    });
    assertThat(outer.orTimeout(30, TimeUnit.SECONDS).join()).isEqualTo(2);
  }
}
