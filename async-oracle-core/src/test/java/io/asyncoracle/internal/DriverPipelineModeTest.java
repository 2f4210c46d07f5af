package io.asyncoracle.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

/**
 * {@link DriverPipelineMode} reads the mode ojdbc chose, on driver objects allocated offline
 * (no constructor runs, no network): a {@code T4CConnection} whose {@code Pipeline} carries the mode.
 */
class DriverPipelineModeTest {

  private static Object allocate(String className) throws Exception {
    Field unsafeField = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
    unsafeField.setAccessible(true);
    Object unsafe = unsafeField.get(null);
    return unsafe.getClass().getMethod("allocateInstance", Class.class).invoke(unsafe, Class.forName(className));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static oracle.jdbc.OracleConnection connectionIn(String mode) throws Exception {
    Object connection = allocate("oracle.jdbc.driver.T4CConnection");
    if (mode != null) {
      Object pipeline = allocate("oracle.jdbc.driver.Pipeline");
      Class modes = Class.forName("oracle.jdbc.driver.Pipeline$CommunicationMode");
      Field modeField = pipeline.getClass().getDeclaredField("communicationMode");
      modeField.setAccessible(true);
      modeField.set(pipeline, Enum.valueOf(modes, mode));
      Field pipelineField = Class.forName("oracle.jdbc.driver.T4CConnection").getDeclaredField("pipeline");
      pipelineField.setAccessible(true);
      pipelineField.set(connection, pipeline);
    }
    return (oracle.jdbc.OracleConnection) connection;
  }

  @Test
  void readsTheDriversChoice() throws Exception {
    assertThat(DriverPipelineMode.fullDuplex(connectionIn("FULL_DUPLEX"))).isTrue();
    assertThat(DriverPipelineMode.fullDuplex(connectionIn("HALF_DUPLEX"))).isFalse();
  }

  @Test
  void unknownWhenTheDriverHasNoPipeline() throws Exception {
    assertThat(DriverPipelineMode.fullDuplex(connectionIn(null))).isNull();
  }
}
