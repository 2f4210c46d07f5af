package io.asyncoracle.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncPool;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The embedded H2 database has a stable name, so its {@code db.namespace} (a tag of the observation
 * meters) does not start new metric series at every restart; contexts of one JVM still get their own.
 */
class EmbeddedDatabaseNameTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AsyncOracleAutoConfiguration.class));

  @Test
  void theFirstEmbeddedDatabaseOfAJvmIsNamedTheSameEveryTimeAndTheNextOnesAreNumbered() {
    PropertiesAsyncOracleConnectionDetails.EmbeddedDatabaseNames names =
        new PropertiesAsyncOracleConnectionDetails.EmbeddedDatabaseNames();
    assertThat(List.of(names.next(), names.next(), names.next()))
        .containsExactly("async-oracle", "async-oracle-2", "async-oracle-3");
    assertThat(new PropertiesAsyncOracleConnectionDetails.EmbeddedDatabaseNames().next())
        .as("a restarted application").isEqualTo("async-oracle");
  }

  @Test
  void twoContextsInOneJvmGetTwoDatabasesNamedWithoutARandomPart() {
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      runner.run(context -> urls.add(context.getBean(AsyncPool.class).options().jdbcUrl()));
    }
    assertThat(urls).allMatch(url -> url.matches("jdbc:h2:mem:async-oracle(-\\d+)?;MODE=Oracle;DB_CLOSE_DELAY=-1"))
        .doesNotHaveDuplicates();
  }
}
