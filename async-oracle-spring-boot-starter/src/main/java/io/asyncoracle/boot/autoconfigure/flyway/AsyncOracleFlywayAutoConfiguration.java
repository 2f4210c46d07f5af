package io.asyncoracle.boot.autoconfigure.flyway;

import io.asyncoracle.AsyncPool;
import io.asyncoracle.boot.autoconfigure.AsyncOracleAutoConfiguration;
import io.asyncoracle.boot.autoconfigure.AsyncOracleConnectionDetails;
import io.asyncoracle.boot.autoconfigure.PoolDatabaseConnectionDetails;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * Points Flyway at the async-oracle database: a {@link FlywayConnectionDetails} made from the
 * {@link AsyncOracleConnectionDetails}, so migrations run on the database the pool uses (the
 * embedded H2 database included), over a connection Boot opens for them and closes after, not
 * through the pool nor through a second pool. {@code spring.flyway.user} and
 * {@code spring.flyway.password} still apply (e.g. migrate as the schema owner); with
 * {@code spring.flyway.url}, a {@code @FlywayDataSource} or a {@code FlywayConnectionDetails} of the
 * application's, this backs off.
 */
@AutoConfiguration(after = AsyncOracleAutoConfiguration.class,
    beforeName = "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration")
@ConditionalOnClass({FlywayConnectionDetails.class, AsyncPool.class})
@ConditionalOnBean(AsyncOracleConnectionDetails.class)
@Conditional(AsyncOracleFlywayAutoConfiguration.NoFlywayUrl.class)
public final class AsyncOracleFlywayAutoConfiguration {

  AsyncOracleFlywayAutoConfiguration() {
  }

  /**
   * Flyway's connection, to the pool's database.
   *
   * @param details where the pool connects
   * @param environment for {@code spring.flyway.user} and {@code spring.flyway.password}
   * @return the connection details
   */
  @Bean
  @ConditionalOnMissingBean(FlywayConnectionDetails.class)
  FlywayConnectionDetails asyncOracleFlywayConnectionDetails(AsyncOracleConnectionDetails details,
      Environment environment) {
    return new PoolDatabaseFlywayConnectionDetails(details,
        environment.getProperty("spring.flyway.user"), environment.getProperty("spring.flyway.password"));
  }

  /** Flyway's side of the pool's database. */
  private static final class PoolDatabaseFlywayConnectionDetails extends PoolDatabaseConnectionDetails
      implements FlywayConnectionDetails {

    PoolDatabaseFlywayConnectionDetails(AsyncOracleConnectionDetails details, String user, String password) {
      super(details, user, password, "Flyway");
    }
  }

  /** Matches unless {@code spring.flyway.url} names another database. */
  static final class NoFlywayUrl extends NoneNestedConditions {

    NoFlywayUrl() {
      super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnProperty("spring.flyway.url")
    static final class FlywayUrl {
    }
  }
}
