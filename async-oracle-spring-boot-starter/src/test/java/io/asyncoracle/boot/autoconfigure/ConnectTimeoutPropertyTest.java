package io.asyncoracle.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncPool;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.boot.BlackHoleListener;
import io.asyncoracle.boot.FailureReports;
import io.asyncoracle.boot.TestDatabases;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code async-oracle.connect-timeout}: it reaches the pool, it bounds a startup against a listener
 * that accepts and never answers, and the failure analysis names it.
 */
class ConnectTimeoutPropertyTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AsyncOracleAutoConfiguration.class));

  @Test
  void theDefaultIsTheCoresAndTheValueReachesThePool() {
    runner.withPropertyValues("async-oracle.url=" + TestDatabases.memUrl())
        .run(context -> assertThat(context.getBean(AsyncPool.class).options().connectTimeout())
            .isEqualTo(PoolOptions.DEFAULT_CONNECT_TIMEOUT));
    runner.withPropertyValues("async-oracle.url=" + TestDatabases.memUrl(), "async-oracle.connect-timeout=3s")
        .run(context -> assertThat(context.getBean(AsyncPool.class).options().connectTimeout())
            .isEqualTo(Duration.ofSeconds(3)));
  }

  @Test
  void aStartupAgainstAListenerThatNeverAnswersFailsAtTheConnectTimeoutAndTheAnalysisNamesIt() throws Exception {
    try (BlackHoleListener blackHole = new BlackHoleListener()) {
      runner.withPropertyValues("async-oracle.url=" + blackHole.h2Url(), "async-oracle.password=never-shown-8812",
          "async-oracle.connect-timeout=1s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("within the connect timeout of 1000 ms");
            FailureAnalysis analysis = FailureReports.analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("could not connect")
                .contains("connect timeout of 1000 ms").doesNotContain("never-shown-8812");
            assertThat(analysis.getAction()).contains("async-oracle.connect-timeout");
          });
    }
  }

  @Test
  void anInvalidValueIsReportedByItsPropertyName() {
    runner.withPropertyValues("async-oracle.url=" + TestDatabases.memUrl(), "async-oracle.connect-timeout=-1s")
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(FailureReports.analyze(context.getStartupFailure()).getDescription())
              .contains("async-oracle.connect-timeout");
        });
  }
}
