package io.asyncoracle.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.asyncoracle.AsyncPool;
import io.asyncoracle.PoolOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stopping the application while a slow database call runs, in each shutdown mode: the pool
 * drains (the call finishes) or interrupts (the call is cancelled at once), as configured.
 *
 * <p>Each test starts its own application, as {@code spring-boot:run} would, and closes it the way
 * a SIGTERM does.
 */
class ShutdownTest {

  private static final AtomicInteger POOLS = new AtomicInteger();

  private final List<ConfigurableApplicationContext> started = new ArrayList<>();

  @AfterEach
  void closeLeftovers() {
    started.forEach(ConfigurableApplicationContext::close);
  }

  @Test
  void byDefaultTheRunningRequestFinishesBeforeTheApplicationStops() throws Exception {
    App app = start();
    CompletableFuture<Http.Response> call = app.http.getAsync("/api/slow?seconds=2");
    app.awaitSleeping();

    app.close();

    // The web server's graceful shutdown waited for the request, whose call is counted before
    // its response is written: so it is counted by the time close() returns.
    assertThat(app.slowCalls("completed")).as("completed before the application stopped").isEqualTo(1);
    Http.Response response = call.get(10, TimeUnit.SECONDS);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("seconds").asInt()).isEqualTo(2);
    assertThat(app.pool.isClosed()).isTrue();
  }

  @Test
  void gracefulPoolCloseDrainsTheCallEvenWhenTheWebServerStopsAtOnce() throws Exception {
    App app = start("server.shutdown=immediate", "async-oracle.shutdown.mode=graceful", "async-oracle.shutdown.timeout=20s");
    app.http.getAsync("/api/slow?seconds=2");
    app.awaitSleeping();

    app.close();

    // The pool waited for the connection: none is out once close() returns. The call is counted
    // by whichever thread completes it, possibly just after.
    assertThat(app.pool.isClosed()).isTrue();
    assertThat(app.pool.stats().busy()).isZero();
    app.awaitCounted("completed");
    assertThat(app.slowCalls("failed")).isZero();
  }

  @Test
  void interruptModeCancelsTheRunningCallAtOnce() throws Exception {
    App app = start("server.shutdown=immediate", "async-oracle.shutdown.mode=interrupt");
    app.http.getAsync("/api/slow?seconds=60");
    app.awaitSleeping();

    long closeMillis = app.close();

    assertThat(closeMillis).as("far below the 60 s call").isLessThan(15_000);
    assertThat(app.pool.isClosed()).isTrue();
    app.awaitCounted("failed");
    assertThat(app.slowCalls("completed")).isZero();
  }

  @Test
  void gracefulPoolCloseInterruptsWhatOutlastsItsTimeout() throws Exception {
    App app = start("server.shutdown=immediate", "async-oracle.shutdown.mode=graceful", "async-oracle.shutdown.timeout=1s");
    app.http.getAsync("/api/slow?seconds=60");
    app.awaitSleeping();

    long closeMillis = app.close();

    // The 1 s timeout runs from the start of the pool's close, which is after close() began.
    assertThat(closeMillis).isBetween(1_000L, 15_000L);
    assertThat(app.pool.isClosed()).isTrue();
    app.awaitCounted("failed");
  }

  private App start(String... properties) {
    // Command-line arguments, as a user would pass them: they win over application.yml.
    List<String> args = new ArrayList<>(List.of("--server.port=0", "--sample.seed-orders=0",
        "--spring.main.banner-mode=off", "--async-oracle.pool-name=shutdown-test-" + POOLS.incrementAndGet()));
    for (String property : properties) {
      args.add("--" + property);
    }
    ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
        .run(args.toArray(String[]::new));
    started.add(context);
    return new App(context);
  }

  /** One running application. */
  private static final class App {
    final ConfigurableApplicationContext context;
    final AsyncPool pool;
    final Map<String, Timer> slowCalls = new HashMap<>();
    final Http http;

    App(ConfigurableApplicationContext context) {
      this.context = context;
      this.pool = context.getBean(AsyncPool.class);
      // Held from the start: a closed context's registry is not searched any more.
      MeterRegistry meters = context.getBean(MeterRegistry.class);
      for (String outcome : List.of("completed", "timed-out", "failed")) {
        slowCalls.put(outcome, meters.get("sample.slow.calls").tag("outcome", outcome).timer());
      }
      this.http = new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    /**
     * Waits until the database runs the slow call: a borrowed connection is not enough for the
     * interrupting modes, whose cancel has nothing to stop before the statement starts.
     */
    void awaitSleeping() {
      PoolOptions options = pool.options();
      try (Connection watcher = DriverManager.getConnection(options.jdbcUrl(), options.user(), options.password());
          PreparedStatement running = watcher.prepareStatement("select count(*) from information_schema.sessions"
              + " where locate('SLEEP_SECONDS', upper(executing_statement)) > 0 and session_id <> session_id()")) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> {
          try (ResultSet rs = running.executeQuery()) {
            return rs.next() && rs.getInt(1) == 1;
          }
        });
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    /** Waits until one call was counted with {@code outcome}, and checks no second one was. */
    void awaitCounted(String outcome) {
      await().atMost(Duration.ofSeconds(30)).until(() -> slowCalls(outcome) >= 1);
      assertThat(slowCalls(outcome)).isEqualTo(1);
    }

    /** Closes the context as the JVM's shutdown hook does; returns how long it took. */
    long close() {
      long start = System.nanoTime();
      context.close();
      return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    long slowCalls(String outcome) {
      return slowCalls.get(outcome).count();
    }
  }
}
