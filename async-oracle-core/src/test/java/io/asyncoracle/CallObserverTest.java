package io.asyncoracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The {@link CallObserver} hook: which calls are observed, with what, on which thread, and that
 * the caller's context (here a plain thread local) is current on the worker while the JDBC work
 * runs and again while the caller's callbacks run.
 */
@Tag("workers")
public class CallObserverTest {

  /** Stands for a tracing context or the logging MDC: set by the "request", carried by the observer. */
  static final ThreadLocal<String> CONTEXT = new ThreadLocal<>();

  private AsyncPool pool;

  @AfterEach
  void closePool() {
    if (pool != null) {
      pool.close(true, true).orTimeout(30, TimeUnit.SECONDS).join();
    }
  }

  /** What one observed call looked like. */
  record Observed(DatabaseCall call, String startedOn, String capturedContext, List<String> scopes, long rows,
      Throwable error, int stops) {
  }

  /** Records every call and carries {@link #CONTEXT} from the caller to the worker. */
  static final class Recorder implements CallObserver {
    final List<Recording> calls = new CopyOnWriteArrayList<>();

    @Override
    public ObservedCall start(DatabaseCall call) {
      Recording r = new Recording(call, Thread.currentThread().getName(), CONTEXT.get());
      calls.add(r);
      return r;
    }

    List<Recording> of(String operation) {
      return calls.stream().filter(r -> r.call.operation().equals(operation)).toList();
    }

    Recording only(String operation) {
      List<Recording> found = of(operation);
      assertThat(found).as("observed %s calls", operation).hasSize(1);
      return found.get(0);
    }
  }

  /** One call's observation. */
  static final class Recording implements ObservedCall {
    final DatabaseCall call;
    final String startedOn;
    final String captured;
    final List<String> scopes = new CopyOnWriteArrayList<>();
    volatile long rows = Long.MIN_VALUE;
    volatile Throwable error;
    volatile int stops;
    volatile String stoppedOn;

    Recording(DatabaseCall call, String startedOn, String captured) {
      this.call = call;
      this.startedOn = startedOn;
      this.captured = captured;
    }

    @Override
    public Scope openScope() {
      return enter(captured + "/" + call.operation(), "work");
    }

    @Override
    public Scope restoreCallerContext() {
      return enter(captured, "delivery");
    }

    private Scope enter(String value, String kind) {
      String previous = CONTEXT.get();
      scopes.add(kind + "@" + Thread.currentThread().getName());
      CONTEXT.set(value);
      return () -> CONTEXT.set(previous);
    }

    @Override
    public synchronized void stop(long rowCount, Throwable failure) {
      if (stops++ == 0) {
        rows = rowCount;
        error = failure;
        stoppedOn = Thread.currentThread().getName();
      }
    }
  }

  /** An H2 function that answers what {@link #CONTEXT} holds on the thread running the statement. */
  public static String contextNow() {
    return CONTEXT.get();
  }

  private Recorder observedPool(PoolOptions.Builder options) {
    Recorder recorder = new Recorder();
    pool = AsyncOracle.createPool(options.callObserver(recorder).build()).join();
    return recorder;
  }

