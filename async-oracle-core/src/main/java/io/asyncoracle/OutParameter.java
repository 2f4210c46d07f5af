package io.asyncoracle;

import java.sql.JDBCType;
import java.sql.SQLType;
import java.util.Objects;

/**
 * Marks an OUT or IN OUT parameter of {@link AsyncConnection#callProc(String, Object...)}: the
 * python-oracledb {@code cursor.var(type)} passed among the parameters. Its value after the call
 * appears at the same position in the list {@code callProc} returns.
 *
 * @param sqlType the SQL type to register
 * @param javaType the Java type to read the value as
 * @param value the IN value of an IN OUT parameter, or {@code null} for a pure OUT parameter
 * @param inOut whether the value is bound as input too
 */
public record OutParameter(SQLType sqlType, Class<?> javaType, Object value, boolean inOut) {

  /**
   * Checks the components.
   *
   * @param sqlType the SQL type to register
   * @param javaType the Java type to read the value as
   * @param value the IN value of an IN OUT parameter, or {@code null}
   * @param inOut whether the value is bound as input too
   */
  public OutParameter {
    Objects.requireNonNull(sqlType, "sqlType");
    Objects.requireNonNull(javaType, "javaType");
  }

  /**
   * An OUT parameter whose SQL type follows from the Java type ({@code String} → VARCHAR,
   * {@code Long}/{@code Integer}/{@code Short}/{@code Byte}/{@code BigDecimal} → NUMERIC,
   * {@code OffsetDateTime}/{@code ZonedDateTime} → TIMESTAMP WITH TIME ZONE, and so on). Other
   * classes, {@code Object} included, have no SQL type (JAVA_OBJECT): on Oracle a call with one fails
   * with {@link InvalidArgumentException} before anything is sent; give the SQL type with the
   * constructor instead.
   *
   * @param javaType the Java type to read
   * @return the marker
   */
  public static OutParameter out(Class<?> javaType) {
    return new OutParameter(SqlTypes.forJavaType(javaType), javaType, null, false);
  }

  /**
   * An IN OUT parameter: bound with {@code value}, read back as {@code javaType}.
   *
   * @param value the input value
   * @param javaType the Java type to read
   * @return the marker
   */
  public static OutParameter inOut(Object value, Class<?> javaType) {
    return new OutParameter(SqlTypes.forJavaType(javaType), javaType, value, true);
  }

  /** Maps Java types to the SQL type to register for them. */
  static final class SqlTypes {
    private SqlTypes() {
    }

    static SQLType forJavaType(Class<?> type) {
      Objects.requireNonNull(type, "javaType");
      if (type == String.class) {
        return JDBCType.VARCHAR;
      }
      if (type == Integer.class || type == int.class || type == Long.class || type == long.class
          || type == Short.class || type == short.class || type == Byte.class || type == byte.class
          || type == java.math.BigDecimal.class || type == java.math.BigInteger.class) {
        return JDBCType.NUMERIC;
      }
      if (type == Double.class || type == double.class) {
        return JDBCType.DOUBLE;
      }
      if (type == Float.class || type == float.class) {
        return JDBCType.REAL;
      }
      if (type == Boolean.class || type == boolean.class) {
        return JDBCType.BOOLEAN;
      }
      if (type == java.time.LocalDate.class || type == java.sql.Date.class) {
        return JDBCType.DATE;
      }
      if (type == java.time.LocalDateTime.class || type == java.sql.Timestamp.class) {
        return JDBCType.TIMESTAMP;
      }
      if (type == java.time.OffsetDateTime.class || type == java.time.ZonedDateTime.class) {
        return JDBCType.TIMESTAMP_WITH_TIMEZONE;
      }
      if (type == byte[].class) {
        return JDBCType.VARBINARY;
      }
      if (type == java.sql.Clob.class) {
        return JDBCType.CLOB;
      }
      if (type == java.sql.NClob.class) {
        return JDBCType.NCLOB;
      }
      if (type == java.sql.Blob.class) {
        return JDBCType.BLOB;
      }
      return JDBCType.JAVA_OBJECT;
    }
  }
}
