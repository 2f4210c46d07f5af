package io.asyncoracle.boot.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.boot.autoconfigure.AsyncOracleAutoConfiguration;
import io.asyncoracle.boot.client.AsyncOracleClient;
import io.asyncoracle.boot.template.AsyncOracleTemplate;
import io.asyncoracle.boot.template.TransactionOptions;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.annotation.Isolation;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.oracle.OracleContainer;

/**
 * The client, streams and transaction options against a real Oracle Database Free: read-only
 * transactions that Oracle itself enforces (ORA-01456), serializable isolation, identity keys.
 * Skipped, with JUnit's reason "Docker is not available", where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = OracleClientIT.App.class, properties = "async-oracle.max=2")
class OracleClientIT {

  @Container
  @ServiceConnection
  static final OracleContainer ORACLE = new OracleContainer("gvenzl/oracle-free:slim-faststart")
      .withStartupTimeout(Duration.ofMinutes(5));

  @Autowired
  AsyncOracleTemplate template;

  @Autowired
  AsyncOracleClient client;

  @Test
  void oracleRefusesWritesInAReadOnlyTransaction() {
    client.sql("create table ro_notes (id number primary key)").update().join();
    // Straight on the connection, past the template's own guard: the database refuses.
    assertThat(template.inTransaction(TransactionOptions.defaults().readOnly(true),
        tx -> tx.connection().execute("insert into ro_notes values (1)")))
        .failsWithin(Duration.ofSeconds(30)).withThrowableOfType(Exception.class)
        .withMessageContaining("ORA-01456");
    assertThat(client.sql("insert into ro_notes values (2)").update().join()).isEqualTo(1);
  }

  @Test
  void serializableIsolationAndIdentityKeys() {
    assertThat(template.inTransaction(TransactionOptions.defaults().isolation(Isolation.SERIALIZABLE),
        tx -> tx.connection().transactionIsolation()).join()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
    client.sql("create table keyed (id number generated always as identity primary key, name varchar2(10))")
        .update().join();
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    client.sql("insert into keyed (name) values (:name)").param("name", "a").update(keys, "ID").join();
    assertThat(keys.getKey().longValue()).isPositive();
    assertThat(template.batchUpdate("update keyed set name = ? where name = ?",
        List.of(new Object[] {"b", "a"}, new Object[] {"c", "none"})).join()).containsExactly(1, 0);
  }

  @SpringBootConfiguration
  @ImportAutoConfiguration(AsyncOracleAutoConfiguration.class)
  static class App {
  }
}
