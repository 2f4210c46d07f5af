package io.asyncoracle;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLType;
import java.util.Objects;

/**
 * A parameter value that binds itself to its statement placeholder, for binds the default
 * ({@code setObject}, {@code setNull(VARCHAR)} for {@code null}) does not get right: a declared
 * SQL type, a typed {@code NULL}, a scale, a driver-specific setter. Pass it among the parameters
 * of any statement or query; it runs on the worker, just before the statement executes.
 *
 * <p>Integrations adapt their own typed values to it (the Spring Boot starter binds Spring's
 * {@code SqlParameterValue} exactly as {@code JdbcTemplate} does). An {@link InputTypeHandler}
 * sees the {@code BindValue} itself and should return it unchanged.
 */
@FunctionalInterface
public interface BindValue {

  /**
   * Binds the value. Must only set the parameter: the statement belongs to the connection.
   *
   * @param statement the statement being prepared
   * @param index the 1-based placeholder position
   * @throws SQLException if the driver refuses the value
   */
  void bind(PreparedStatement statement, int index) throws SQLException;

  /**
   * A value bound with a declared SQL type: {@code setObject(index, value, type)}, or
   * {@code setNull(index, type)} for {@code null}.
   *
   * @param value the value, possibly {@code null}
   * @param type the SQL type, e.g. {@link java.sql.JDBCType#DATE}
   * @return the bind value
   */
  static BindValue typed(Object value, SQLType type) {
    Objects.requireNonNull(type, "type");
    return new BindValue() {
      @Override
      public void bind(PreparedStatement statement, int index) throws SQLException {
        if (value == null) {
          statement.setNull(index, type.getVendorTypeNumber());
        } else {
          statement.setObject(index, value, type);
        }
      }

      @Override
      public String toString() {
        return "BindValue[" + type.getName() + " " + value + "]";
      }
    };
  }
}
