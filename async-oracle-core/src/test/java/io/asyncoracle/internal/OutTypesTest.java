package io.asyncoracle.internal;

import static io.asyncoracle.TestFutures.await;
import static io.asyncoracle.TestFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncOracle;
import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.OutParameter;
import io.asyncoracle.TestDatabases;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * OUT types against ojdbc's own {@code OracleStatement.getInternalType(int)}, the switch behind
 * {@code registerOutParameter}, called offline on a statement allocated without a connection.
 */
class OutTypesTest {

  private static final Class<?>[] MAPPED = {
      String.class, Integer.class, int.class, Long.class, long.class, Short.class, short.class, Byte.class,
      byte.class, java.math.BigDecimal.class, java.math.BigInteger.class, Double.class, double.class,
      Float.class, float.class, Boolean.class, boolean.class, java.time.LocalDate.class, java.sql.Date.class,
      java.time.LocalDateTime.class, java.sql.Timestamp.class, java.time.OffsetDateTime.class,
      java.time.ZonedDateTime.class, byte[].class, java.sql.Clob.class, java.sql.NClob.class, java.sql.Blob.class};

  /** Whether ojdbc's {@code getInternalType} knows a type code (its default case is ORA-17004). */
  private static boolean ojdbcKnows(int code) throws Exception {
    Field field = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
    field.setAccessible(true);
    Object unsafe = field.get(null);
    Method allocate = unsafe.getClass().getMethod("allocateInstance", Class.class);
    Object statement = allocate.invoke(unsafe, Class.forName("oracle.jdbc.driver.T4CCallableStatement"));
    Method internalType = Class.forName("oracle.jdbc.driver.OracleStatement")
        .getDeclaredMethod("getInternalType", int.class);
    internalType.setAccessible(true);
    try {
      internalType.invoke(statement, code);
      return true;
    } catch (InvocationTargetException e) {
      assertThat(e.getCause()).hasMessageContaining("ORA-17004");
      return false;
    }
  }

  @Test
  void theTypesLetThroughAreTheOnesOjdbcKnows() throws Exception {
    Set<Integer> known = new HashSet<>();
    for (int code = -300; code <= 3000; code++) {
      if (ojdbcKnows(code)) {
        known.add(code);
      }
    }
    assertThat(OutTypes.ORACLE_TYPES).isEqualTo(known);
  }

  @Test
  void everyMappedJavaTypeHasATypeOjdbcBinds() throws Exception {
    for (Class<?> type : MAPPED) {
      int code = OutParameter.out(type).sqlType().getVendorTypeNumber();
      assertThat(ojdbcKnows(code)).as("%s registered as %s", type.getName(), code).isTrue();
    }
  }

  @Test
  void unmappedTypesFailClearlyOnOracle() throws Exception {
    assertThat(ojdbcKnows(OutParameter.out(Object.class).sqlType().getVendorTypeNumber()))
        .as("what Object.class registered: ORA-17004 inside the driver").isFalse();
    AsyncConnection conn = await(AsyncOracle.connect("sa", "", OjdbcLikeDriver.url(TestDatabases.newUrl())));
    try {
      assertThat(failure(conn.callFunc("abs", Object.class, -1)))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("java.lang.Object");
      assertThat(failure(conn.callProc("p", 1, OutParameter.out(List.class))))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("parameter 2")
          .hasMessageContaining("java.util.List");
      assertThat(failure(conn.callFunc("abs", java.util.UUID.class, -1)))
          .isInstanceOf(InvalidArgumentException.class);
    } finally {
      await(conn.close());
    }
  }

  @Test
  void h2KeepsItsFallback() {
    AsyncConnection conn = await(AsyncOracle.connect("sa", "", TestDatabases.newUrl()));
    try {
      assertThat(await(conn.callFunc("abs", Object.class, -3))).isEqualTo(3);
    } finally {
      await(conn.close());
    }
  }
}
