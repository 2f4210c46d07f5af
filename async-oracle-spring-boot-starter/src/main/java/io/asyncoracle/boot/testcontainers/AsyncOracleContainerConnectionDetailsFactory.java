package io.asyncoracle.boot.testcontainers;

import io.asyncoracle.boot.autoconfigure.AsyncOracleConnectionDetails;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;
import org.testcontainers.oracle.OracleContainer;

/**
 * Makes {@link AsyncOracleConnectionDetails} of a {@code @ServiceConnection} {@link OracleContainer}
 * (Testcontainers' Oracle Free module), so the pool connects to the container. Registered in
 * {@code META-INF/spring.factories}; Boot skips it when Testcontainers or the container module is
 * not on the classpath.
 */
class AsyncOracleContainerConnectionDetailsFactory
    extends ContainerConnectionDetailsFactory<OracleContainer, AsyncOracleConnectionDetails> {

  AsyncOracleContainerConnectionDetailsFactory() {
    super(ANY_CONNECTION_NAME, "io.asyncoracle.AsyncPool", "org.testcontainers.oracle.OracleContainer");
  }

  @Override
  protected AsyncOracleConnectionDetails getContainerConnectionDetails(ContainerConnectionSource<OracleContainer> source) {
    return new OracleContainerConnectionDetails(source);
  }

  /** The container's URL and credentials, read once it has started. */
  private static final class OracleContainerConnectionDetails extends ContainerConnectionDetails<OracleContainer>
      implements AsyncOracleConnectionDetails {

    private OracleContainerConnectionDetails(ContainerConnectionSource<OracleContainer> source) {
      super(source);
    }

    @Override
    public String getUrl() {
      return getContainer().getJdbcUrl();
    }

    @Override
    public String getUsername() {
      return getContainer().getUsername();
    }

    @Override
    public String getPassword() {
      return getContainer().getPassword();
    }
  }
}
