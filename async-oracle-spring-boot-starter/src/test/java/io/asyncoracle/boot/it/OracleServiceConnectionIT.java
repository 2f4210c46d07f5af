package io.asyncoracle.boot.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncPool;
import io.asyncoracle.boot.autoconfigure.AsyncOracleAutoConfiguration;
import io.asyncoracle.boot.autoconfigure.AsyncOracleConnectionDetails;
import io.asyncoracle.boot.autoconfigure.health.AsyncOracleHealthAutoConfiguration;
import io.asyncoracle.boot.health.AsyncOracleHealthIndicator;
import io.asyncoracle.boot.template.AsyncOracleTemplate;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.oracle.OracleContainer;

/**
 * The starter against a real Oracle Database Free in a container, connected the way users connect
 * tests: {@code @ServiceConnection} on an {@link OracleContainer}, no {@code async-oracle.url}.
 * Skipped, with JUnit's reason "Docker is not available", where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = OracleServiceConnectionIT.App.class,
    properties = {"spring.application.name=starter-it", "async-oracle.max=4"})
class OracleServiceConnectionIT {

  @Container
  @ServiceConnection
  static final OracleContainer ORACLE = new OracleContainer("gvenzl/oracle-free:slim-faststart")
      .withStartupTimeout(Duration.ofMinutes(5));

  @Autowired
  AsyncOracleTemplate template;

  @Autowired
  AsyncPool pool;

  @Autowired
  AsyncOracleHealthIndicator health;

  @Autowired
  AsyncOracleConnectionDetails details;

  @Test
  void connectsThroughTheServiceConnection() {
    assertThat(details.getUrl()).isEqualTo(ORACLE.getJdbcUrl());
    assertThat(pool.options().jdbcUrl()).isEqualTo(ORACLE.getJdbcUrl());
    assertThat(template.queryForObject("select banner from v$version where rownum = 1", String.class).join())
        .contains("Oracle");
  }

  @Test
  void tagsSessionsWithTheApplicationName() {
    assertThat(template.queryForObject("select sys_context('USERENV', 'MODULE') from dual", String.class).join())
        .isEqualTo("starter-it");
  }

  @Test
  void translatesOracleErrorCodes() {
    assertThat(template.queryForList("select * from no_such_table")).failsWithin(Duration.ofSeconds(30))
        .withThrowableThat().havingCause().isInstanceOf(BadSqlGrammarException.class)
        .withMessageContaining("ORA-00942");
    template.update("create table it_keys (id number primary key)").join();
    template.update("insert into it_keys values (1)").join();
    assertThat(template.update("insert into it_keys values (:id)", Map.of("id", 1)))
        .failsWithin(Duration.ofSeconds(30)).withThrowableThat().havingCause()
        .isInstanceOf(DuplicateKeyException.class).withMessageContaining("ORA-00001");
  }

  @Test
  void rollsBackAFailedTransaction() {
    template.update("create table it_tx (id number primary key)").join();
    assertThat(template.inTransaction(tx -> tx.update("insert into it_tx values (1)")
        .thenCompose(n -> tx.update("insert into it_tx values (1)")))).failsWithin(Duration.ofSeconds(30));
    assertThat(template.queryForObject("select count(*) from it_tx", Long.class).join()).isZero();
  }

  @Test
  void reportsHealthUp() {
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
  }

  @SpringBootConfiguration
  @ImportAutoConfiguration({AsyncOracleAutoConfiguration.class, AsyncOracleHealthAutoConfiguration.class})
  static class App {
  }
}
