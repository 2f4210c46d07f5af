package io.asyncoracle.oracle;

import static io.asyncoracle.TestFutures.await;
import static io.asyncoracle.TestFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.CallTimeoutException;
import io.asyncoracle.PoolClosedException;
import io.asyncoracle.Row;
import io.asyncoracle.TestFutures;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Breaking real round trips: a call timeout cancels {@code DBMS_SESSION.SLEEP} and leaves the
 * connection usable; {@code close(force, interrupt)} stops a 10-second call at once.
 */
@ExtendWith(DockerRequired.class)
@Testcontainers(disabledWithoutDocker = true)
class CallTimeoutIT {

  @Test
  void aCallTimeoutCancelsTheRoundTripAndKeepsTheConnection() {
    AsyncPool pool = OracleDatabase.pool(1);
    try {
      AsyncConnection conn = await(pool.acquire());
      conn.setCallTimeout(Duration.ofMillis(500));
      long start = System.nanoTime();
      Throwable error = failure(conn.execute("begin dbms_session.sleep(5); end;"));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(error).isInstanceOfSatisfying(CallTimeoutException.class,
          e -> assertThat(e.timeout()).isEqualTo(Duration.ofMillis(500)));
      assertThat(took).as("cancelled, not slept out").isLessThan(Duration.ofSeconds(4));
      assertThat(conn.isHealthy()).isTrue();
      conn.setCallTimeout(Duration.ZERO);
      assertThat(await(conn.fetchOne("select 'still usable' from dual")).get(0)).isEqualTo("still usable");
      await(conn.close());
    } finally {
      await(pool.close(true, false));
    }
  }

  @Test
  void thePoolCallTimeoutAppliesToEveryConnection() {
    AsyncPool pool = await(AsyncOracle.createPool(OracleDatabase.options().max(1)
        .callTimeout(Duration.ofMillis(500)).build()));
    try {
      assertThat(failure(pool.withConnection(c -> c.execute("begin dbms_session.sleep(5); end;"))))
          .isInstanceOf(CallTimeoutException.class);
      Row row = await(pool.withConnection(c -> c.fetchOne("select 1 from dual")));
      assertThat(row.get(0, Integer.class)).as("the next borrower is served").isEqualTo(1);
    } finally {
      await(pool.close(true, false));
    }
  }

  @Test
  void closeWithInterruptStopsATenSecondCallPromptly() throws InterruptedException {
    AsyncPool pool = OracleDatabase.pool(2);
    AsyncConnection conn = await(pool.acquire());
    AsyncConnection watcher = await(pool.acquire());
    Object sid = await(conn.fetchOne("select sys_context('USERENV', 'SID') from dual")).get(0);
    CompletableFuture<Long> sleeping = conn.execute("begin dbms_session.sleep(10); end;");
    waitUntilActive(watcher, sid);
    await(watcher.close());

    long start = System.nanoTime();
    await(pool.close(true, true));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    // Well below the call's 10 s. Not much tighter: UCP alone can take about 2 s to tear down the
    // last pool in the JVM.
    assertThat(took).isLessThan(Duration.ofSeconds(6));
    assertThat(failure(sleeping)).isInstanceOf(PoolClosedException.class);
    assertThat(pool.isClosed()).isTrue();
  }

  /** Waits until the session runs the call, so close really interrupts a round trip in progress. */
  private static void waitUntilActive(AsyncConnection watcher, Object sid) throws InterruptedException {
    long deadline = System.nanoTime() + TestFutures.TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Object status = await(watcher.fetchOne("select status from v$session where sid = ?", sid)).get(0);
      if ("ACTIVE".equals(status)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the session never became ACTIVE");
  }
}
