package io.asyncoracle.sample.db;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What the sample reaches by reflection, for a native image: H2 finds the Java function behind
 * {@code create alias sleep_seconds} by its class and method name.
 */
class SampleRuntimeHints implements RuntimeHintsRegistrar {

  @Override
  public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
    hints.reflection().registerType(H2Functions.class, MemberCategory.INVOKE_PUBLIC_METHODS);
  }
}
