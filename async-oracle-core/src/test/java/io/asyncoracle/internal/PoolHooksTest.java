package io.asyncoracle.internal;

import static io.asyncoracle.TestFutures.await;
import static io.asyncoracle.TestFutures.failure;
import static io.asyncoracle.PoolTestSupport.eventually;
import static io.asyncoracle.PoolTestSupport.openSessions;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AcquireTimeoutException;
import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.SessionCallback;
import io.asyncoracle.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The session callback with tags (python-oracledb's {@code session_callback}, {@code acquire(tag)},
 * {@code release(connection, tag)}), the on-connect hook run on every lend (python-oracledb's
 * {@code on_connect_callback}), and {@code pool.drop}, on H2 session variables
 * ({@code SET @name = value}) as the session state.
 */
class PoolHooksTest {

  private AsyncPool pool;
  private ExecutorService workers;

  @AfterEach
  void close() {
    if (pool != null) {
      pool.close(true, true).orTimeout(30, TimeUnit.SECONDS).join();
    }
    if (workers != null) {
      workers.shutdownNow();
    }
  }

  private AsyncPool pool(PoolOptions.Builder options) {
    pool = AsyncOracle.createPool(options.build()).join();
    return pool;
  }

  private static long sessionId(AsyncConnection c) {
    return await(c.fetchOne("select session_id() from dual")).get(0, Long.class);
  }

  private static String variable(AsyncConnection c, String name) {
    Object value = await(c.fetchOne("select @" + name + " from dual")).get(0);
    return value == null ? null : value.toString();
  }

  /** Records each call: the requested tag and the tag the connection had. */
  private static final class RecordingCallback implements SessionCallback {
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<?> initialize(AsyncConnection connection, String requestedTag) {
      calls.add(requestedTag + "<-" + connection.tag());
      String format = requestedTag == null ? "DEFAULT" : requestedTag;
      return connection.execute("set @fmt = '" + format + "'").thenRun(() -> connection.setTag(requestedTag));
    }
  }

  @Test
  void theSessionCallbackRunsOnAFreshSessionOnlyAndItsStateStays() {
    RecordingCallback callback = new RecordingCallback();
    pool(TestDatabases.options().max(1).sessionCallback(callback));

    AsyncConnection first = await(pool.acquire());
    assertThat(variable(first, "fmt")).isEqualTo("DEFAULT");
    long session = sessionId(first);
    await(first.close());
    AsyncConnection again = await(pool.acquire());

    assertThat(sessionId(again)).isEqualTo(session);
    assertThat(variable(again, "fmt")).as("set up once, kept by the session").isEqualTo("DEFAULT");
    assertThat(callback.calls).containsExactly("null<-null");
    await(again.close());
  }

  @Test
  void aRequestedTagRunsTheCallbackOnlyWhenTheSessionCarriesAnotherTag() {
    RecordingCallback callback = new RecordingCallback();
    pool(TestDatabases.options().max(1).sessionCallback(callback));

    AsyncConnection simple = await(pool.acquire("NLS_DATE_FORMAT=SIMPLE"));
    assertThat(simple.tag()).isEqualTo("NLS_DATE_FORMAT=SIMPLE");
    assertThat(variable(simple, "fmt")).isEqualTo("NLS_DATE_FORMAT=SIMPLE");
    await(simple.close());

    AsyncConnection sameTag = await(pool.acquire("NLS_DATE_FORMAT=SIMPLE"));
    assertThat(sameTag.tag()).isEqualTo("NLS_DATE_FORMAT=SIMPLE");
    await(sameTag.close());
    AsyncConnection untaggedRequest = await(pool.acquire());
    assertThat(untaggedRequest.tag()).as("no tag asked: the session keeps its own").isEqualTo("NLS_DATE_FORMAT=SIMPLE");
    await(untaggedRequest.close());
    AsyncConnection full = await(pool.acquire("NLS_DATE_FORMAT=FULL"));
    assertThat(variable(full, "fmt")).isEqualTo("NLS_DATE_FORMAT=FULL");
    await(full.close());

    assertThat(callback.calls).containsExactly("NLS_DATE_FORMAT=SIMPLE<-null",
        "NLS_DATE_FORMAT=FULL<-NLS_DATE_FORMAT=SIMPLE");
  }

