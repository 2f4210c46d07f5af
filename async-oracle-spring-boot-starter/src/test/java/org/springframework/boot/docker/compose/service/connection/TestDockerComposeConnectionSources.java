package org.springframework.boot.docker.compose.service.connection;

import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.mock.env.MockEnvironment;

/**
 * Makes the {@link DockerComposeConnectionSource} Boot builds for a running Compose service, for
 * testing connection details factories without Docker. Lives in Boot's package because the
 * source's constructor is package-private (test code only).
 */
public final class TestDockerComposeConnectionSources {

  private TestDockerComposeConnectionSources() {
  }

  /**
   * A source for a service.
   *
   * @param service the running service
   * @return the source
   */
  public static DockerComposeConnectionSource of(RunningService service) {
    return new DockerComposeConnectionSource(service, new MockEnvironment());
  }
}
