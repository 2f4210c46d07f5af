package io.asyncoracle.sample.slow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.asyncoracle.AsyncPool;
import io.asyncoracle.sample.Http;
import io.asyncoracle.sample.SampleAppTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The slow endpoint over real HTTP: a call that runs its time, and one a call timeout cancels. */
@SampleAppTest
class SlowCallApiTest {

  @LocalServerPort
  int port;

  @Autowired
  AsyncPool pool;

  @Autowired
  MeterRegistry meters;

  @Autowired
  SlowCallService slowCalls;

  Http http;

  @BeforeEach
  void client() {
    http = new Http(port);
  }

  @Test
  void theDatabaseSleepsAsLongAsAsked() {
    long before = count("completed");

    Http.Response response = http.get("/api/slow?seconds=1");

    assertThat(response.status()).isEqualTo(200);
    JsonNode result = response.json();
    assertThat(result.get("seconds").asInt()).isEqualTo(1);
    assertThat(result.get("elapsedMillis").asLong()).isGreaterThanOrEqualTo(1_000);
    assertThat(result.get("database").asString()).isEqualTo("H2");
    assertThat(count("completed")).isEqualTo(before + 1);
  }

  @Test
  void aCallTimeoutCancelsTheCallAndAnswers504() {
    long before = count("timed-out");
    long start = System.nanoTime();

    Http.Response response = http.get("/api/slow?seconds=60&timeoutMs=300");

    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertThat(response.status()).isEqualTo(504);
    assertThat(response.contentType()).isEqualTo("application/problem+json");
    assertThat(response.json().get("code").asString()).isEqualTo("database-timeout");
    // Cancelled, not waited out: far below the 60 s asked for.
    assertThat(millis).isLessThan(20_000);
    assertThat(count("timed-out")).isEqualTo(before + 1);
    // The connection survived the cancel and went back.
    await().atMost(Duration.ofSeconds(10)).until(() -> pool.stats().busy() == 0);
    assertThat(http.get("/api/orders/1").status()).isEqualTo(200);
  }

  /**
   * Spring MVC cancels a controller's future when the request ends first (web server stopped at
   * once, async request timeout) if Reactor is on the classpath: it then adapts the future to a
   * {@code Mono}, whose cancel cancels the future. The call still runs to its end and is counted.
   */
  @Test
  void aCallWhoseFutureTheCallerCancelsStillRunsAndIsCounted() {
    long before = count("completed");
    long failedBefore = count("failed");

    CompletableFuture<SlowCallResult> call = slowCalls.sleep(1, null);
    assertThat(call.cancel(true)).isTrue();

    await().atMost(Duration.ofSeconds(30)).until(() -> count("completed") > before);
    assertThat(count("completed")).isEqualTo(before + 1);
    assertThat(count("failed")).isEqualTo(failedBefore);
    await().atMost(Duration.ofSeconds(10)).until(() -> pool.stats().busy() == 0);
  }

  @Test
  void secondsAreChecked() {
    assertThat(http.get("/api/slow").status()).isEqualTo(400);
    assertThat(http.get("/api/slow?seconds=0").json().at("/errors/0/message").asString())
        .isEqualTo("must be greater than or equal to 1");
    assertThat(http.get("/api/slow?seconds=121").json().at("/errors/0/message").asString())
        .isEqualTo("must be less than or equal to 120");
    assertThat(http.get("/api/slow?seconds=1&timeoutMs=0").json().at("/errors/0/field").asString())
        .isEqualTo("timeoutMs");
  }

  private long count(String outcome) {
    Timer timer = meters.find("sample.slow.calls").tag("outcome", outcome).timer();
    return timer == null ? 0 : timer.count();
  }
}
