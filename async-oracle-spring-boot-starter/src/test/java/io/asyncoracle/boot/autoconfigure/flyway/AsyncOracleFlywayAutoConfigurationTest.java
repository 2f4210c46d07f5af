package io.asyncoracle.boot.autoconfigure.flyway;

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
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Flyway migrates the database the pool uses, before anything uses the pool. */
class AsyncOracleFlywayAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AsyncOracleAutoConfiguration.class,
          AsyncOracleJdbcConnectionDetailsAutoConfiguration.class, AsyncOracleFlywayAutoConfiguration.class,
          FlywayAutoConfiguration.class))
      .withPropertyValues("spring.flyway.locations=classpath:db/test-migrations/flyway");

  @Test
  void migratesThePoolsEmbeddedDatabaseWithNoDataSourceAtAll() {
    // DataSourceAutoConfiguration left out, as an application does to have no second pool.
    runner.run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(Flyway.class).doesNotHaveBean(DataSource.class);
      assertThat(context.getBean(FlywayConnectionDetails.class).getJdbcUrl())
          .isEqualTo(context.getBean(AsyncPool.class).options().jdbcUrl());
      assertThat(context.getBean(AsyncOracleTemplate.class)
          .queryForObject("select count(*) from flyway_items", Long.class).join()).isEqualTo(2);
    });
  }

  @Test
  void migratesThePoolsDatabaseWhenBootAlsoBuildsADataSource() {
    String url = TestDatabases.memUrl();
    runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
        .withPropertyValues("async-oracle.url=" + url).run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(DataSource.class);
          assertThat(context.getBean(AsyncOracleTemplate.class)
              .queryForObject("select count(*) from flyway_items", Long.class).join()).isEqualTo(2);
        });
  }

  @Test
  void beansThatUseThePoolStartAfterTheMigrations() {
    runner.withUserConfiguration(ReaderConfiguration.class).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(StartupReader.class).itemsAtStartup).isEqualTo(2);
    });
  }

  @Test
  void springFlywayUserStillApplies() throws Exception {
    String url = TestDatabases.memUrl();
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      c.createStatement().execute("create user migrator password 'mig-pw' admin");
    }
    runner.withPropertyValues("async-oracle.url=" + url, "async-oracle.username=sa", "spring.flyway.user=migrator",
        "spring.flyway.password=mig-pw").run(context -> {
          assertThat(context).hasNotFailed();
          FlywayConnectionDetails details = context.getBean(FlywayConnectionDetails.class);
          assertThat(details.getUsername()).isEqualTo("migrator");
          assertThat(details.getPassword()).isEqualTo("mig-pw");
          assertThat(context.getBean(AsyncOracleTemplate.class)
              .queryForObject("select count(*) from flyway_items", Long.class).join()).isEqualTo(2);
          assertThat(context.getBean(AsyncOracleTemplate.class)
              .queryForObject("select \"installed_by\" from \"flyway_schema_history\" where \"version\" = '1'",
                  String.class).join()).isEqualToIgnoringCase("migrator");
        });
  }

  @Test
  void backsOffForSpringFlywayUrl() throws Exception {
    String elsewhere = TestDatabases.memUrl();
    runner.withPropertyValues("spring.flyway.url=" + elsewhere, "spring.flyway.user=sa").run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean("asyncOracleFlywayConnectionDetails");
      try (Connection c = DriverManager.getConnection(elsewhere, "sa", "");
          ResultSet rs = c.getMetaData().getTables(null, null, "FLYWAY_ITEMS", null)) {
        assertThat(rs.next()).isTrue();
      }
    });
  }

  @Test
  void backsOffForTheApplicationsOwnFlywayConnectionDetails() {
    String url = TestDatabases.memUrl();
    FlywayConnectionDetails own = new FlywayConnectionDetails() {
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
    runner.withBean(FlywayConnectionDetails.class, () -> own).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(FlywayConnectionDetails.class)).isSameAs(own);
    });
  }

  /** Reads the migrated table while it is created: it needs the migrations to have run. */
  static final class StartupReader {
    final long itemsAtStartup;

    StartupReader(AsyncPool pool) {
      this.itemsAtStartup = pool.withConnection(c -> c.fetchOne("select count(*) from flyway_items"))
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
