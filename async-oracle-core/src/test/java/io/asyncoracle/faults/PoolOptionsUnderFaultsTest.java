package io.asyncoracle.faults;

import static io.asyncoracle.TestFutures.await;
import static io.asyncoracle.TestFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AcquireTimeoutException;
import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.GetMode;
import io.asyncoracle.PoolListener;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.TestDatabases;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The deadlines of the python-oracledb pool options against a slow or frozen database, through the
 * fault proxy: the acquire timeout bounds connecting, the wait timeout bounds a TIMEDWAIT acquire
 * that must connect, and the ping timeout bounds the check of an idle connection.
 */
@Tag("workers")
class PoolOptionsUnderFaultsTest {

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
        .user("sa").password("faults-pw").max(2).acquireTimeout(Duration.ofSeconds(10)));
  }

  private static long sessionId(AsyncConnection c) {
    return await(c.fetchOne("select session_id() from dual")).get(0, Long.class);
  }

  @Test
  void aOneMillisecondAcquireTimeoutFailsAnAcquireThatMustConnectToASlowDatabase() {
    pool = AsyncOracle.createPool(throughProxy().min(0).failFast(false).acquireTimeout(Duration.ofMillis(1))
        .connectTimeout(Duration.ofSeconds(20)).build()).join();
    // Every chunk each way waits 200 ms: a login takes several round trips.
    proxy.latency(Duration.ofMillis(200));

    CompletableFuture<AsyncConnection> acquire = pool.acquire();

    assertThat(failure(acquire)).isInstanceOf(AcquireTimeoutException.class).hasMessageContaining("1ms");
    assertThat(pool.stats().busy()).isZero();
    // The connect goes on and its connection is pooled, for the next caller.
    proxy.pass();
    PoolOptions patient = pool.options();
    assertThat(patient.acquireTimeout()).isEqualTo(Duration.ofMillis(1));
    await(pool.reconfigure(b -> b.acquireTimeout(Duration.ofSeconds(10))));
    AsyncConnection later = await(pool.acquire());
    assertThat(await(later.fetchOne("select 1 from dual")).get(0, Integer.class)).isEqualTo(1);
    await(later.close());
  }

  @Test
  void theWaitTimeoutBoundsATimedWaitAcquireThatMustConnect() {
    pool = AsyncOracle.createPool(throughProxy().min(0).failFast(false).getMode(GetMode.TIMEDWAIT)
        .waitTimeout(Duration.ofMillis(50)).acquireTimeout(Duration.ofSeconds(60)).build()).join();
    proxy.blackhole();

    long start = System.nanoTime();
    Throwable error = failure(pool.acquire());

    assertThat(error).isInstanceOf(AcquireTimeoutException.class).hasMessageContaining("waitTimeout");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("not the 60 s acquire timeout")
        .isLessThan(30_000);
  }

  @Test
  void aCheckThatDoesNotAnswerWithinThePingTimeoutIsGivenUpAndTheAcquireGetsAnotherConnection() throws Exception {
    AtomicInteger invalidated = new AtomicInteger();
    pool = AsyncOracle.createPool(throughProxy().min(1).max(2).pingInterval(Duration.ZERO)
        .pingTimeout(Duration.ofMillis(300)).connectTimeout(Duration.ofSeconds(20))
        .listener(new PoolListener() {
          @Override
          public void onConnectionInvalidated() {
            invalidated.incrementAndGet();
          }
        }).build()).join();
    AsyncConnection first = await(pool.acquire());
    long frozenSession = sessionId(first);
    await(first.close());
    proxy.freeze();

    CompletableFuture<AsyncConnection> acquire = pool.acquire();
    // The check hangs; after the ping timeout its connection is given up and a new one is opened,
    // which waits for the database too until the network answers again.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (invalidated.get() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(invalidated).as("given up at the ping timeout").hasValue(1);
    assertThat(acquire).isNotDone();
    proxy.pass();

    AsyncConnection replacement = await(acquire);
    // A working connection: the new one, or the given-up one if UCP, which got it back once the
    // driver returned, found it answering again.
    assertThat(sessionId(replacement)).isPositive();
    await(replacement.close());
    assertThat(pool.stats().busy()).isZero();
    assertThat(pool.stats().opened()).isLessThanOrEqualTo(4);
    assertThat(frozenSession).isPositive();
  }
}