  @Test
  void everyKindOfCallIsObservedWithItsStatementRowsAndDatabase() {
    Recorder recorder = observedPool(TestDatabases.options().poolName("observed-pool"));
    AsyncConnection c = pool.acquire().join();
    H2StoredCode.install(c);
    TestFutures.await(c.execute("create table items (id number primary key, name varchar2(20))"));
    recorder.calls.clear();

    assertThat(TestFutures.await(c.execute("insert into items values (?, ?)", 1, "one"))).isEqualTo(1L);
    TestFutures.await(c.executeMany("insert into items values (?, ?)", List.of(List.of(2, "two"), List.of(3, "three"))));
    TestFutures.await(c.fetchOne("select name from items where id = ?", 1));
    TestFutures.await(c.fetchMany("select name from items order by id", 2));
    TestFutures.await(c.fetchAll("select name from items where id > 1"));
    TestFutures.await(c.callFunc("twice", Long.class, 21));
    TestFutures.await(c.callProc("nothing"));
    TestFutures.await(c.commit());
    TestFutures.await(c.rollback());
    TestFutures.await(c.cursor().execute("update items set name = 'x' where id < 3"));
    TestFutures.await(c.ping());
    TestFutures.await(c.close());

    assertThat(recorder.calls).extracting(r -> r.call.operation()).containsExactly("execute", "executeMany",
        "fetchOne", "fetchMany", "fetchAll", "callFunc", "callProc", "commit", "rollback", "execute");
    assertThat(recorder.calls).allSatisfy(r -> {
      assertThat(r.call.pool()).isEqualTo("observed-pool");
      assertThat(r.call.databaseSystem()).isEqualTo("h2");
      assertThat(r.call.namespace()).startsWith("t");
      assertThat(r.call.serverAddress()).isNull();
      assertThat(r.stops).isEqualTo(1);
      assertThat(r.error).isNull();
      assertThat(r.startedOn).isEqualTo(Thread.currentThread().getName());
      assertThat(r.stoppedOn).startsWith("observed-pool-worker");
    });
    assertThat(recorder.calls).extracting(r -> r.rows).containsExactly(1L, 2L, 1L, 2L, 2L, -1L, -1L, -1L, -1L, 2L);
    assertThat(recorder.only("executeMany").call.statement()).isEqualTo("insert into items values (?, ?)");
    assertThat(recorder.only("fetchOne").call.statement()).isEqualTo("select name from items where id = ?");
    assertThat(recorder.only("callFunc").call.procedure()).isEqualTo("twice");
    assertThat(recorder.only("callFunc").call.statement()).isNull();
    assertThat(recorder.only("commit").call.statement()).isNull();
  }

  @Test
  void theCallersContextIsCurrentOnTheWorkerDuringTheCallAndInItsCallbacks() throws Exception {
    Recorder recorder = observedPool(TestDatabases.options());
    AsyncConnection c = pool.acquire().join();
    TestFutures.await(c.execute("CREATE ALIAS CONTEXT_NOW FOR '" + CallObserverTest.class.getName() + ".contextNow'"));
    recorder.calls.clear();

    CONTEXT.set("request-7");
    String[] inCallback = new String[2];
    CompletableFuture<Row> chained;
    try {
      chained = c.fetchOne("select context_now() from dual").thenCompose(first -> {
        inCallback[0] = Thread.currentThread().getName();
        inCallback[1] = CONTEXT.get();
        // A call made from the callback belongs to the caller too.
        return c.fetchOne("select context_now() from dual");
      });
    } finally {
      CONTEXT.remove();
    }
    Row second = chained.get(30, TimeUnit.SECONDS);

    assertThat(recorder.calls).hasSize(2);
    Recording first = recorder.calls.get(0);
    assertThat(first.captured).isEqualTo("request-7");
    assertThat(first.scopes.get(0)).startsWith("work@").doesNotContain(Thread.currentThread().getName());
    assertThat(inCallback[1]).as("context in the callback on %s", inCallback[0]).isEqualTo("request-7");
    assertThat(recorder.calls.get(1).captured).isEqualTo("request-7");
    assertThat(second.get(0)).as("what the statement saw on the worker").isEqualTo("request-7/fetchOne");
    assertThat(CONTEXT.get()).isNull();
    c.close().join();
  }

