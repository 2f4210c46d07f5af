package io.asyncoracle.sample.db;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What the sample reaches by reflection or as resources, for a native image: H2 finds the Java
 * function behind {@code create alias sleep_seconds} by its class and method name, and Flyway reads
 * the migrations under {@code db/migration/common} and {@code db/migration/{vendor}}.
 */
class SampleRuntimeHints implements RuntimeHintsRegistrar {

  @Override
  public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
    hints.reflection().registerType(H2Functions.class, MemberCategory.INVOKE_PUBLIC_METHODS);
    hints.resources().registerPattern("db/migration/*/*.sql");
  }
}
