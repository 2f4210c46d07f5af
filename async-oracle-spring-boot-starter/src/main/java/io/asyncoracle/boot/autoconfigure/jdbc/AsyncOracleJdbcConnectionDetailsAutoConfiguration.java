package io.asyncoracle.boot.autoconfigure.jdbc;

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
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * With spring-boot-jdbc present (Flyway and Liquibase bring it) and no {@code spring.datasource.url},
 * describes the async-oracle database as Boot's {@link JdbcConnectionDetails}, so that:
 * <ul>
 *   <li>a {@code DataSource} Boot builds points at the pool's database, not at an embedded
 *   database of its own;</li>
 *   <li>Flyway and Liquibase, whose auto-configurations need a {@code DataSource} or a
 *   {@code JdbcConnectionDetails}, run when Boot's {@code DataSourceAutoConfiguration} is excluded
 *   (the way to have no second, synchronous pool).</li>
 * </ul>
 * Backs off when the application (or a service connection, e.g. a PostgreSQL container) supplies
 * a {@code JdbcConnectionDetails}: the pool never reads that type, so another database's details
 * never redirect it.
 */
@AutoConfiguration(after = AsyncOracleAutoConfiguration.class,
    beforeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass({JdbcConnectionDetails.class, AsyncPool.class})
@ConditionalOnBean(AsyncOracleConnectionDetails.class)
@Conditional(AsyncOracleJdbcConnectionDetailsAutoConfiguration.NoDataSourceUrl.class)
public final class AsyncOracleJdbcConnectionDetailsAutoConfiguration {

  AsyncOracleJdbcConnectionDetailsAutoConfiguration() {
  }

  /**
   * The pool's database as JDBC connection details.
   *
   * @param details where the pool connects
   * @return the JDBC connection details
   */
  @Bean
  @ConditionalOnMissingBean(JdbcConnectionDetails.class)
  JdbcConnectionDetails asyncOracleJdbcConnectionDetails(AsyncOracleConnectionDetails details) {
    return new PoolDatabaseJdbcConnectionDetails(details);
  }

  /** Boot's JDBC side of the pool's database: always the pool's user and password. */
  private static final class PoolDatabaseJdbcConnectionDetails extends PoolDatabaseConnectionDetails
      implements JdbcConnectionDetails {

    PoolDatabaseJdbcConnectionDetails(AsyncOracleConnectionDetails details) {
      super(details, null, null, "JDBC");
    }
  }

  /** Matches unless {@code spring.datasource.url} names the application's DataSource database. */
  static final class NoDataSourceUrl extends NoneNestedConditions {

    NoDataSourceUrl() {
      super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnProperty("spring.datasource.url")
    static final class DataSourceUrl {
    }
  }
}
