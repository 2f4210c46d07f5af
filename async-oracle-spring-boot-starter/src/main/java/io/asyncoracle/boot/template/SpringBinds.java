package io.asyncoracle.boot.template;

import io.asyncoracle.BindValue;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.StatementCreatorUtils;

/**
 * Keeps the SQL type of Spring's {@link SqlParameterValue}s: each becomes a core
 * {@link BindValue} that binds through {@link StatementCreatorUtils#setParameterValue}, the code
 * {@code JdbcTemplate} binds with, so a typed value, a typed {@code NULL} or a scale behave the
 * same here as there.
 */
final class SpringBinds {

  private SpringBinds() {
  }

  /**
   * Converts the typed values among positional arguments; returns the array itself when there is
   * none (the common case allocates nothing).
   *
   * @param args the arguments, possibly {@code null}
   * @return the arguments to hand to the core
   */
  static Object[] convert(Object[] args) {
    if (args == null) {
      return null;
    }
    Object[] converted = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i] instanceof SqlParameterValue value) {
        if (converted == null) {
          converted = args.clone();
        }
        converted[i] = bindValue(value);
      }
    }
    return converted == null ? args : converted;
  }

  /**
   * Adapts one typed value.
   *
   * @param value the Spring value
   * @return the core bind value
   */
  static BindValue bindValue(SqlParameterValue value) {
    return new TypedBind(value);
  }

  /** A Spring typed value bound the way {@code JdbcTemplate} binds it. */
  private record TypedBind(SqlParameterValue value) implements BindValue {
    @Override
    public void bind(PreparedStatement statement, int index) throws SQLException {
      StatementCreatorUtils.setParameterValue(statement, index, value, value.getValue());
    }
  }
}
