package io.asyncoracle.sample.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.asyncoracle.AsyncPool;
import io.asyncoracle.sample.Http;
import io.asyncoracle.sample.SampleAppTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The pool in {@code /actuator/health}, {@code /actuator/metrics} and {@code /actuator/prometheus}. */
@SampleAppTest
class ActuatorTest {

  @LocalServerPort
  int port;

  @Autowired
  AsyncPool pool;

  Http http;

  @BeforeEach
  void client() {
    http = new Http(port);
  }

  @Test
  void healthShowsThePoolWithoutSecrets() {
    Http.Response response = http.get("/actuator/health");

    assertThat(response.status()).isEqualTo(200);
    JsonNode health = response.json();
    assertThat(health.get("status").asString()).isEqualTo("UP");
    JsonNode asyncOracle = health.at("/components/async-oracle");
    assertThat(asyncOracle.get("status").asString()).isEqualTo("UP");
    JsonNode details = asyncOracle.get("details");
    assertThat(details.get("pool").asString()).isEqualTo("sample-test-pool");
    assertThat(details.get("url").asString()).startsWith("jdbc:h2:mem:").contains("MODE=Oracle");
    assertThat(details.get("min").asInt()).isEqualTo(2);
    assertThat(details.get("max").asInt()).isEqualTo(10);
    assertThat(details.get("ping").asString()).startsWith("ok in ");
    for (String counter : List.of("opened", "busy", "idle", "waiting")) {
      assertThat(details.get(counter).isInt()).as(counter).isTrue();
    }
    assertThat(response.body()).doesNotContainIgnoringCase("password");
  }

  @Test
  void theReadinessProbeIncludesTheDatabase() {
    Http.Response response = http.get("/actuator/health/readiness");

    assertThat(response.status()).isEqualTo(200);
    JsonNode readiness = response.json();
    assertThat(readiness.get("status").asString()).isEqualTo("UP");
    assertThat(readiness.at("/components/async-oracle/status").asString()).isEqualTo("UP");
    assertThat(readiness.at("/components/readinessState/status").asString()).isEqualTo("UP");
  }

  @Test
  void healthAnswersAtOnceWhenThePoolIsSaturated() {
    List<CompletableFuture<Http.Response>> calls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      calls.add(http.getAsync("/api/slow?seconds=3"));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> pool.stats().busy() == 10);

    long start = System.nanoTime();
    JsonNode details = http.get("/actuator/health").json().at("/components/async-oracle/details");
    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();

    assertThat(details.get("ping").asString()).isEqualTo("skipped: pool saturated");
    assertThat(details.get("busy").asInt()).isEqualTo(10);
    assertThat(millis).isLessThan(2_000);
    calls.forEach(call -> assertThat(call.join().status()).isEqualTo(200));
  }

  @Test
  void prometheusShowsThePoolAndTheApplicationsMeters() {
    assertThat(http.get("/api/slow?seconds=1").status()).isEqualTo(200);
    assertThat(http.get("/api/orders/1").status()).isEqualTo(200);

    Http.Response response = http.get("/actuator/prometheus");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("text/plain");
    List<String> lines = response.body().lines().toList();
    assertThat(lines).anyMatch(line -> line.startsWith("async_oracle_pool_connections_busy")
        && line.contains("pool=\"sample-test-pool\""));
    assertThat(lines).anyMatch(line -> line.startsWith("async_oracle_pool_waiting{"));
    assertThat(lines).anyMatch(line -> line.startsWith("async_oracle_pool_acquire_seconds_count{"));
    assertThat(lines).anyMatch(line -> line.startsWith("async_oracle_pool_usage_seconds_count{"));
    assertThat(lines).anyMatch(line -> line.startsWith("sample_slow_calls_seconds_count{")
        && line.contains("outcome=\"completed\""));
    assertThat(lines).anyMatch(line -> line.startsWith("http_server_requests_seconds_count{")
        && line.contains("uri=\"/api/orders/{id}\""));
  }

  @Test
  void metricsListsThePoolMeters() {
    assertThat(http.get("/api/slow?seconds=1").status()).isEqualTo(200);
    JsonNode names = http.get("/actuator/metrics").json().get("names");
    List<String> list = new ArrayList<>();
    names.forEach(name -> list.add(name.asString()));
    assertThat(list).contains("async.oracle.pool.connections.opened", "async.oracle.pool.connections.busy",
        "async.oracle.pool.connections.idle", "async.oracle.pool.acquire", "async.oracle.pool.usage",
        "async.oracle.pool.waiting", "sample.slow.calls");

    Http.Response connections = http.get("/actuator/metrics/async.oracle.pool.connections.opened");
    assertThat(connections.status()).isEqualTo(200);
    assertThat(connections.json().get("measurements").get(0).get("statistic").asString()).isEqualTo("VALUE");
  }
}
