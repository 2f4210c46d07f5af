package io.asyncoracle.boot.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.PoolOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/**
 * Health under a fault: the database server goes away while calls are running (every connection
 * is cut), health reports DOWN within its timeout, and UP again once the server is back, with the
 * same pool and nothing leaked.
 */
class AsyncOracleHealthIndicatorFaultTest {

  @Test
  void healthGoesDownWhenConnectionsAreCutUnderLoadAndUpWhenTheDatabaseIsBack() throws Exception {
    Server server = Server.createTcpServer("-tcpPort", "0", "-tcpDaemon", "-ifNotExists").start();
    int port = server.getPort();
    String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:health-fault;MODE=Oracle;DB_CLOSE_DELAY=-1";
    AsyncPool pool = AsyncOracle.createPool(PoolOptions.builder().url(url).user("sa").password("health-pw")
        .min(0).max(4).acquireTimeout(Duration.ofSeconds(5)).connectTimeout(Duration.ofSeconds(2)).build()).join();
    AsyncOracleHealthIndicator health = new AsyncOracleHealthIndicator(pool, Duration.ofSeconds(2));
    try {
      assertThat(health.health().getStatus()).isEqualTo(Status.UP);

      AtomicInteger finished = new AtomicInteger();
      List<CompletableFuture<?>> load = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int id = i;
        load.add(pool.withConnection(c -> c.fetchOne("select ? from dual", id))
            .whenComplete((row, error) -> finished.incrementAndGet()));
      }
      server.stop();
      CompletableFuture.allOf(load.toArray(CompletableFuture[]::new)).handle((v, e) -> null)
          .orTimeout(60, TimeUnit.SECONDS).join();
      assertThat(finished.get()).as("every call completed, one way or the other").isEqualTo(200);
      assertThat(pool.stats().busy()).isZero();

      assertThat(awaitStatus(health, Status.DOWN)).isEqualTo(Status.DOWN);

      server = Server.createTcpServer("-tcpPort", Integer.toString(port), "-tcpDaemon", "-ifNotExists").start();
      assertThat(awaitStatus(health, Status.UP)).as("the same pool recovers").isEqualTo(Status.UP);
      assertThat(pool.stats().busy()).isZero();
    } finally {
      pool.close(true, true).orTimeout(30, TimeUnit.SECONDS).join();
      server.stop();
    }
  }

  /** Asks for health until it reports the status, for a bounded time; returns the last one. */
  private static Status awaitStatus(AsyncOracleHealthIndicator health, Status wanted) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    Status last = health.health().getStatus();
    while (!last.equals(wanted) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      last = health.health().getStatus();
    }
    return last;
  }
}