  @Test
  void anAcquireWithATagPrefersTheSessionCarryingItThenAnUntaggedOne() {
    RecordingCallback callback = new RecordingCallback();
    pool(TestDatabases.options().max(3).sessionCallback(callback));
    AsyncConnection a = await(pool.acquire("k=a"));
    AsyncConnection b = await(pool.acquire("k=b"));
    AsyncConnection plain = await(pool.acquire());
    long sessionA = sessionId(a);
    long sessionPlain = sessionId(plain);
    await(a.close());
    await(plain.close());
    await(b.close());
    callback.calls.clear();

    AsyncConnection gotA = await(pool.acquire("k=a"));
    assertThat(sessionId(gotA)).as("the session tagged k=a, though not the most recent").isEqualTo(sessionA);
    AsyncConnection gotC = await(pool.acquire("k=c"));
    assertThat(sessionId(gotC)).as("no k=c: the untagged session, not b's").isEqualTo(sessionPlain);
    assertThat(callback.calls).containsExactly("k=c<-null");
    await(gotA.close());
    await(gotC.close());
  }

  @Test
  void matchAnyTagTakesASessionWithAnotherTagRatherThanOpeningOne() {
    RecordingCallback callback = new RecordingCallback();
    pool(TestDatabases.options().min(1).max(3).sessionCallback(callback));
    AsyncConnection a = await(pool.acquire("k=a"));
    long sessionA = sessionId(a);
    await(a.close());
    int opened = pool.stats().opened();

    AsyncConnection any = await(pool.acquire("k=z", true));

    assertThat(sessionId(any)).isEqualTo(sessionA);
    assertThat(pool.stats().opened()).isEqualTo(opened);
    assertThat(callback.calls).endsWith("k=z<-k=a");
    await(any.close());
  }

  @Test
  void releaseWithATagKeepsItWithTheSession() {
    RecordingCallback callback = new RecordingCallback();
    pool(TestDatabases.options().max(1).sessionCallback(callback));
    AsyncConnection c = await(pool.acquire());
    await(c.execute("set @fmt = 'by hand'"));
    await(pool.release(c, "fmt=by-hand"));
    assertThat(c.isClosed()).isTrue();

    AsyncConnection tagged = await(pool.acquire("fmt=by-hand"));

    assertThat(tagged.tag()).isEqualTo("fmt=by-hand");
    assertThat(variable(tagged, "fmt")).isEqualTo("by hand");
    assertThat(callback.calls).containsExactly("null<-null");
    await(tagged.close());
  }

  @Test
  void aFailingSessionCallbackFailsTheAcquireAndRunsAgainOnTheNextLend() {
    AtomicInteger calls = new AtomicInteger();
    pool(TestDatabases.options().max(1).sessionCallback((c, tag) -> {
      if (calls.incrementAndGet() == 1) {
        return c.execute("select * from no_such_table");
      }
      if (calls.get() == 2) {
        throw new OutOfMemoryError("simulated: a callback that throws an Error");
      }
      return c.execute("set @fmt = 'ok'");
    }));

    assertThat(failure(pool.acquire())).isInstanceOf(io.asyncoracle.DatabaseException.class);
    assertThat(failure(pool.acquire())).isInstanceOf(io.asyncoracle.AsyncOracleException.class)
        .hasMessageContaining("simulated");
    AsyncConnection c = await(pool.acquire());

    assertThat(variable(c, "fmt")).isEqualTo("ok");
    assertThat(calls).hasValue(3);
    assertThat(pool.stats().busy()).isEqualTo(1);
    await(c.close());
    assertThat(pool.stats().busy()).isZero();
  }

  @Test
  void theAcquireTimeoutBoundsTheSessionCallback() {
    CompletableFuture<Void> never = new CompletableFuture<>();
    AtomicInteger calls = new AtomicInteger();
    pool(TestDatabases.options().max(1).acquireTimeout(Duration.ofMillis(300)).sessionCallback((c, tag) -> {
      calls.incrementAndGet();
      c.setAction("set up");
      return never;
    }));

    assertThat(failure(pool.acquire())).isInstanceOf(AcquireTimeoutException.class);
    eventually("the connection is back", () -> pool.stats().busy() == 0);
    // The callback finishes late: the session was not set up by it, and is set up on its next lend.
    never.complete(null);
    AsyncConnection c = await(pool.acquire());
    assertThat(calls).hasValue(2);
    await(c.close());
    await(await(pool.acquire()).close());
    assertThat(calls).hasValue(2);
  }

