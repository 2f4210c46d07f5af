package io.asyncoracle.internal;

import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.LobType;
import io.asyncoracle.OutParameter;
import java.sql.JDBCType;
import java.sql.SQLType;

/** Reads what {@code setInputSizes} accepts for each bind: the Java form of python-oracledb's types and sizes. */
final class InputSizes {

  private InputSizes() {
  }

  /**
   * The SQL type a bind is given.
   *
   * @param type a {@link SQLType} ({@link JDBCType}, {@code oracle.jdbc.OracleType}), a Java
   *     {@link Class}, a {@link LobType}, an {@link Integer} (a string of that size, as in the
   *     reference), or {@code null} (no type: bound as the value says)
   * @param which the bind, for messages
   * @return the SQL type, or {@code null}
   */
  static SQLType of(Object type, String which) {
    if (type == null) {
      return null;
    }
    if (type instanceof SQLType sql) {
      return sql;
    }
    if (type instanceof Integer size) {
      if (size < 0) {
        throw new InvalidArgumentException("inputSizes", which + ": a size must not be negative, got " + size);
      }
      return JDBCType.VARCHAR;
    }
    if (type instanceof LobType lob) {
      return switch (lob) {
        case CLOB -> JDBCType.CLOB;
        case NCLOB -> JDBCType.NCLOB;
        case BLOB -> JDBCType.BLOB;
      };
    }
    if (type instanceof Class<?> cls) {
      SQLType sql = OutParameter.out(cls).sqlType();
      if (sql == JDBCType.JAVA_OBJECT) {
        throw new InvalidArgumentException("inputSizes", which + ": no SQL type is known for " + cls.getName()
            + "; give a java.sql.JDBCType");
      }
      return sql;
    }
    throw new InvalidArgumentException("inputSizes", which + ": expected a java.sql.SQLType, a Class, a LobType, an"
        + " Integer size or null, got " + type.getClass().getName());
  }
}
