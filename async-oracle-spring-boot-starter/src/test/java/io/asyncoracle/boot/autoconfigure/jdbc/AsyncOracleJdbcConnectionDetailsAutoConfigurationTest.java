package io.asyncoracle.boot.autoconfigure.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.boot.TestDatabases;
import io.asyncoracle.boot.autoconfigure.AsyncOracleAutoConfiguration;
import io.asyncoracle.boot.template.AsyncOracleTemplate;
import java.sql.Connection;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The combinations of the pool with and without spring-boot-jdbc and Boot's own JDBC details. */
class AsyncOracleJdbcConnectionDetailsAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AsyncOracleAutoConfiguration.class,
          AsyncOracleJdbcConnectionDetailsAutoConfiguration.class, DataSourceAutoConfiguration.class));

  @Test
  void bootsDataSourcePointsAtThePoolsDatabaseInsteadOfAnEmbeddedOneOfItsOwn() {
    runner.run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(JdbcConnectionDetails.class).hasSingleBean(DataSource.class);
      AsyncPool pool = context.getBean(AsyncPool.class);
      assertThat(context.getBean(JdbcConnectionDetails.class).getJdbcUrl()).isEqualTo(pool.options().jdbcUrl());
      context.getBean(AsyncOracleTemplate.class).update("create table shared_db (id number)").join();
      try (Connection c = context.getBean(DataSource.class).getConnection();
          ResultSet rs = c.getMetaData().getTables(null, null, "SHARED_DB", null)) {
        assertThat(rs.next()).as("the pool's table seen through Boot's DataSource").isTrue();
      }
    });
  }

  @Test
  void backsOffForSpringDatasourceUrl() {
    String dataSourceUrl = TestDatabases.memUrl();
    runner.withPropertyValues("spring.datasource.url=" + dataSourceUrl).run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean("asyncOracleJdbcConnectionDetails");
      assertThat(context.getBean(JdbcConnectionDetails.class).getJdbcUrl()).isEqualTo(dataSourceUrl);
    });
  }

  @Test
  void backsOffForAnotherJdbcConnectionDetailsWhichLeavesThePoolAlone() {
    String poolUrl = TestDatabases.memUrl();
    String otherUrl = TestDatabases.memUrl();
    runner.withPropertyValues("async-oracle.url=" + poolUrl)
        .withBean("postgresConnectionDetails", JdbcConnectionDetails.class, () -> new JdbcConnectionDetails() {
          @Override
          public String getUsername() {
            return "other";
          }

          @Override
          public String getPassword() {
            return "";
          }

          @Override
          public String getJdbcUrl() {
            return otherUrl;
          }
        })
        .run(context -> {
          assertThat(context).hasNotFailed().doesNotHaveBean("asyncOracleJdbcConnectionDetails");
          assertThat(context.getBean(JdbcConnectionDetails.class).getJdbcUrl()).isEqualTo(otherUrl);
          assertThat(context.getBean(AsyncPool.class).options().jdbcUrl()).isEqualTo(poolUrl);
        });
  }

  @Test
  void withoutSpringBootJdbcThereIsNoDataSourceAndThePoolWorks() {
    // DataSourceAutoConfiguration is itself in spring-boot-jdbc: without it, it is not there to list.
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AsyncOracleAutoConfiguration.class,
            AsyncOracleJdbcConnectionDetailsAutoConfiguration.class))
        .withClassLoader(new FilteredClassLoader("org.springframework.boot.jdbc")).run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean(DataSource.class)
          .doesNotHaveBean("asyncOracleJdbcConnectionDetails");
      assertThat(context.getBean(AsyncOracleTemplate.class).queryForObject("select 1 from dual", Integer.class)
          .join()).isEqualTo(1);
    });
  }

  @Test
  void noDetailsForTheApplicationsOwnPools() {
    runner.withBean(AsyncPool.class, () -> AsyncOracle.createPool(PoolOptions.builder().url(TestDatabases.memUrl())
            .build()).join(), bd -> bd.setDestroyMethodName(""))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("asyncOracleJdbcConnectionDetails"));
  }
}
