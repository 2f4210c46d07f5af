package io.asyncoracle.sample.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

/** H2 calls the sample's Java function by name: a native image must keep it invocable. */
class SampleRuntimeHintsTest {

  @Test
  void theH2SleepFunctionIsInvocableByReflection() {
    RuntimeHints hints = new RuntimeHints();
    new SampleRuntimeHints().registerHints(hints, getClass().getClassLoader());
    assertThat(SchemaInitializer.H2_SLEEP_ALIAS).contains(H2Functions.class.getName() + ".sleepSeconds");
    assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(H2Functions.class, "sleepSeconds"))
        .accepts(hints);
  }
}
