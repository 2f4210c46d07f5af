package io.asyncoracle.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** The metadata IDEs autocomplete from, and the registration files Boot reads. */
class ConfigurationMetadataTest {

  private static final List<String> PROPERTIES = List.of(
      "async-oracle.url", "async-oracle.host", "async-oracle.port", "async-oracle.service-name", "async-oracle.sid",
      "async-oracle.username", "async-oracle.password", "async-oracle.tns-admin", "async-oracle.wallet-location",
      "async-oracle.connection-properties", "async-oracle.pool-name", "async-oracle.min", "async-oracle.max",
      "async-oracle.acquire-timeout", "async-oracle.connect-timeout", "async-oracle.max-waiters", "async-oracle.validate-on-borrow",
      "async-oracle.inactive-timeout", "async-oracle.max-lifetime", "async-oracle.statement-cache-size",
      "async-oracle.call-timeout", "async-oracle.array-size", "async-oracle.virtual-threads", "async-oracle.fail-fast",
      "async-oracle.module", "async-oracle.embedded-database-name", "async-oracle.shutdown.mode",
      "async-oracle.shutdown.timeout", "async-oracle.health.timeout", "async-oracle.health.show-url", "management.health.async-oracle.enabled",
      "async-oracle.get-mode", "async-oracle.wait-timeout", "async-oracle.increment", "async-oracle.ping-interval",
      "async-oracle.ping-timeout",
      "async-oracle.observations.enabled", "async-oracle.observations.include-query-text",
      "async-oracle.metrics.naming");

  @Test
  void everyPropertyIsDescribedInTheGeneratedMetadata() throws IOException {
    String json = read("META-INF/spring-configuration-metadata.json");
    for (String property : PROPERTIES) {
      Matcher entry = Pattern.compile("\\{[^{}]*\"name\": ?\"" + Pattern.quote(property) + "\"[^{}]*}").matcher(json);
      assertThat(entry.find()).as(property + " in the metadata").isTrue();
      assertThat(entry.group()).as(property + " has a description").contains("\"description\"");
    }
    assertThat(json).contains("\"name\": \"async-oracle.shutdown.mode\"").contains("\"value\": \"interrupt\"");
    assertThat(json).contains("\"name\": \"async-oracle.get-mode\"").contains("\"value\": \"forceget\"");
    assertThat(json).contains("\"name\": \"async-oracle.metrics.naming\"").contains("\"value\": \"opentelemetry\"");
  }

  @Test
  void autoConfigurationsAreRegisteredInTheImportsFile() throws IOException {
    assertThat(read("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports").lines())
        .containsExactly(
            "io.asyncoracle.boot.autoconfigure.AsyncOracleAutoConfiguration",
            "io.asyncoracle.boot.autoconfigure.health.AsyncOracleHealthAutoConfiguration",
            "io.asyncoracle.boot.autoconfigure.metrics.AsyncOracleMetricsAutoConfiguration",
            "io.asyncoracle.boot.autoconfigure.observation.AsyncOracleObservationAutoConfiguration",
            "io.asyncoracle.boot.autoconfigure.jdbc.AsyncOracleJdbcConnectionDetailsAutoConfiguration",
            "io.asyncoracle.boot.autoconfigure.flyway.AsyncOracleFlywayAutoConfiguration",
            "io.asyncoracle.boot.autoconfigure.liquibase.AsyncOracleLiquibaseAutoConfiguration");
  }

  @Test
  void serviceConnectionFactoriesAndTheInitializationDetectorAreRegisteredInSpringFactories() {
    ClassLoader loader = getClass().getClassLoader();
    assertThat(SpringFactoriesLoader.loadFactoryNames(
        org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory.class, loader)).contains(
            "io.asyncoracle.boot.docker.compose.AsyncOracleDockerComposeConnectionDetailsFactory",
            "io.asyncoracle.boot.testcontainers.AsyncOracleContainerConnectionDetailsFactory");
    assertThat(SpringFactoriesLoader.loadFactoryNames(
        org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitializationDetector.class, loader))
        .contains("io.asyncoracle.boot.sql.AsyncOracleDependsOnDatabaseInitializationDetector");
  }

  @Test
  void failureAnalyzersAreRegisteredInSpringFactories() {
    assertThat(SpringFactoriesLoader.loadFactoryNames(org.springframework.boot.diagnostics.FailureAnalyzer.class,
        getClass().getClassLoader())).contains(
            InvalidAsyncOracleConfigurationFailureAnalyzer.class.getName(),
            InvalidArgumentFailureAnalyzer.class.getName(),
            AsyncOracleStartupFailureAnalyzer.class.getName());
  }

  private static String read(String path) throws IOException {
    try (InputStream in = new ClassPathResource(path).getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
