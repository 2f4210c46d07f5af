package io.asyncoracle.boot.shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.boot.TestDatabases;
import io.asyncoracle.boot.autoconfigure.AsyncOracleAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Closing the context says so at INFO, once, with the pool's state when the close began. */
@ExtendWith(OutputCaptureExtension.class)
class PoolClosedLogTest {

  @Test
  void oneInfoLineWithTheFinalStatsWhenThePoolCloses(CapturedOutput output) {
    new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AsyncOracleAutoConfiguration.class))
        .withPropertyValues("async-oracle.url=" + TestDatabases.memUrl(), "async-oracle.pool-name=closing-pool",
            "async-oracle.min=2")
        .run(context -> assertThat(output).doesNotContain("closing-pool - closed"));

    assertThat(output.getOut().lines().filter(line -> line.contains("closing-pool - closed")))
        .singleElement().satisfies(line -> assertThat(line).contains("INFO")
            .contains("closing-pool - closed (graceful) in ").contains("ms; when the close began: total=2, busy=0"));
  }
}
