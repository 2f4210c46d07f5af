package io.asyncoracle.boot.autoconfigure.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncPool;
import io.asyncoracle.boot.TestDatabases;
import io.asyncoracle.boot.autoconfigure.AsyncOracleAutoConfiguration;
import io.asyncoracle.boot.autoconfigure.jdbc.AsyncOracleJdbcConnectionDetailsAutoConfiguration;
import io.asyncoracle.boot.template.AsyncOracleTemplate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import javax.sql.DataSource;
import liquibase.integration.spring.SpringLiquibase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Liquibase migrates the database the pool uses, before anything uses the pool. */
class AsyncOracleLiquibaseAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AsyncOracleAutoConfiguration.class,
          AsyncOracleJdbcConnectionDetailsAutoConfiguration.class, AsyncOracleLiquibaseAutoConfiguration.class,
          LiquibaseAutoConfiguration.class))
      .withPropertyValues("spring.liquibase.change-log=classpath:db/test-migrations/liquibase/changelog.sql");

  @Test
  void migratesThePoolsEmbeddedDatabaseWithNoDataSourceAtAll() {
    // DataSourceAutoConfiguration left out, as an application does to have no second pool.
    runner.run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(SpringLiquibase.class).doesNotHaveBean(DataSource.class);
      assertThat(context.getBean(LiquibaseConnectionDetails.class).getJdbcUrl())
          .isEqualTo(context.getBean(AsyncPool.class).options().jdbcUrl());
      assertThat(context.getBean(AsyncOracleTemplate.class)
          .queryForObject("select count(*) from liquibase_items", Long.class).join()).isEqualTo(3);
    });
  }

  @Test
  void migratesThePoolsDatabaseWhenBootAlsoBuildsADataSource() {
    String url = TestDatabases.memUrl();
    runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
        .withPropertyValues("async-oracle.url=" + url).run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(DataSource.class);
          assertThat(context.getBean(AsyncOracleTemplate.class)
              .queryForObject("select count(*) from liquibase_items", Long.class).join()).isEqualTo(3);
        });
  }

  @Test
  void beansThatUseThePoolStartAfterTheMigrations() {
    runner.withUserConfiguration(ReaderConfiguration.class).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(StartupReader.class).itemsAtStartup).isEqualTo(3);
    });
  }

  @Test
  void springLiquibaseUserStillApplies() throws Exception {
    String url = TestDatabases.memUrl();
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      c.createStatement().execute("create user migrator password 'mig-pw' admin");
    }
    runner.withPropertyValues("async-oracle.url=" + url, "async-oracle.username=sa", "spring.liquibase.user=migrator",
        "spring.liquibase.password=mig-pw").run(context -> {
          assertThat(context).hasNotFailed();
          LiquibaseConnectionDetails details = context.getBean(LiquibaseConnectionDetails.class);
          assertThat(details.getUsername()).isEqualTo("migrator");
          assertThat(details.getPassword()).isEqualTo("mig-pw");
          assertThat(context.getBean(AsyncOracleTemplate.class)
              .queryForObject("select count(*) from liquibase_items", Long.class).join()).isEqualTo(3);
        });
  }

  @Test
  void backsOffForSpringLiquibaseUrl() throws Exception {
    String elsewhere = TestDatabases.memUrl();
    runner.withPropertyValues("spring.liquibase.url=" + elsewhere, "spring.liquibase.user=sa").run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean("asyncOracleLiquibaseConnectionDetails");
      try (Connection c = DriverManager.getConnection(elsewhere, "sa", "");
          ResultSet rs = c.getMetaData().getTables(null, null, "LIQUIBASE_ITEMS", null)) {
        assertThat(rs.next()).isTrue();
      }
    });
  }

  @Test
  void backsOffForTheApplicationsOwnLiquibaseConnectionDetails() {
    String url = TestDatabases.memUrl();
    LiquibaseConnectionDetails own = new LiquibaseConnectionDetails() {
      @Override
      public String getJdbcUrl() {
        return url;
      }

      @Override
      public String getUsername() {
        return "sa";
      }

      @Override
      public String getPassword() {
        return "";
      }
    };
    runner.withBean(LiquibaseConnectionDetails.class, () -> own).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(LiquibaseConnectionDetails.class)).isSameAs(own);
    });
  }

  /** Reads the migrated table while it is created: it needs the migrations to have run. */
  static final class StartupReader {
    final long itemsAtStartup;

    StartupReader(AsyncPool pool) {
      this.itemsAtStartup = pool.withConnection(c -> c.fetchOne("select count(*) from liquibase_items"))
          .thenApply(row -> row.get(0, Long.class)).join();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class ReaderConfiguration {
    @Bean
    StartupReader startupReader(AsyncPool pool) {
      return new StartupReader(pool);
    }
  }
}
