package io.asyncoracle.boot.aot;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.boot.autoconfigure.AsyncOracleProperties;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeHint;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** The hints a native image needs for what async-oracle reaches by reflection or proxies. */
class AsyncOracleRuntimeHintsTest {

  private final RuntimeHints hints = new RuntimeHints();

  AsyncOracleRuntimeHintsTest() {
    new AsyncOracleRuntimeHints().registerHints(hints, getClass().getClassLoader());
  }

  @Test
  void isRegisteredInAotFactories() {
    assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
        .load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(AsyncOracleRuntimeHints.class);
  }

  @Test
  void ucpCanCreateAndConfigureTheH2ConnectionFactory() {
    assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of("org.h2.jdbcx.JdbcDataSource"))
        .withMemberCategories(MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS, MemberCategory.INVOKE_PUBLIC_METHODS))
        .accepts(hints);
  }

  @Test
  void theLtxidBytesCanBeRead() throws Exception {
    assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation("oracle.jdbc.driver.LogicalTransactionId",
        "getBytes")).accepts(hints);
  }

  @Test
  void virtualThreadWorkersCanBeBuiltReflectively() {
    // Type hints rather than predicates: the build may run on Java 17, which has neither method.
    TypeHint thread = hints.reflection().getTypeHint(Thread.class);
    assertThat(thread).isNotNull();
    assertThat(thread.methods()).extracting(m -> m.getName()).contains("ofVirtual");
    TypeHint builder = hints.reflection().getTypeHint(TypeReference.of("java.lang.Thread$Builder"));
    assertThat(builder).isNotNull();
    assertThat(builder.methods()).extracting(m -> m.getName()).contains("name", "factory");
  }

  @Test
  void theTemplatesRowResultSetProxyIsDeclared() {
    assertThat(RuntimeHintsPredicates.proxies().forInterfaces(ResultSet.class)).accepts(hints);
  }

  @Test
  void thePropertiesCanBeBound() {
    assertThat(RuntimeHintsPredicates.reflection().onType(AsyncOracleProperties.class)).accepts(hints);
    assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(AsyncOracleProperties.class, "setUrl"))
        .accepts(hints);
    assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(AsyncOracleProperties.Observations.class,
        "setEnabled")).accepts(hints);
    assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(AsyncOracleProperties.Shutdown.class,
        "setMode")).accepts(hints);
  }
}
