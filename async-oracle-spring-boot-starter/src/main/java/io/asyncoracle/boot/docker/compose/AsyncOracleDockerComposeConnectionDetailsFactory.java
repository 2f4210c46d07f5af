package io.asyncoracle.boot.docker.compose;

import io.asyncoracle.boot.autoconfigure.AsyncOracleConnectionDetails;
import java.util.Map;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionDetailsFactory;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;
import org.springframework.util.StringUtils;

/**
 * Makes {@link AsyncOracleConnectionDetails} of a Docker Compose service running
 * {@code gvenzl/oracle-free} (or labelled {@code org.springframework.boot.service-connection:
 * gvenzl/oracle-free}), reading the image's environment as Spring Boot does for its JDBC
 * connection: {@code APP_USER}/{@code APP_USER_PASSWORD}, else {@code system} with
 * {@code ORACLE_PASSWORD}; {@code ORACLE_DATABASE}, else {@code freepdb1}; URL parameters from the
 * {@code org.springframework.boot.jdbc.parameters} label. Registered in
 * {@code META-INF/spring.factories}; inactive without spring-boot-docker-compose.
 */
class AsyncOracleDockerComposeConnectionDetailsFactory
    extends DockerComposeConnectionDetailsFactory<AsyncOracleConnectionDetails> {

  static final String IMAGE = "gvenzl/oracle-free";
  private static final String DEFAULT_DATABASE = "freepdb1";
  private static final String PARAMETERS_LABEL = "org.springframework.boot.jdbc.parameters";

  AsyncOracleDockerComposeConnectionDetailsFactory() {
    super(IMAGE, "io.asyncoracle.AsyncPool");
  }

  @Override
  protected AsyncOracleConnectionDetails getDockerComposeConnectionDetails(DockerComposeConnectionSource source) {
    return new OracleFreeConnectionDetails(source.getRunningService());
  }

  /** The service's URL and credentials. */
  static final class OracleFreeConnectionDetails extends DockerComposeConnectionDetails
      implements AsyncOracleConnectionDetails {

    private final String url;
    private final String username;
    private final String password;

    OracleFreeConnectionDetails(RunningService service) {
      super(service);
      Map<String, String> env = service.env();
      String appUser = env.get("APP_USER");
      if (appUser != null) {
        this.username = appUser;
        this.password = required(env.get("APP_USER_PASSWORD"), "APP_USER_PASSWORD is needed with APP_USER");
      } else {
        if (env.containsKey("ORACLE_RANDOM_PASSWORD")) {
          throw new IllegalStateException(
              "ORACLE_RANDOM_PASSWORD is not supported without APP_USER and APP_USER_PASSWORD");
        }
        this.username = "system";
        this.password = required(env.get("ORACLE_PASSWORD"), "No Oracle password found (ORACLE_PASSWORD)");
      }
      String database = env.getOrDefault("ORACLE_DATABASE", DEFAULT_DATABASE);
      String parameters = service.labels().get(PARAMETERS_LABEL);
      this.url = "jdbc:oracle:thin:@" + service.host() + ":" + service.ports().get(1521) + "/" + database
          + (StringUtils.hasLength(parameters) ? "?" + parameters : "");
    }

    private static String required(String value, String message) {
      if (!StringUtils.hasLength(value)) {
        throw new IllegalStateException(message);
      }
      return value;
    }

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
  }
}
