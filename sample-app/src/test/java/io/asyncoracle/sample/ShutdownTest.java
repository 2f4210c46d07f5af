package io.asyncoracle.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.asyncoracle.AsyncPool;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
    app.awaitBusy();

    long closeMillis = app.close();

    Http.Response response = call.get(10, TimeUnit.SECONDS);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("seconds").asInt()).isEqualTo(2);
    assertThat(closeMillis).isGreaterThanOrEqualTo(1_000);
    assertThat(app.pool.isClosed()).isTrue();
    assertThat(app.slowCalls("completed")).isEqualTo(1);
  }

  @Test
  void gracefulPoolCloseDrainsTheCallEvenWhenTheWebServerStopsAtOnce() throws Exception {
    App app = start("server.shutdown=immediate", "async-oracle.shutdown.mode=graceful", "async-oracle.shutdown.timeout=20s");
    app.http.getAsync("/api/slow?seconds=2");
    app.awaitBusy();

    long closeMillis = app.close();

    assertThat(closeMillis).isGreaterThanOrEqualTo(1_000);
    assertThat(app.slowCalls("completed")).isEqualTo(1);
    assertThat(app.slowCalls("failed")).isZero();
    assertThat(app.pool.isClosed()).isTrue();
  }

  @Test
  void interruptModeCancelsTheRunningCallAtOnce() throws Exception {
    App app = start("server.shutdown=immediate", "async-oracle.shutdown.mode=interrupt");
    app.http.getAsync("/api/slow?seconds=60");
    app.awaitBusy();

    long closeMillis = app.close();

    assertThat(closeMillis).isLessThan(15_000);
    assertThat(app.slowCalls("failed")).isEqualTo(1);
    assertThat(app.slowCalls("completed")).isZero();
    assertThat(app.pool.isClosed()).isTrue();
  }

  @Test
  void gracefulPoolCloseInterruptsWhatOutlastsItsTimeout() throws Exception {
    App app = start("server.shutdown=immediate", "async-oracle.shutdown.mode=graceful", "async-oracle.shutdown.timeout=1s");
    app.http.getAsync("/api/slow?seconds=60");
    app.awaitBusy();

    long closeMillis = app.close();

    assertThat(closeMillis).isBetween(900L, 15_000L);
    assertThat(app.slowCalls("failed")).isEqualTo(1);
    assertThat(app.pool.isClosed()).isTrue();
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

    void awaitBusy() {
      await().atMost(Duration.ofSeconds(10)).until(() -> pool.stats().busy() == 1);
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
