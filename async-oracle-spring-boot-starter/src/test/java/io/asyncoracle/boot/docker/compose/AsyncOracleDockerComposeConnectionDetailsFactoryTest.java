package io.asyncoracle.boot.docker.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.asyncoracle.boot.autoconfigure.AsyncOracleConnectionDetails;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactories;
import org.springframework.boot.docker.compose.core.ConnectionPorts;
import org.springframework.boot.docker.compose.core.ImageReference;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.TestDockerComposeConnectionSources;

/**
 * The Docker Compose factory, found through {@code spring.factories} as Boot finds it, given the
 * source Boot makes for a running service (a stand-in: no Docker here).
 */
class AsyncOracleDockerComposeConnectionDetailsFactoryTest {

  private final ConnectionDetailsFactories factories = new ConnectionDetailsFactories(getClass().getClassLoader());

  @Test
  void theAppUserOfAnOracleFreeService() {
    AsyncOracleConnectionDetails details = details(service("gvenzl/oracle-free:23-slim-faststart",
        Map.of("APP_USER", "app", "APP_USER_PASSWORD", "app-pw", "ORACLE_PASSWORD", "sys-pw"), Map.of()));
    assertThat(details.getUrl()).isEqualTo("jdbc:oracle:thin:@127.0.0.1:49153/freepdb1");
    assertThat(details.getUsername()).isEqualTo("app");
    assertThat(details.getPassword()).isEqualTo("app-pw");
  }

  @Test
  void systemWithTheOraclePasswordAnotherDatabaseAndUrlParameters() {
    AsyncOracleConnectionDetails details = details(service("gvenzl/oracle-free",
        Map.of("ORACLE_PASSWORD", "sys-pw", "ORACLE_DATABASE", "apppdb"),
        Map.of("org.springframework.boot.jdbc.parameters", "oracle.net.CONNECT_TIMEOUT=5000")));
    assertThat(details.getUrl()).isEqualTo("jdbc:oracle:thin:@127.0.0.1:49153/apppdb?oracle.net.CONNECT_TIMEOUT=5000");
    assertThat(details.getUsername()).isEqualTo("system");
    assertThat(details.getPassword()).isEqualTo("sys-pw");
  }

  @Test
  void aServiceLabelledAsOracleFree() {
    AsyncOracleConnectionDetails details = details(service("registry.example.com/db/my-oracle:1",
        Map.of("ORACLE_PASSWORD", "sys-pw"), Map.of("org.springframework.boot.service-connection", "gvenzl/oracle-free")));
    assertThat(details.getUsername()).isEqualTo("system");
  }

  @Test
  void aRandomPasswordCannotBeRead() {
    Map<String, String> env = new HashMap<>();
    env.put("ORACLE_RANDOM_PASSWORD", "true");
    assertThatIllegalStateException().isThrownBy(() -> details(service("gvenzl/oracle-free", env, Map.of())))
        .withMessageContaining("ORACLE_RANDOM_PASSWORD");
  }

  @Test
  void anotherImageGivesThePoolNothing() {
    Map<Class<?>, ConnectionDetails> all = factories.getConnectionDetails(
        TestDockerComposeConnectionSources.of(service("postgres:17", Map.of("POSTGRES_PASSWORD", "pw"), Map.of())),
        false);
    assertThat(all).doesNotContainKey(AsyncOracleConnectionDetails.class);
  }

  private AsyncOracleConnectionDetails details(RunningService service) {
    Map<Class<?>, ConnectionDetails> all =
        factories.getConnectionDetails(TestDockerComposeConnectionSources.of(service), false);
    assertThat(all).containsKey(AsyncOracleConnectionDetails.class);
    return (AsyncOracleConnectionDetails) all.get(AsyncOracleConnectionDetails.class);
  }

  private static RunningService service(String image, Map<String, String> env, Map<String, String> labels) {
    return new RunningService() {
      @Override
      public String name() {
        return "oracle";
      }

      @Override
      public ImageReference image() {
        return ImageReference.of(image);
      }

      @Override
      public String host() {
        return "127.0.0.1";
      }

      @Override
      public ConnectionPorts ports() {
        return new ConnectionPorts() {
          @Override
          public int get(int containerPort) {
            // Other factories (Boot's PostgreSQL one for postgres:17) ask for their own ports.
            return containerPort == 1521 ? 49153 : 49200;
          }

          @Override
          public List<Integer> getAll() {
            return List.of(49153);
          }

          @Override
          public List<Integer> getAll(String protocol) {
            return List.of(49153);
          }
        };
      }

      @Override
      public Map<String, String> env() {
        return env;
      }

      @Override
      public Map<String, String> labels() {
        return labels;
      }
    };
  }
}
