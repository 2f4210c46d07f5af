package io.asyncoracle.internal;

import java.lang.reflect.Method;

/**
 * Whether ojdbc really pipelines on a connection. At logon the thin driver picks a communication
 * mode for its {@code oracle.jdbc.driver.Pipeline} ({@code Pipeline.getCommunicationMode}, read with
 * {@code javap -c} on 23.26): half duplex, where asynchronous calls still work but go one round
 * trip each, when the TTC version is below 18, the server lacks the pipelining capability, the
 * transport is BEQ, the server is of type 2, {@code oracle.jdbc.disablePipeline} is true, or
 * out-of-band breaks are off; full duplex otherwise. The choice is kept in the pipeline object
 * ({@code T4CConnection.pipeline().communicationMode()}, both package-private), read here through
 * reflection as {@link OracleSupport#ltxid} reads the LTXID bytes.
 */
final class DriverPipelineMode {

  private DriverPipelineMode() {
  }

  /**
   * The driver's own choice for a connection.
   *
   * @param oc the driver's connection
   * @return {@code Boolean.TRUE} for full duplex, {@code FALSE} for half duplex, {@code null} if this
   *     driver version does not tell (the caller then goes by the database version alone)
   */
  static Boolean fullDuplex(oracle.jdbc.OracleConnection oc) {
    try {
      Method pipeline = findMethod(oc.getClass(), "pipeline");
      if (pipeline == null) {
        return null;
      }
      pipeline.setAccessible(true);
      Object driverPipeline = pipeline.invoke(oc);
      if (driverPipeline == null) {
        return null;
      }
      Method mode = findMethod(driverPipeline.getClass(), "communicationMode");
      if (mode == null) {
        return null;
      }
      mode.setAccessible(true);
      Object value = mode.invoke(driverPipeline);
      return value == null ? null : "FULL_DUPLEX".equals(((Enum<?>) value).name());
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static Method findMethod(Class<?> type, String name) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Method m : c.getDeclaredMethods()) {
        if (m.getName().equals(name) && m.getParameterCount() == 0) {
          return m;
        }
      }
    }
    return null;
  }
}
