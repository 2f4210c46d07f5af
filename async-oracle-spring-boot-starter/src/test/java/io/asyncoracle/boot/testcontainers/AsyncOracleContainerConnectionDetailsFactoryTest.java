package io.asyncoracle.boot.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.boot.autoconfigure.AsyncOracleConnectionDetails;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactories;
import org.springframework.boot.testcontainers.service.connection.TestContainerConnectionSources;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.oracle.OracleContainer;

/**
 * The Testcontainers factory, found through {@code spring.factories} as Boot finds it, given the
 * source Boot makes for {@code @ServiceConnection OracleContainer}; the container is a stand-in
 * that answers like a started one, so no Docker is needed (the real container runs in
 * {@code OracleServiceConnectionIT}).
 */
class AsyncOracleContainerConnectionDetailsFactoryTest {

  private final ConnectionDetailsFactories factories = new ConnectionDetailsFactories(getClass().getClassLoader());

  @Test
  void anOracleContainerGivesThePoolItsUrlAndCredentials() throws Exception {
    StartedOracle container = new StartedOracle();
    Map<Class<?>, ConnectionDetails> all = factories.getConnectionDetails(
        TestContainerConnectionSources.of(OracleContainer.class, "gvenzl/oracle-free:slim", () -> container), false);
    assertThat(all).containsKey(AsyncOracleConnectionDetails.class);
    AsyncOracleConnectionDetails details = (AsyncOracleConnectionDetails) all.get(AsyncOracleConnectionDetails.class);
    ((InitializingBean) details).afterPropertiesSet();
    assertThat(details.getUrl()).isEqualTo("jdbc:oracle:thin:@localhost:32770/freepdb1");
    assertThat(details.getUsername()).isEqualTo("app");
    assertThat(details.getPassword()).isEqualTo("app-pw");
    assertThat(container.startCalls).as("started before it is read").isPositive();
  }

  @Test
  void anotherDatabasesContainerGivesThePoolNothing() {
    Map<Class<?>, ConnectionDetails> all = factories.getConnectionDetails(
        TestContainerConnectionSources.of(PostgresStandIn.class, "postgres:17", PostgresStandIn::new), false);
    assertThat(all).doesNotContainKey(AsyncOracleConnectionDetails.class);
  }

  /** Answers like a started Oracle Free container. */
  static final class StartedOracle extends OracleContainer {
    int startCalls;

    StartedOracle() {
      super("gvenzl/oracle-free:slim");
    }

    @Override
    public void start() {
      startCalls++;
    }

    @Override
    public String getJdbcUrl() {
      return "jdbc:oracle:thin:@localhost:32770/freepdb1";
    }

    @Override
    public String getUsername() {
      return "app";
    }

    @Override
    public String getPassword() {
      return "app-pw";
    }
  }

  /** Another database's container type. */
  static final class PostgresStandIn extends GenericContainer<PostgresStandIn> {
    PostgresStandIn() {
      super("postgres:17");
    }
  }
}
