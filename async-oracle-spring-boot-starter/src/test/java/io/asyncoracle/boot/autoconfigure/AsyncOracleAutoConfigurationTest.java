package io.asyncoracle.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.VirtualThreads;
import io.asyncoracle.boot.FailureReports;
import io.asyncoracle.boot.TestDatabases;
import io.asyncoracle.boot.shutdown.AsyncPoolLifecycle;
import io.asyncoracle.boot.template.AsyncOracleTemplate;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@ExtendWith(OutputCaptureExtension.class)
class AsyncOracleAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AsyncOracleAutoConfiguration.class));

  @Test
  void createsPoolTemplateAndLifecycleFromUrl() {
    runner.withPropertyValues("async-oracle.url=" + TestDatabases.memUrl()).run(context -> {
      assertThat(context).hasSingleBean(AsyncPool.class).hasSingleBean(AsyncOracleTemplate.class)
          .hasSingleBean(io.asyncoracle.boot.client.AsyncOracleClient.class)
          .hasSingleBean(AsyncPoolLifecycle.class);
      AsyncOracleTemplate template = context.getBean(AsyncOracleTemplate.class);
      assertThat(template.queryForObject("select 40 + 2 from dual", Integer.class).join()).isEqualTo(42);
      assertThat(template.getPool()).isSameAs(context.getBean(AsyncPool.class));
      assertThat(context.getBean(io.asyncoracle.boot.client.AsyncOracleClient.class).sql("select 6 * 7 from dual")
          .query(Integer.class).single().join()).isEqualTo(42);
    });
  }

  @Test
  void bindsEveryPoolPropertyToTheCoreOptions() {
    String url = TestDatabases.memUrl();
    runner.withPropertyValues(
        "async-oracle.url=" + url,
        "async-oracle.username=app",
        "async-oracle.password=pw",
        "async-oracle.pool-name=props-pool",
        "async-oracle.min=2",
        "async-oracle.max=7",
        "async-oracle.acquire-timeout=1500ms",
        "async-oracle.max-waiters=3",
        "async-oracle.validate-on-borrow=false",
        "async-oracle.inactive-timeout=2m",
        "async-oracle.max-lifetime=1h",
        "async-oracle.statement-cache-size=5",
        "async-oracle.call-timeout=9s",
        "async-oracle.array-size=250",
        "async-oracle.virtual-threads=false",
        "async-oracle.fail-fast=false",
        "async-oracle.module=billing",
        "async-oracle.tns-admin=/opt/tns",
        "async-oracle.wallet-location=/opt/wallet",
        "async-oracle.connection-properties[oracle.net.CONNECT_TIMEOUT]=5000").run(context -> {
          assertThat(context).hasNotFailed();
          AsyncPool pool = context.getBean(AsyncPool.class);
          PoolOptions options = pool.options();
          assertThat(pool.name()).isEqualTo("props-pool");
          assertThat(options.jdbcUrl()).isEqualTo(url);
          assertThat(options.user()).isEqualTo("app");
          assertThat(options.password()).isEqualTo("pw");
          assertThat(options.min()).isEqualTo(2);
          assertThat(options.max()).isEqualTo(7);
          assertThat(options.acquireTimeout()).isEqualTo(Duration.ofMillis(1500));
          assertThat(options.maxWaiters()).isEqualTo(3);
          assertThat(options.validateOnBorrow()).isFalse();
          assertThat(options.inactiveTimeout()).isEqualTo(Duration.ofMinutes(2));
          assertThat(options.maxLifetime()).isEqualTo(Duration.ofHours(1));
          assertThat(options.stmtCacheSize()).isEqualTo(5);
          assertThat(options.callTimeout()).isEqualTo(Duration.ofSeconds(9));
          assertThat(options.arraySize()).isEqualTo(250);
          assertThat(options.virtualThreads()).isEqualTo(VirtualThreads.DISABLED);
          assertThat(options.failFast()).isFalse();
          assertThat(options.module()).isEqualTo("billing");
          assertThat(options.connectionProperties()).containsExactlyInAnyOrderEntriesOf(Map.of(
              "oracle.net.tns_admin", "/opt/tns",
              "oracle.net.wallet_location", "/opt/wallet",
              "oracle.net.CONNECT_TIMEOUT", "5000"));
        });
  }

  @Test
  void defaultsMatchTheCore() {
    runner.withPropertyValues("async-oracle.url=" + TestDatabases.memUrl()).run(context -> {
      PoolOptions options = context.getBean(AsyncPool.class).options();
      assertThat(options.min()).isEqualTo(PoolOptions.DEFAULT_MIN);
      assertThat(options.max()).isEqualTo(PoolOptions.DEFAULT_MAX);
      assertThat(options.acquireTimeout()).isEqualTo(PoolOptions.DEFAULT_ACQUIRE_TIMEOUT);
      assertThat(options.maxWaiters()).isEqualTo(PoolOptions.DEFAULT_MAX_WAITERS);
      assertThat(options.stmtCacheSize()).isEqualTo(PoolOptions.DEFAULT_STMT_CACHE_SIZE);
      assertThat(options.arraySize()).isEqualTo(PoolOptions.DEFAULT_ARRAY_SIZE);
      assertThat(options.validateOnBorrow()).isTrue();
      assertThat(options.failFast()).isTrue();
      assertThat(options.virtualThreads()).isEqualTo(VirtualThreads.AUTO);
      assertThat(options.module()).isNull();
    });
  }

  @Test
  void virtualThreadsAutoAndTrueMapToTheCoreEnum() {
    runner.withPropertyValues("async-oracle.url=" + TestDatabases.memUrl(), "async-oracle.virtual-threads=auto")
        .run(context -> assertThat(context.getBean(AsyncPool.class).options().virtualThreads())
            .isEqualTo(VirtualThreads.AUTO));
    ApplicationContextRunner enabled = runner.withPropertyValues("async-oracle.url=" + TestDatabases.memUrl(),
        "async-oracle.virtual-threads=true");
    if (Runtime.version().feature() >= 21) {
      enabled.run(context -> assertThat(context.getBean(AsyncPool.class).options().virtualThreads())
          .isEqualTo(VirtualThreads.ENABLED));
    } else {
      enabled.run(context -> {
        assertThat(context).hasFailed();
        FailureAnalysis analysis = FailureReports.analyze(context.getStartupFailure());
        assertThat(analysis.getDescription()).contains("async-oracle.virtual-threads").contains("virtual threads");
      });
    }
  }

  @Test
  void buildsTheUrlFromHostPortAndServiceName() {
    runner.withPropertyValues("async-oracle.host=db.example.com", "async-oracle.port=1522",
        "async-oracle.service-name=orclpdb1", "async-oracle.username=scott", "async-oracle.fail-fast=false")
        .run(context -> {
          PoolOptions options = context.getBean(AsyncPool.class).options();
          assertThat(options.jdbcUrl())
              .isEqualTo("jdbc:oracle:thin:@" + AsyncOracle.makeDsn("db.example.com", 1522, "orclpdb1"));
          assertThat(options.user()).isEqualTo("scott");
        });
  }

  @Test
  void buildsTheUrlFromHostAndSidWithTheDefaultPort() {
    runner.withPropertyValues("async-oracle.host=db.example.com", "async-oracle.sid=ORCL",
        "async-oracle.fail-fast=false")
        .run(context -> assertThat(context.getBean(AsyncPool.class).options().jdbcUrl())
            .isEqualTo("jdbc:oracle:thin:@" + AsyncOracle.makeDsnWithSid("db.example.com", 1521, "ORCL")));
  }

  @Test
  void moduleDefaultsToTheApplicationName() {
    runner.withPropertyValues("async-oracle.url=" + TestDatabases.memUrl(), "spring.application.name=orders-service")
        .run(context -> assertThat(context.getBean(AsyncPool.class).options().module()).isEqualTo("orders-service"));
    runner.withPropertyValues("async-oracle.url=" + TestDatabases.memUrl(), "spring.application.name=orders-service",
        "async-oracle.module=batch").run(context ->
        assertThat(context.getBean(AsyncPool.class).options().module()).isEqualTo("batch"));
  }

  @Test
  void aLongApplicationNameIsCutToWhatTheModuleColumnHolds() {
    String name = "x".repeat(60);
    runner.withPropertyValues("async-oracle.url=" + TestDatabases.memUrl(), "spring.application.name=" + name)
        .run(context -> assertThat(context.getBean(AsyncPool.class).options().module()).isEqualTo("x".repeat(48)));
  }

  @Test
  void usesAnEmbeddedOracleModeH2WithOneWarningWhenNoDatabaseIsConfigured(CapturedOutput output) {
    runner.run(context -> {
      assertThat(context).hasNotFailed();
      PoolOptions options = context.getBean(AsyncPool.class).options();
      assertThat(options.jdbcUrl()).matches("jdbc:h2:mem:async-oracle(-\\d+)?;MODE=Oracle;DB_CLOSE_DELAY=-1");
      // Oracle mode for real: DUAL and Oracle's NVL work.
      assertThat(context.getBean(AsyncOracleTemplate.class)
          .queryForObject("select nvl(null, 'oracle-mode') from dual", String.class).join()).isEqualTo("oracle-mode");
    });
    assertThat(output).containsOnlyOnce("No database configured (async-oracle.url or async-oracle.host)");
    assertThat(output.getOut().lines().filter(l -> l.contains("No database configured")))
        .allSatisfy(line -> assertThat(line).contains("WARN"));
  }

  @Test
  void embeddedDatabaseNameCanBeSet() {
    runner.withPropertyValues("async-oracle.embedded-database-name=demo").run(context ->
        assertThat(context.getBean(AsyncPool.class).options().jdbcUrl())
            .isEqualTo("jdbc:h2:mem:demo;MODE=Oracle;DB_CLOSE_DELAY=-1"));
  }

  @Test
  void failsNamingTheUrlPropertyWhenNoDatabaseIsConfiguredAndH2IsMissing() {
    runner.withClassLoader(new FilteredClassLoader("org.h2")).run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(InvalidAsyncOracleConfigurationException.class);
      FailureAnalysis analysis = FailureReports.analyze(context.getStartupFailure());
      assertThat(analysis.getDescription()).contains("Property: async-oracle.url").contains("no database is configured");
      assertThat(analysis.getAction()).contains("Set async-oracle.url").contains("async-oracle.host");
    });
  }

  @Test
  void minAboveMaxFailsNamingMin() {
    assertInvalid("async-oracle.min", "must not exceed max", "async-oracle.url=" + TestDatabases.memUrl(),
        "async-oracle.min=5", "async-oracle.max=2");
  }

  @Test
  void portOutOfRangeFailsNamingPort() {
    assertInvalid("async-oracle.port", "between 1 and 65535", "async-oracle.host=db", "async-oracle.port=70000",
        "async-oracle.service-name=orcl");
  }

  @Test
  void serviceNameWithoutHostFailsNamingHost() {
    assertInvalid("async-oracle.host", "need async-oracle.host", "async-oracle.service-name=orcl");
  }

  @Test
  void urlAndHostTogetherFailNamingUrl() {
    assertInvalid("async-oracle.url", "set only one", "async-oracle.url=" + TestDatabases.memUrl(),
        "async-oracle.host=db", "async-oracle.service-name=orcl");
  }

  @Test
  void negativeAcquireTimeoutFailsNamingIt() {
    assertInvalid("async-oracle.acquire-timeout", "must not be negative", "async-oracle.url=" + TestDatabases.memUrl(),
        "async-oracle.acquire-timeout=-1s");
  }

  @Test
  void unknownShutdownModeFailsNamingTheProperty() {
    runner.withPropertyValues("async-oracle.url=" + TestDatabases.memUrl(), "async-oracle.shutdown.mode=sideways")
        .run(context -> {
          assertThat(context).hasFailed();
          FailureAnalysis analysis = FailureReports.analyze(context.getStartupFailure());
          assertThat(analysis.getDescription()).contains("async-oracle.shutdown.mode").contains("sideways");
          assertThat(analysis.getAction()).contains("GRACEFUL").contains("FORCE").contains("INTERRUPT");
        });
  }

  @Test
  void unknownVirtualThreadsModeFailsNamingTheProperty() {
    runner.withPropertyValues("async-oracle.url=" + TestDatabases.memUrl(), "async-oracle.virtual-threads=sometimes")
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(FailureReports.analyze(context.getStartupFailure()).getDescription())
              .contains("async-oracle.virtual-threads");
        });
  }

  @Test
  void unreachableDatabaseFailsStartupWithFailFast(CapturedOutput output) {
    String url = "jdbc:h2:tcp://localhost:" + TestDatabases.freePort() + "/mem:nothing;MODE=Oracle";
    runner.withPropertyValues("async-oracle.url=" + url, "async-oracle.password=Sup3r-Secret-Pw").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).hasStackTraceContaining(AsyncOracleStartupException.class.getName());
      FailureAnalysis analysis = FailureReports.analyze(context.getStartupFailure());
      assertThat(analysis.getDescription()).contains("could not connect").contains(url)
          .contains("Root cause: java.net.ConnectException");
      assertThat(analysis.getAction()).contains("async-oracle.fail-fast=false");
      assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("Sup3r-Secret-Pw");
    });
    assertThat(output).doesNotContain("Sup3r-Secret-Pw");
  }

  @Test
  void unreachableDatabaseStartsLazilyWithoutFailFast() {
    String url = "jdbc:h2:tcp://localhost:" + TestDatabases.freePort() + "/mem:nothing;MODE=Oracle";
    runner.withPropertyValues("async-oracle.url=" + url, "async-oracle.fail-fast=false").run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(AsyncPool.class);
      // The first use reports the database error instead.
      assertThat(context.getBean(AsyncOracleTemplate.class).queryForObject("select 1 from dual", Integer.class))
          .failsWithin(Duration.ofSeconds(30))
          .withThrowableThat().havingCause().isInstanceOf(org.springframework.dao.DataAccessException.class);
    });
  }

  @Test
  void theLazyPoolConnectsOnceTheDatabaseIsUp() throws Exception {
    org.h2.tools.Server server = null;
    int port = TestDatabases.freePort();
    String url = "jdbc:h2:tcp://localhost:" + port + "/mem:lazy;MODE=Oracle";
    try {
      org.h2.tools.Server[] started = new org.h2.tools.Server[1];
      runner.withPropertyValues("async-oracle.url=" + url, "async-oracle.fail-fast=false").run(context -> {
        started[0] = org.h2.tools.Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifNotExists").start();
        assertThat(context.getBean(AsyncOracleTemplate.class).queryForObject("select 7 from dual", Integer.class)
            .join()).isEqualTo(7);
      });
      server = started[0];
    } finally {
      if (server != null) {
        server.stop();
      }
    }
  }

  @Test
  void passwordNeverAppearsInLogsOrToString(CapturedOutput output) {
    runner.withPropertyValues("async-oracle.username=sa", "async-oracle.password=Hidden-Pw-123",
        "logging.level.io.asyncoracle=DEBUG").run(context -> {
          AsyncPool pool = context.getBean(AsyncPool.class);
          assertThat(pool.toString()).doesNotContain("Hidden-Pw-123");
          assertThat(pool.options().toString()).doesNotContain("Hidden-Pw-123");
          assertThat(context.getBean(AsyncOracleTemplate.class).queryForObject("select 1 from dual", Integer.class)
              .join()).isEqualTo(1);
        });
    assertThat(output).doesNotContain("Hidden-Pw-123");
  }

  @Test
  void aServiceConnectionWinsOverProperties() {
    String serviceUrl = TestDatabases.memUrl();
    runner.withBean(AsyncOracleConnectionDetails.class, () -> details(serviceUrl, "svc", "svc-pw"))
        .withPropertyValues("async-oracle.url=jdbc:h2:tcp://localhost:" + TestDatabases.freePort() + "/mem:unused")
        .run(context -> {
          assertThat(context).hasNotFailed().doesNotHaveBean(PropertiesAsyncOracleConnectionDetails.class);
          PoolOptions options = context.getBean(AsyncPool.class).options();
          assertThat(options.jdbcUrl()).isEqualTo(serviceUrl);
          assertThat(options.user()).isEqualTo("svc");
          assertThat(options.password()).isEqualTo("svc-pw");
        });
  }

  @Test
  void aServiceConnectionWorksWithoutSpringBootJdbc() {
    String serviceUrl = TestDatabases.memUrl();
    runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.jdbc"))
        .withBean(AsyncOracleConnectionDetails.class, () -> details(serviceUrl, "svc", "svc-pw"))
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(AsyncPool.class).options().jdbcUrl()).isEqualTo(serviceUrl);
          assertThat(context.getBean(AsyncOracleTemplate.class).queryForObject("select 1 from dual", Integer.class)
              .join()).isEqualTo(1);
        });
  }

  @Test
  void anApplicationWithoutTheOptionalIntegrationsIsUnaffected() {
    runner.withConfiguration(AutoConfigurations.of(
            io.asyncoracle.boot.autoconfigure.jdbc.AsyncOracleJdbcConnectionDetailsAutoConfiguration.class,
            io.asyncoracle.boot.autoconfigure.flyway.AsyncOracleFlywayAutoConfiguration.class,
            io.asyncoracle.boot.autoconfigure.liquibase.AsyncOracleLiquibaseAutoConfiguration.class))
        .withClassLoader(new FilteredClassLoader("org.springframework.boot.jdbc", "org.springframework.boot.flyway",
            "org.springframework.boot.liquibase", "org.springframework.boot.sql", "org.springframework.boot.testcontainers",
            "org.springframework.boot.docker", "org.testcontainers", "org.flywaydb", "liquibase"))
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(AsyncOracleConnectionDetails.class);
          assertThat(context.getBean(AsyncOracleTemplate.class).queryForObject("select 1 from dual", Integer.class)
              .join()).isEqualTo(1);
        });
  }

  @Test
  void anUnrelatedJdbcConnectionDetailsDoesNotCaptureThePool() {
    // e.g. @ServiceConnection PostgreSQLContainer next to the Oracle pool: it describes another database.
    String poolUrl = TestDatabases.memUrl();
    String otherUrl = TestDatabases.memUrl();
    runner.withBean(JdbcConnectionDetails.class, () -> new JdbcConnectionDetails() {
          @Override
          public String getUsername() {
            return "other";
          }

          @Override
          public String getPassword() {
            return "other-pw";
          }

          @Override
          public String getJdbcUrl() {
            return otherUrl;
          }
        })
        .withPropertyValues("async-oracle.url=" + poolUrl)
        .run(context -> {
          assertThat(context).hasNotFailed();
          PoolOptions options = context.getBean(AsyncPool.class).options();
          assertThat(options.jdbcUrl()).isEqualTo(poolUrl);
          assertThat(options.user()).isNotEqualTo("other");
        });
  }

  @Test
  void anUnrelatedJdbcConnectionDetailsDoesNotCaptureTheEmbeddedPool() {
    runner.withBean(JdbcConnectionDetails.class, () -> new JdbcConnectionDetails() {
          @Override
          public String getUsername() {
            return "other";
          }

          @Override
          public String getPassword() {
            return "other-pw";
          }

          @Override
          public String getJdbcUrl() {
            return "jdbc:h2:tcp://localhost:" + TestDatabases.freePort() + "/mem:other";
          }
        })
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(AsyncPool.class).options().jdbcUrl()).startsWith("jdbc:h2:mem:async-oracle");
        });
  }

  @Test
  void thePropertiesAreTheDefaultConnectionDetails() {
    runner.withPropertyValues("async-oracle.embedded-database-name=details", "async-oracle.username=app",
        "async-oracle.password=pw").run(context -> {
          AsyncOracleConnectionDetails details = context.getBean(AsyncOracleConnectionDetails.class);
          assertThat(details).isInstanceOf(PropertiesAsyncOracleConnectionDetails.class);
          assertThat(details.getUrl()).isEqualTo("jdbc:h2:mem:details;MODE=Oracle;DB_CLOSE_DELAY=-1")
              .isEqualTo(context.getBean(AsyncPool.class).options().jdbcUrl());
          assertThat(details.getUsername()).isEqualTo("app");
          assertThat(details.getPassword()).isEqualTo("pw");
          assertThat(details.toString()).doesNotContain("pw]");
        });
  }

  @Test
  void theConnectionDetailsOfHostAndServiceNameAreTheUrlThePoolBuilds() {
    runner.withPropertyValues("async-oracle.host=db.example.com", "async-oracle.port=1522",
        "async-oracle.service-name=orclpdb1", "async-oracle.fail-fast=false", "async-oracle.min=0")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(AsyncOracleConnectionDetails.class).getUrl())
              .isEqualTo(context.getBean(AsyncPool.class).options().jdbcUrl()).contains("db.example.com")
              .contains("1522").contains("orclpdb1");
        });
  }

  @Test
  void theApplicationsOwnPoolsNeedNoPropertiesNorH2() {
    runner.withClassLoader(new FilteredClassLoader("org.h2.Driver"))
        .withUserConfiguration(UserPoolConfiguration.class).run(context -> {
          assertThat(context).hasNotFailed().doesNotHaveBean(AsyncOracleConnectionDetails.class);
          assertThat(context.getBean(AsyncPool.class).name()).isEqualTo("user-pool");
        });
  }

  @Test
  void severalPoolsEachGetALifecycleAndThePrimaryGetsTheTemplate() {
    AsyncPool[] pools = new AsyncPool[2];
    runner.withUserConfiguration(PrimaryAndReplicaConfiguration.class).run(context -> {
      assertThat(context).hasNotFailed().getBeans(AsyncPoolLifecycle.class)
          .containsOnlyKeys("primaryPoolLifecycle", "replicaPoolLifecycle");
      pools[0] = context.getBean("primaryPool", AsyncPool.class);
      pools[1] = context.getBean("replicaPool", AsyncPool.class);
      assertThat(context.getBean(AsyncOracleTemplate.class).getPool()).isSameAs(pools[0]);
      assertThat(context.getBean("replicaPoolLifecycle", AsyncPoolLifecycle.class).isRunning()).isTrue();
    });
    // Both closed when the context closed, not only the primary.
    assertThat(pools[0].isClosed()).isTrue();
    assertThat(pools[1].isClosed()).isTrue();
  }

  @Test
  void severalPoolsWithoutAPrimaryStillGetALifecycleEachButNoTemplate() {
    runner.withUserConfiguration(TwoPoolsConfiguration.class).run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean(AsyncOracleTemplate.class)
          .getBeans(AsyncPoolLifecycle.class).containsOnlyKeys("firstPoolLifecycle", "secondPoolLifecycle");
      // The documented way to a template per pool.
      AsyncOracleTemplate second = new AsyncOracleTemplate(context.getBean("secondPool", AsyncPool.class));
      assertThat(second.queryForObject("select 2 from dual", Integer.class).join()).isEqualTo(2);
    });
  }

  @Test
  void theAutoConfiguredPoolsLifecycleKeepsItsName() {
    runner.withPropertyValues("async-oracle.url=" + TestDatabases.memUrl())
        .run(context -> assertThat(context).getBeanNames(AsyncPoolLifecycle.class)
            .containsExactly("asyncPoolLifecycle"));
  }

  @Test
  void springDatasourcePropertiesDoNotRedirectThePool() {
    String dataSourceUrl = TestDatabases.memUrl();
    String poolUrl = TestDatabases.memUrl();
    runner.withConfiguration(AutoConfigurations.of(
            org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=" + dataSourceUrl, "async-oracle.url=" + poolUrl)
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(JdbcConnectionDetails.class)
              .hasSingleBean(javax.sql.DataSource.class);
          assertThat(context.getBean(JdbcConnectionDetails.class).getJdbcUrl()).isEqualTo(dataSourceUrl);
          assertThat(context.getBean(AsyncPool.class).options().jdbcUrl()).isEqualTo(poolUrl);
        });
  }

  @Test
  void backsOffWhenTheApplicationDefinesItsOwnPool() {
    runner.withUserConfiguration(UserPoolConfiguration.class).run(context -> {
      assertThat(context).hasSingleBean(AsyncPool.class);
      assertThat(context.getBean(AsyncPool.class).name()).isEqualTo("user-pool");
      assertThat(context.getBean(AsyncOracleTemplate.class).getPool().name()).isEqualTo("user-pool");
    });
  }

  @Test
  void backsOffWhenTheApplicationDefinesItsOwnTemplate() {
    runner.withPropertyValues("async-oracle.url=" + TestDatabases.memUrl())
        .withUserConfiguration(UserTemplateConfiguration.class).run(context -> {
          assertThat(context).hasSingleBean(AsyncOracleTemplate.class);
          assertThat(context.getBean(AsyncOracleTemplate.class)).isSameAs(context.getBean("myTemplate"));
        });
  }

  @Test
  void backsOffWhenTheApplicationDefinesItsOwnLifecycle() {
    runner.withPropertyValues("async-oracle.url=" + TestDatabases.memUrl())
        .withUserConfiguration(UserLifecycleConfiguration.class)
        .run(context -> assertThat(context).getBeanNames(AsyncPoolLifecycle.class).containsExactly("myLifecycle"));
  }

  @Test
  void backsOffWithoutTheCoreOnTheClasspath() {
    runner.withClassLoader(new FilteredClassLoader(AsyncPool.class)).run(context ->
        assertThat(context).doesNotHaveBean(AsyncPool.class).doesNotHaveBean(AsyncOracleTemplate.class)
            .doesNotHaveBean(AsyncPoolLifecycle.class));
  }

  private void assertInvalid(String property, String reason, String... properties) {
    runner.withPropertyValues(properties).run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).hasStackTraceContaining(InvalidAsyncOracleConfigurationException.class.getName());
      FailureAnalysis analysis = FailureReports.analyze(context.getStartupFailure());
      assertThat(analysis).isNotNull();
      assertThat(analysis.getDescription()).contains("Property: " + property).contains(reason);
      assertThat(analysis.getAction()).contains(property);
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class UserPoolConfiguration {
    @Bean(destroyMethod = "")
    AsyncPool userPool() {
      return AsyncOracle.createPool(PoolOptions.builder().url(TestDatabases.memUrl()).poolName("user-pool").build())
          .join();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class PrimaryAndReplicaConfiguration {
    @Bean(destroyMethod = "")
    @org.springframework.context.annotation.Primary
    AsyncPool primaryPool() {
      return AsyncOracle.createPool(PoolOptions.builder().url(TestDatabases.memUrl()).build()).join();
    }

    @Bean(destroyMethod = "")
    AsyncPool replicaPool() {
      return AsyncOracle.createPool(PoolOptions.builder().url(TestDatabases.memUrl()).build()).join();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class TwoPoolsConfiguration {
    @Bean(destroyMethod = "")
    AsyncPool firstPool() {
      return AsyncOracle.createPool(PoolOptions.builder().url(TestDatabases.memUrl()).build()).join();
    }

    @Bean(destroyMethod = "")
    AsyncPool secondPool() {
      return AsyncOracle.createPool(PoolOptions.builder().url(TestDatabases.memUrl()).build()).join();
    }
  }

  static AsyncOracleConnectionDetails details(String url, String username, String password) {
    return new AsyncOracleConnectionDetails() {
      @Override
      public String getUrl() {
        return url;
      }

      @Override
      public String getUsername() {
        return username;
      }

      @Override
      public String getPassword() {
        return password;
      }
    };
  }

  @Configuration(proxyBeanMethods = false)
  static class UserLifecycleConfiguration {
    @Bean
    AsyncPoolLifecycle myLifecycle(AsyncPool pool) {
      return new AsyncPoolLifecycle(pool, AsyncPoolLifecycle.Mode.INTERRUPT, Duration.ZERO);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class UserTemplateConfiguration {
    @Bean
    AsyncOracleTemplate myTemplate(AsyncPool pool) {
      return new AsyncOracleTemplate(pool);
    }
  }
}
