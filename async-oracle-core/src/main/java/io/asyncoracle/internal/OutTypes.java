package io.asyncoracle.internal;

import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.OutParameter;
import java.sql.SQLType;
import java.util.Set;

/**
 * The SQL type an OUT value (a function's return value, an {@link OutParameter}) is registered
 * as. On Oracle only the types ojdbc can bind are let through: {@code registerOutParameter} with
 * any other (such as {@code JAVA_OBJECT}, which {@code OutParameter.out(Object.class)} and unmapped
 * classes give) fails inside the driver with ORA-17004 "Invalid column type"; here it fails before
 * anything is sent, naming the Java type and what to use instead.
 */
final class OutTypes {

  /**
   * The {@code java.sql.Types} / {@code oracle.jdbc.OracleTypes} codes ojdbc 23.26 maps to one of
   * its internal types: the cases of {@code oracle.jdbc.driver.OracleStatement.getInternalType(int)}
   * (read with {@code javap -c}; its default case is ORA-17004).
   */
  static final Set<Integer> ORACLE_TYPES = Set.of(
      -109, -108, -107, -106, -105, -104, -103, -102, -101, -100,
      -16, -15, -14, -13, -10, -9, -8, -7, -6, -5, -4, -3, -2, -1,
      0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 70, 91, 92, 93, 100, 101, 252, 999,
      2002, 2003, 2004, 2005, 2006, 2007, 2008, 2009, 2011, 2012, 2013, 2014, 2016);

  private static final String MAPPED = "String, Integer, Long, Short, Byte, BigDecimal, BigInteger, Double, Float,"
      + " Boolean, LocalDate, LocalDateTime, OffsetDateTime, ZonedDateTime, java.sql.Date, Timestamp, byte[],"
      + " Clob, NClob, Blob";

  private OutTypes() {
  }

  /**
   * The type to register a function's return value as.
   *
   * @param s the session
   * @param returnType the Java type the application asked for
   * @return the SQL type
   * @throws InvalidArgumentException on Oracle, for a Java type with no Oracle SQL type
   */
  static SQLType forReturn(Session s, Class<?> returnType) {
    SQLType type = OutParameter.out(returnType).sqlType();
    if (s.isOracle() && !bindable(type)) {
      throw new InvalidArgumentException("returnType", "Oracle has no SQL type for a function result read as "
          + returnType.getName() + ": pass the function's type (" + MAPPED + ")");
    }
    return type;
  }

  /**
   * The type to register an OUT or IN OUT parameter as.
   *
   * @param s the session
   * @param out the parameter
   * @param position its 1-based position among the call's parameters
   * @return the SQL type
   * @throws InvalidArgumentException on Oracle, for a type ojdbc cannot bind
   */
  static SQLType forParameter(Session s, OutParameter out, int position) {
    SQLType type = out.sqlType();
    if (s.isOracle() && !bindable(type)) {
      throw new InvalidArgumentException("params", "parameter " + position + ": Oracle has no SQL type for an OUT"
          + " value of " + out.javaType().getName() + " registered as " + type.getName()
          + ": use OutParameter.out with one of " + MAPPED + ", or give the SQL type (new OutParameter(type, ...))");
    }
    return type;
  }

  /** Whether ojdbc binds a type: codes it knows, or a vendor type without a code (ojdbc's own OracleType). */
  static boolean bindable(SQLType type) {
    Integer code = type.getVendorTypeNumber();
    return code == null || ORACLE_TYPES.contains(code);
  }
}