  @Test
  void theOnConnectHookRunsOnEveryAcquire() {
    // python-oracledb's test 5546 (1146): the count after each of 10 acquires.
    AtomicInteger hookRuns = new AtomicInteger();
    pool(TestDatabases.options().min(1).max(2).onConnect(c -> {
      hookRuns.incrementAndGet();
      return CompletableFuture.completedFuture(null);
    }));

    for (int i = 0; i < 10; i++) {
      AsyncConnection c = await(pool.acquire());
      assertThat(hookRuns).as("after acquire %d", i + 1).hasValue(i + 1);
      await(c.close());
    }
    // withConnection's lends (its fast path included) are acquires too.
    for (int i = 0; i < 5; i++) {
      await(pool.withConnection(c -> c.fetchOne("select 1 from dual")));
    }
    assertThat(hookRuns).hasValue(15);
    AsyncConnection tagged = await(pool.acquire("k=v"));
    assertThat(hookRuns).hasValue(16);
    await(tagged.close());
  }

  @Test
  void theOnConnectHookRunsOnEveryLendAlsoAcrossUcpBorrows() {
    AtomicInteger hookRuns = new AtomicInteger();
    // maxHold of 1 ms: every release gives the connection back to UCP, and the next acquire borrows it again.
    pool(TestDatabases.options().min(1).max(1).maxHold(Duration.ofMillis(1)).onConnect(c -> {
      hookRuns.incrementAndGet();
      return c.execute("set @tz = 'UTC'");
    }));
    UcpAsyncPool ucpPool = (UcpAsyncPool) pool;
    Set<Long> sessions = new HashSet<>();
    for (int i = 0; i < 10; i++) {
      AsyncConnection c = await(pool.acquire());
      sessions.add(sessionId(c));
      assertThat(variable(c, "tz")).isEqualTo("UTC");
      await(c.close());
      eventually("given back to UCP", () -> ucpPool.heldConnections() == 0);
    }

    assertThat(sessions.size()).as("UCP lent the same physical connections again").isLessThan(10);
    assertThat(hookRuns).as("once per lend, not per physical connection").hasValue(10);
  }

  @Test
  void whatTheOnConnectHookSetsIsPerLendAndResetOnRelease() throws Exception {
    AtomicInteger request = new AtomicInteger();
    pool(TestDatabases.options().max(1).onConnect(c -> {
      c.setClientIdentifier("end-user-" + request.incrementAndGet());
      return CompletableFuture.completedFuture(null);
    }));

    AsyncConnection first = await(pool.acquire());
    await(first.ping());
    assertThat(clientInfo(first, "OCSID.CLIENTID")).isEqualTo("end-user-1");
    await(first.close());
    AsyncConnection second = await(pool.acquire());
    assertThat(clientInfo(second, "OCSID.CLIENTID")).as("reset on release, before the next hook's value is sent")
        .isEmpty();
    await(second.ping());
    assertThat(clientInfo(second, "OCSID.CLIENTID")).isEqualTo("end-user-2");
    await(second.close());
  }

  private static String clientInfo(AsyncConnection c, String key) throws java.sql.SQLException {
    return ((ConnectionImpl) c).session().jdbc().getClientInfo(key);
  }

  @Test
  void aFailingOnConnectHookFailsTheAcquireAndReleasesTheConnection() throws Exception {
    AtomicInteger hookRuns = new AtomicInteger();
    List<Long> sessions = new CopyOnWriteArrayList<>();
    pool(TestDatabases.options().min(0).max(1).failFast(false).onConnect(c -> {
      c.setClientIdentifier("end-user-" + hookRuns.incrementAndGet());
      CompletableFuture<?> seen = c.fetchOne("select session_id() from dual")
          .thenAccept(row -> sessions.add(row.get(0, Long.class)));
      return hookRuns.get() == 1
          ? seen.thenCompose(ignored -> c.execute("alter session set no_such_setting = 1"))
          : seen.thenCompose(ignored -> c.execute("set @ready = 'yes'"));
    }));

    assertThat(failure(pool.acquire())).isInstanceOf(io.asyncoracle.DatabaseException.class);
    eventually("the connection is back", () -> pool.stats().busy() == 0);
    assertThat(openSessions(pool)).as("released, as python-oracledb does, not closed").isEqualTo(1);
    AsyncConnection c = await(pool.acquire());

    assertThat(sessions).hasSize(2);
    assertThat(sessions.get(1)).as("the same session, lent again").isEqualTo(sessions.get(0));
    assertThat(variable(c, "ready")).isEqualTo("yes");
    assertThat(clientInfo(c, "OCSID.CLIENTID")).isEqualTo("end-user-2");
    assertThat(hookRuns).hasValue(2);
    await(c.close());
  }

