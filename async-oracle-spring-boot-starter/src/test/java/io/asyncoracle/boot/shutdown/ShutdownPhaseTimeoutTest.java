package io.asyncoracle.boot.shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncPool;
import io.asyncoracle.boot.TestDatabases;
import io.asyncoracle.boot.autoconfigure.AsyncOracleAutoConfiguration;
import io.asyncoracle.boot.autoconfigure.InvalidAsyncOracleConfigurationException;
import io.asyncoracle.boot.autoconfigure.InvalidAsyncOracleConfigurationFailureAnalyzer;
import io.asyncoracle.boot.template.AsyncOracleTemplate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.SmartLifecycle;

/**
 * {@code async-oracle.shutdown.timeout} fits inside {@code spring.lifecycle.timeout-per-shutdown-phase}:
 * derived from it by default, and a startup failure naming both when an explicit value leaves no
 * room for the interrupt that ends a graceful drain.
 */
class ShutdownPhaseTimeoutTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AsyncOracleAutoConfiguration.class, LifecycleAutoConfiguration.class))
      .withPropertyValues("async-oracle.url=" + TestDatabases.memUrl(), "async-oracle.max=2");

  @Test
  void theDrainTimeoutDefaultsToThePhaseTimeoutMinusTheInterruptMargin() {
    runner.run(context -> assertThat(context.getBean(AsyncPoolLifecycle.class).getTimeout())
        .isEqualTo(Duration.ofSeconds(28)));
    runner.withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=1m")
        .run(context -> assertThat(context.getBean(AsyncPoolLifecycle.class).getTimeout())
            .isEqualTo(Duration.ofSeconds(58)));
    // A phase too short for both gets half of it for the drain.
    runner.withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=3s")
        .run(context -> assertThat(context.getBean(AsyncPoolLifecycle.class).getTimeout())
            .isEqualTo(Duration.ofMillis(1500)));
  }

  @Test
  void anExplicitDrainTimeoutThatFitsIsKept() {
    runner.withPropertyValues("async-oracle.shutdown.timeout=20s")
        .run(context -> assertThat(context.getBean(AsyncPoolLifecycle.class).getTimeout())
            .isEqualTo(Duration.ofSeconds(20)));
    // Force and interrupt do not drain for a timeout: nothing to fit.
    runner.withPropertyValues("async-oracle.shutdown.mode=force", "async-oracle.shutdown.timeout=40s")
        .run(context -> assertThat(context).hasNotFailed());
  }

  @Test
  void aDrainTimeoutThatRacesThePhaseFailsTheStartupNamingBoth() {
    runner.withPropertyValues("async-oracle.shutdown.timeout=30s").run(context -> {
      assertThat(context).hasFailed();
      Throwable failure = context.getStartupFailure();
      InvalidAsyncOracleConfigurationException invalid = findCause(failure, InvalidAsyncOracleConfigurationException.class);
      assertThat(invalid.getProperty()).isEqualTo("async-oracle.shutdown.timeout");
      FailureAnalysis analysis = new InvalidAsyncOracleConfigurationFailureAnalyzer().analyze(failure);
      assertThat(analysis.getDescription()).contains("async-oracle.shutdown.timeout")
          .contains("spring.lifecycle.timeout-per-shutdown-phase is 30s").contains("at most 28s");
      assertThat(analysis.getAction()).contains("spring.lifecycle.timeout-per-shutdown-phase");
    });
    runner.withPropertyValues("async-oracle.shutdown.timeout=0s").run(context -> assertThat(context).hasFailed());
  }

  @Test
  void aGracefulDrainInterruptsAndFinishesInsideThePhase() {
    // With the drain timeout derived from a 6 s phase, the endless query is cancelled and the pool
    // closed before Spring moves on to the next phase; a drain as long as the phase (the old
    // default) is still draining then.
    runner.withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=6s")
        .withBean(NextPhase.class)
        .run(context -> {
          AsyncPool pool = context.getBean(AsyncPool.class);
          String endless = TestDatabases.slowQuery(20_000);
          CompletableFuture<Long> query = context.getBean(AsyncOracleTemplate.class).queryForObject(endless, Long.class);
          TestDatabases.awaitRunning(pool, endless, 1, Duration.ofSeconds(30));
          NextPhase next = context.getBean(NextPhase.class);
          next.query = query;
          context.close();
          assertThat(next.stopped).isTrue();
          assertThat(next.queryDoneWhenStopped).as("the drain was still running when its phase ended").isTrue();
        });
  }

  private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
    Throwable e = failure;
    while (e != null && !type.isInstance(e)) {
      e = e.getCause();
    }
    assertThat(e).as("a cause of type " + type.getSimpleName()).isNotNull();
    return type.cast(e);
  }

  /** Stops in the phase after the pool's: records whether the pool's drain had finished by then. */
  static class NextPhase implements SmartLifecycle {
    volatile CompletableFuture<?> query;
    volatile boolean running;
    volatile boolean stopped;
    volatile boolean queryDoneWhenStopped;

    @Override
    public void start() {
      running = true;
    }

    @Override
    public void stop() {
      CompletableFuture<?> q = query;
      queryDoneWhenStopped = q != null && q.isDone();
      stopped = true;
      running = false;
    }

    @Override
    public boolean isRunning() {
      return running;
    }

    @Override
    public int getPhase() {
      return AsyncPoolLifecycle.PHASE - 1;
    }
  }
}