  @Test
  void aFailedCallIsStoppedWithTheErrorTheCallerGets() {
    Recorder recorder = observedPool(TestDatabases.options());
    CompletableFuture<Long> failed = pool.withConnection(c -> c.execute("insert into no_such_table values (1)"));
    assertThatThrownBy(failed::join).cause().isInstanceOf(DatabaseException.class);
    Recording call = recorder.only("execute");
    assertThat(call.error).isInstanceOf(DatabaseException.class).hasMessageContaining("NO_SUCH_TABLE");
    assertThat(call.rows).isEqualTo(-1);
    assertThat(call.stops).isEqualTo(1);
  }

  @Test
  void aCallThatTimesOutIsStoppedWithACallTimeout() {
    Recorder recorder = observedPool(TestDatabases.options().max(1));
    AsyncConnection c = pool.acquire().join();
    c.setCallTimeout(Duration.ofMillis(200));
    assertThatThrownBy(() -> c.fetchOne(TestDatabases.SLOW_QUERY).join()).cause()
        .isInstanceOf(CallTimeoutException.class);
    Recording call = recorder.only("fetchOne");
    assertThat(call.error).isInstanceOf(CallTimeoutException.class);
    assertThat(call.stops).isGreaterThanOrEqualTo(1);
    c.close().join();
  }

  @Test
  void acquiresAreObservedWhetherTheyWaitOrNot() throws Exception {
    Recorder recorder = observedPool(TestDatabases.options().max(1).acquireTimeout(Duration.ofMillis(300)));
    TestFutures.await(pool.withConnection(c -> c.fetchOne("select 1 from dual")));
    assertThat(recorder.of("acquire")).hasSize(1);

    AsyncConnection held = pool.acquire().join();
    CompletableFuture<AsyncConnection> waiting = pool.acquire();
    assertThatThrownBy(waiting::join).cause().isInstanceOf(AcquireTimeoutException.class);
    held.close().join();

    List<Recording> acquires = recorder.of("acquire");
    assertThat(acquires).hasSize(3);
    assertThat(acquires.get(1).error).isNull();
    assertThat(acquires.get(2).error).isInstanceOf(AcquireTimeoutException.class);
    assertThat(acquires).allSatisfy(a -> {
      assertThat(a.stops).isEqualTo(1);
      assertThat(a.call.statement()).isNull();
    });
  }

  @Test
  void anObservedCallStillCostsOneWorkerTask() {
    java.util.concurrent.atomic.AtomicLong tasks = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.ExecutorService delegate = java.util.concurrent.Executors.newCachedThreadPool();
    try {
      Recorder recorder = observedPool(TestDatabases.options().workerExecutor(command -> {
        tasks.incrementAndGet();
        delegate.execute(command);
      }));
      TestFutures.await(pool.withConnection(c -> c.fetchOne("select 1 from dual")));
      for (int i = 0; i < 20; i++) {
        long before = tasks.get();
        TestFutures.await(pool.withConnection(c -> c.fetchOne("select ? from dual", 1)));
        assertThat(tasks.get() - before).as("tasks for observed call %d", i).isEqualTo(1);
      }
      assertThat(recorder.of("fetchOne")).hasSize(21);
      pool.close(true, true).orTimeout(30, TimeUnit.SECONDS).join();
      pool = null;
    } finally {
      delegate.shutdownNow();
    }
  }

  @Test
  void aRefusedCallIsNotObserved() {
    Recorder recorder = observedPool(TestDatabases.options());
    AsyncConnection c = pool.acquire().join();
    c.close().join();
    recorder.calls.clear();
    assertThatThrownBy(() -> c.execute("select 1 from dual").join()).cause().isInstanceOf(AsyncOracleException.class);
    assertThat(recorder.calls).isEmpty();
  }

  @Test
  void anObserverThatThrowsLeavesTheCallRunning() {
    pool = AsyncOracle.createPool(TestDatabases.options().callObserver(call -> {
      throw new IllegalStateException("observer broke");
    }).build()).join();
    assertThat(TestFutures.await(pool.withConnection(c -> c.fetchOne("select 3 from dual"))).get(0, Integer.class))
        .isEqualTo(3);
  }
}
