package io.asyncoracle.internal;

import static io.asyncoracle.TestFutures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncOracle;
import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.TestDatabases;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * Session attributes are checked when set, against ojdbc's own limits: an over-long one used to
 * be refused by the driver only when the next call sent it, failing that call instead.
 */
class EndToEndLimitsTest {

  /** The limits ojdbc sets for a 23ai server ({@code PhysicalConnection.versionDependentInit}). */
  private static int[] ojdbcLimits() throws Exception {
    Field unsafeField = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
    unsafeField.setAccessible(true);
    Object unsafe = unsafeField.get(null);
    Object connection = unsafe.getClass().getMethod("allocateInstance", Class.class)
        .invoke(unsafe, Class.forName("oracle.jdbc.driver.T4CConnection"));
    Class<?> physical = Class.forName("oracle.jdbc.driver.PhysicalConnection");
    Field limits = physical.getDeclaredField("endToEndMaxLength");
    limits.setAccessible(true);
    limits.set(connection, new int[6]);
    Method init = physical.getDeclaredMethod("versionDependentInit", short.class);
    init.setAccessible(true);
    init.invoke(connection, (short) 23400);
    return (int[]) limits.get(connection);
  }

  @Test
  void theLimitIsOjdbcs() throws Exception {
    assertThat(ojdbcLimits()).containsOnly(ConnectionAttributes.END_TO_END_MAX_CHARS);
  }

  @Test
  void overLongValuesFailWhenSet() {
    AsyncConnection c = await(AsyncOracle.connect("sa", "", TestDatabases.newUrl()));
    try {
      String longest = "x".repeat(ConnectionAttributes.END_TO_END_MAX_CHARS);
      String tooLong = longest + "x";
      BiConsumer<String, BiConsumer<AsyncConnection, String>> check = (name, setter) -> {
        setter.accept(c, longest);
        assertThatThrownBy(() -> setter.accept(c, tooLong)).as(name)
            .isInstanceOf(InvalidArgumentException.class).hasMessageContaining(name);
      };
      check.accept("action", AsyncConnection::setAction);
      check.accept("clientIdentifier", AsyncConnection::setClientIdentifier);
      check.accept("clientInfo", AsyncConnection::setClientInfo);
      check.accept("dbOp", AsyncConnection::setDbOp);
      // The accepted values go out with the next call, which they no longer break.
      await(c.ping());
    } finally {
      await(c.close());
    }
  }
}
