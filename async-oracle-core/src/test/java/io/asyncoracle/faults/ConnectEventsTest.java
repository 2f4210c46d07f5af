package io.asyncoracle.faults;

import static io.asyncoracle.PoolTestSupport.eventually;
import static io.asyncoracle.TestFutures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AcquireTimeoutException;
import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.PoolListener;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.TestDatabases;
import io.asyncoracle.TestFutures;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The pool tells its listener about every open: the ones that worked and the ones that did not. */
class ConnectEventsTest {

  @Test
  void everyOpenIsReported() {
    AtomicInteger opened = new AtomicInteger();
    AsyncPool pool = AsyncOracle.createPool(TestDatabases.options().min(0).max(3).listener(new PoolListener() {
      @Override
      public void onConnectionOpened() {
        opened.incrementAndGet();
      }
    }).build()).join();
    try {
      var a = await(pool.acquire());
      var b = await(pool.acquire());
      var c = await(pool.acquire());
      assertThat(opened).hasValue(3);
      await(a.close());
      await(b.close());
      await(c.close());
    } finally {
      pool.close(true, true).orTimeout(30, TimeUnit.SECONDS).join();
    }
  }

  @Test
  void aConnectThatTimesOutIsReportedWithoutThePassword() throws Exception {
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    List<Socket> accepted = new CopyOnWriteArrayList<>();
    try (ServerSocket blackHole = new ServerSocket(0)) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            accepted.add(blackHole.accept());
          }
        } catch (Exception closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      AsyncPool pool = AsyncOracle.createPool(TestDatabases.withTestWorkers(PoolOptions.builder()
          .url("jdbc:h2:tcp://127.0.0.1:" + blackHole.getLocalPort() + "/mem:nothing").user("sa")
          .password("never-shown-pw").min(0).max(2).failFast(false).connectTimeout(Duration.ofMillis(500))
          .acquireTimeout(Duration.ofSeconds(5)).listener(new PoolListener() {
            @Override
            public void onConnectFailure(Throwable error) {
              failures.add(error);
            }
          })).build()).join();
      try {
        assertThat(pool.acquire()).failsWithin(TestFutures.TIMEOUT).withThrowableOfType(Exception.class)
            .withRootCauseInstanceOf(AcquireTimeoutException.class);
        eventually("the failed connect reported", () -> !failures.isEmpty());
        assertThat(failures.get(0)).isInstanceOf(AcquireTimeoutException.class)
            .hasMessageContaining("connect timeout").hasMessageNotContaining("never-shown-pw");
      } finally {
        pool.close(true, true).orTimeout(30, TimeUnit.SECONDS).join();
        for (Socket s : accepted) {
          s.close();
        }
      }
    }
  }
}
