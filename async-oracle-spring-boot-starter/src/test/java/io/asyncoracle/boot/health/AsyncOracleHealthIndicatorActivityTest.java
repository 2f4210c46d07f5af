package io.asyncoracle.boot.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AcquireTimeoutException;
import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.boot.TestDatabases;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The health indicator's judgement from the pool's connect events, driven by hand on a pool with
 * no connection open (min 0): what the core reports through {@code PoolListener.onConnectFailure}
 * and {@code onConnectionOpened}.
 */
class AsyncOracleHealthIndicatorActivityTest {

  private static final String PASSWORD = "pw-never-shown-5521";

  private AsyncPool pool;
  private final PoolActivity activity = new PoolActivity();
  private AsyncOracleHealthIndicator health;

  @BeforeEach
  void openPool() {
    pool = AsyncOracle.createPool(PoolOptions.builder().url(TestDatabases.memUrl()).user("sa").password(PASSWORD)
        .min(0).max(2).failFast(false).build()).join();
    health = new AsyncOracleHealthIndicator(pool, Duration.ofSeconds(2), false, activity);
  }

  @AfterEach
  void closePool() {
    pool.close(true, true).orTimeout(30, TimeUnit.SECONDS).join();
  }

  @Test
  void aFailedOpenIsReportedDownWithItsErrorAndWithoutThePassword() {
    // A driver may echo the password outside a URL too; redacting URLs alone would miss it.
    activity.onConnectFailure(new AcquireTimeoutException("app - login as sa/" + PASSWORD + " refused;"
        + " could not connect within the connect timeout of 3000 ms to"
        + " jdbc:h2:tcp://db:9092/x;USER=sa;PASSWORD=" + PASSWORD, null, null));

    Health report = health.health();

    assertThat(report.getStatus()).isEqualTo(Status.DOWN);
    assertThat((String) report.getDetails().get("lastConnectFailure"))
        .startsWith("AcquireTimeoutException: app - login as sa/****** refused;").contains("connect timeout of 3000 ms");
    assertThat(report.getDetails()).containsKey("lastConnectFailureAt");
    assertThat(report.toString()).doesNotContain(PASSWORD);
    assertThat(pool.stats().opened()).as("the check did not try to open one more").isZero();
  }

  @Test
  void aConnectionOpenedAfterTheFailureClearsItAndTheCheckPingsAgain() {
    activity.onConnectFailure(new IllegalStateException("refused"));
    assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);

    activity.onConnectionOpened();
    Health report = health.health();

    assertThat(report.getStatus()).isEqualTo(Status.UP);
    assertThat((String) report.getDetails().get("ping")).startsWith("ok in ");
    assertThat(report.getDetails()).doesNotContainKey("lastConnectFailure");
  }

  @Test
  void aFailureWhileAConnectionIsIdleIsSettledByPinging() {
    pool.acquire().join().close().join();
    activity.onConnectFailure(new IllegalStateException("one open failed"));

    Health report = health.health();

    assertThat(report.getStatus()).as("the database answers on the idle connection").isEqualTo(Status.UP);
    assertThat(activity.failingSince()).as("the answer is newer evidence than the failure").isNull();
  }

  @Test
  void aLendOrOpenWhileCallersWaitIsTheEvidenceTheCheckWaitsFor() throws Exception {
    assertThat(activity.goodWithin(Duration.ofHours(1))).isFalse();
    assertThat(awaitWhileRepeating(() -> activity.onAcquire(Duration.ofMillis(40))))
        .isEqualTo(PoolActivity.Outcome.GOOD);
    assertThat(activity.goodWithin(Duration.ofHours(1))).isTrue();
    assertThat(awaitWhileRepeating(() -> activity.onConnectFailure(new IllegalStateException("refused"))))
        .isEqualTo(PoolActivity.Outcome.CONNECT_FAILED);
    assertThat(activity.awaitNext(Duration.ofMillis(20))).isEqualTo(PoolActivity.Outcome.NOTHING);
  }

  /** Waits for the next event while another thread fires {@code event} until the wait returns. */
  private PoolActivity.Outcome awaitWhileRepeating(Runnable event) throws InterruptedException {
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    Thread firing = new Thread(() -> {
      while (!stop.get()) {
        event.run();
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    firing.start();
    try {
      return activity.awaitNext(Duration.ofSeconds(20));
    } finally {
      stop.set(true);
      firing.join();
    }
  }
}
