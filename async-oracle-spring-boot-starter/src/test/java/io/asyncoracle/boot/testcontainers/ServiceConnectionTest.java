package io.asyncoracle.boot.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncPool;
import io.asyncoracle.boot.TestDatabases;
import io.asyncoracle.boot.autoconfigure.AsyncOracleAutoConfiguration;
import io.asyncoracle.boot.autoconfigure.AsyncOracleConnectionDetails;
import io.asyncoracle.boot.template.AsyncOracleTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.testcontainers.oracle.OracleContainer;

/**
 * {@code @ServiceConnection OracleContainer} through Boot's whole path (the test context
 * customizer, {@code spring.factories}, the connection details bean, the pool), without Docker:
 * the container is a stand-in that reports an H2 database as its JDBC URL. The real container is
 * in {@code OracleServiceConnectionIT}.
 */
@SpringBootTest(classes = ServiceConnectionTest.App.class, properties = "async-oracle.url=jdbc:h2:mem:not-this-one")
class ServiceConnectionTest {

  static final String URL = TestDatabases.memUrl();

  @ServiceConnection
  static final OracleContainer ORACLE = new OracleContainer("gvenzl/oracle-free:slim") {
    @Override
    public void start() {
    }

    @Override
    public boolean isRunning() {
      return true;
    }

    @Override
    public String getDockerImageName() {
      return "gvenzl/oracle-free:slim";
    }

    @Override
    public String getJdbcUrl() {
      return URL;
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

  @Autowired
  AsyncOracleConnectionDetails details;

  @Autowired
  AsyncPool pool;

  @Autowired
  AsyncOracleTemplate template;

  @Test
  void thePoolConnectsToTheServiceConnection() {
    assertThat(details.getUrl()).isEqualTo(URL);
    assertThat(pool.options().jdbcUrl()).isEqualTo(URL);
    assertThat(template.queryForObject("select 1 from dual", Integer.class).join()).isEqualTo(1);
  }

  @SpringBootConfiguration
  @ImportAutoConfiguration(AsyncOracleAutoConfiguration.class)
  static class App {
  }
}