  @Test
  void theSessionCallbackRunsBeforeTheOnConnectHookWhichRunsOnEveryLend() {
    List<String> order = new CopyOnWriteArrayList<>();
    pool(TestDatabases.options().max(1)
        .sessionCallback((c, tag) -> c.execute("set @step = 'session set up'").thenRun(() -> order.add("sessionCallback")))
        .onConnect(c -> c.fetchOne("select @step from dual")
            .thenAccept(row -> order.add("onConnect saw " + row.get(0)))));

    await(await(pool.acquire()).close());
    await(await(pool.acquire()).close());

    assertThat(order).containsExactly("sessionCallback", "onConnect saw session set up",
        "onConnect saw session set up");
  }

  @Test
  void dropClosesThePhysicalConnectionAndFreesItsPlace() {
    pool(TestDatabases.options().min(0).max(2).failFast(false));
    AsyncConnection c = await(pool.acquire());
    long session = sessionId(c);
    assertThat(openSessions(pool)).isEqualTo(1);

    await(pool.drop(c));

    assertThat(c.isClosed()).isTrue();
    eventually("the session is closed", () -> openSessions(pool) == 0);
    assertThat(pool.stats().busy()).isZero();
    AsyncConnection next = await(pool.acquire());
    assertThat(sessionId(next)).isNotEqualTo(session);
    await(next.close());
    // Dropping many in a row leaks nothing in UCP: every later acquire still gets a connection.
    for (int i = 0; i < 20; i++) {
      AsyncConnection d = await(pool.acquire());
      await(pool.drop(d));
    }
    AsyncConnection last = await(pool.acquire());
    assertThat(await(last.fetchOne("select 1 from dual")).get(0, Integer.class)).isEqualTo(1);
    await(last.close());
    eventually("only the last one is open", () -> openSessions(pool) <= 1);
  }

  @Test
  void dropRefusesAConnectionOfAnotherPoolOrOneAlreadyClosed() throws Exception {
    pool(TestDatabases.options().max(1));
    AsyncConnection c = await(pool.acquire());
    await(c.close());
    assertThat(failure(pool.drop(c))).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("closed");
    AsyncConnection standalone = await(AsyncOracle.connect("sa", "", TestDatabases.newUrl()));
    try {
      assertThat(failure(pool.drop(standalone))).isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining(pool.name());
    } finally {
      await(standalone.close());
    }
  }

  @Test
  void withHooksSetASteadyStateAcquireStillCostsNoTaskAndNoRoundTrip() {
    AtomicLong tasks = new AtomicLong();
    workers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "hooks-test-worker");
      t.setDaemon(true);
      return t;
    });
    Executor counting = command -> {
      tasks.incrementAndGet();
      workers.execute(command);
    };
    AtomicInteger callbacks = new AtomicInteger();
    AtomicInteger hookRuns = new AtomicInteger();
    pool(TestDatabases.options().max(1).workerExecutor(counting)
        .onConnect(c -> {
          // A hook that completes at once (attributes it sets go with the next call) costs no task.
          hookRuns.incrementAndGet();
          return CompletableFuture.completedFuture(null);
        })
        .sessionCallback((c, tag) -> {
          callbacks.incrementAndGet();
          return CompletableFuture.completedFuture(null);
        }));
    await(await(pool.acquire()).close());
    long before = tasks.get();

    CompletableFuture<AsyncConnection> acquired = pool.acquire();

    assertThat(acquired).as("completed before acquire() returned").isDone();
    await(acquired.join().close());
    assertThat(tasks.get()).as("no task for a set-up already done").isEqualTo(before);
    assertThat(callbacks).hasValue(1);
    List<Integer> answers = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int v = i;
      answers.add(await(pool.withConnection(c -> c.fetchOne("select ? from dual", v))).get(0, Integer.class));
    }
    assertThat(answers).containsExactly(0, 1, 2, 3, 4);
    assertThat(tasks.get() - before).as("one task per call").isEqualTo(5);
    assertThat(hookRuns).as("on every lend").hasValue(7);
  }
}
