package io.asyncoracle.sample.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

/** H2 calls the sample's Java function by name: a native image must keep it invocable. */
class SampleRuntimeHintsTest {

  @Test
  void theH2SleepFunctionIsInvocableByReflection() throws Exception {
    RuntimeHints hints = new RuntimeHints();
    new SampleRuntimeHints().registerHints(hints, getClass().getClassLoader());
    try (var migration = getClass().getResourceAsStream("/db/migration/h2/V2__sleep_seconds.sql")) {
      assertThat(new String(migration.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .contains(H2Functions.class.getName() + ".sleepSeconds");
    }
    assertThat(RuntimeHintsPredicates.resource().forResource("db/migration/common/V1__orders.sql")).accepts(hints);
    assertThat(RuntimeHintsPredicates.resource().forResource("db/migration/h2/V2__sleep_seconds.sql")).accepts(hints);
    assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(H2Functions.class, "sleepSeconds"))
        .accepts(hints);
  }
}
