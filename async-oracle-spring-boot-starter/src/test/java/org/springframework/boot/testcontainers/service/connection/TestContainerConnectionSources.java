package org.springframework.boot.testcontainers.service.connection;

import java.util.function.Supplier;
import org.springframework.boot.origin.Origin;
import org.springframework.core.annotation.MergedAnnotation;
import org.testcontainers.containers.Container;

/**
 * Makes the {@link ContainerConnectionSource} Boot builds for a {@code @ServiceConnection} field,
 * for testing connection details factories without Docker. Lives in Boot's package because the
 * source's constructor is package-private (test code only).
 */
public final class TestContainerConnectionSources {

  private TestContainerConnectionSources() {
  }

  /**
   * A source as for {@code @ServiceConnection} (no name, no type) on a field of {@code type}.
   *
   * @param type the declared container type
   * @param imageName the container's image name
   * @param container supplies the container
   * @param <C> the container type
   * @return the source
   */
  public static <C extends Container<?>> ContainerConnectionSource<C> of(Class<C> type, String imageName,
      Supplier<C> container) {
    return new ContainerConnectionSource<>("test", new Origin() { }, type, imageName,
        MergedAnnotation.of(ServiceConnection.class), container, null, null);
  }
}
