package io.asyncoracle.boot.autoconfigure.liquibase;

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
import org.springframework.boot.liquibase.autoconfigure.LiquibaseConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * Points Liquibase at the async-oracle database: a {@link LiquibaseConnectionDetails} made from the
 * {@link AsyncOracleConnectionDetails}, so changelogs run on the database the pool uses (the
 * embedded H2 database included), over a connection Boot opens for them and closes after, not
 * through the pool nor through a second pool. {@code spring.liquibase.user} and
 * {@code spring.liquibase.password} still apply (e.g. migrate as the schema owner); with
 * {@code spring.liquibase.url}, a {@code @LiquibaseDataSource} or a {@code LiquibaseConnectionDetails} of the
 * application's, this backs off.
 */
@AutoConfiguration(after = AsyncOracleAutoConfiguration.class,
    beforeName = "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration")
@ConditionalOnClass({LiquibaseConnectionDetails.class, AsyncPool.class})
@ConditionalOnBean(AsyncOracleConnectionDetails.class)
@Conditional(AsyncOracleLiquibaseAutoConfiguration.NoLiquibaseUrl.class)
public final class AsyncOracleLiquibaseAutoConfiguration {

  AsyncOracleLiquibaseAutoConfiguration() {
  }

  /**
   * Liquibase's connection, to the pool's database.
   *
   * @param details where the pool connects
   * @param environment for {@code spring.liquibase.user} and {@code spring.liquibase.password}
   * @return the connection details
   */
  @Bean
  @ConditionalOnMissingBean(LiquibaseConnectionDetails.class)
  LiquibaseConnectionDetails asyncOracleLiquibaseConnectionDetails(AsyncOracleConnectionDetails details,
      Environment environment) {
    return new PoolDatabaseLiquibaseConnectionDetails(details,
        environment.getProperty("spring.liquibase.user"), environment.getProperty("spring.liquibase.password"));
  }

  /** Liquibase's side of the pool's database. */
  private static final class PoolDatabaseLiquibaseConnectionDetails extends PoolDatabaseConnectionDetails
      implements LiquibaseConnectionDetails {

    PoolDatabaseLiquibaseConnectionDetails(AsyncOracleConnectionDetails details, String user, String password) {
      super(details, user, password, "Liquibase");
    }
  }

  /** Matches unless {@code spring.liquibase.url} names another database. */
  static final class NoLiquibaseUrl extends NoneNestedConditions {

    NoLiquibaseUrl() {
      super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnProperty("spring.liquibase.url")
    static final class LiquibaseUrl {
    }
  }
}
