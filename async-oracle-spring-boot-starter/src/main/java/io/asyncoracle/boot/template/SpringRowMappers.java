package io.asyncoracle.boot.template;

import io.asyncoracle.DatabaseException;
import io.asyncoracle.Row;
import java.sql.SQLException;
import org.springframework.jdbc.core.RowMapper;

/** Adapts Spring's {@link RowMapper} to the core's {@link io.asyncoracle.RowMapper}. */
final class SpringRowMappers {

  private SpringRowMappers() {
  }

  /**
   * Wraps a Spring row mapper. Each adapter numbers the rows of one query, so make one per call.
   * The core maps all rows of a call on the one worker running it, so the counter needs no lock.
   *
   * @param mapper the Spring row mapper
   * @param <T> the mapped type
   * @return the core row mapper
   */
  static <T> io.asyncoracle.RowMapper<T> adapt(RowMapper<T> mapper) {
    return new io.asyncoracle.RowMapper<>() {
      private int rowNum;

      @Override
      public T map(Row row) {
        int current = rowNum++;
        try {
          return mapper.mapRow(RowResultSet.of(row, current + 1), current);
        } catch (SQLException e) {
          // Carried as the core's database error so the template translates it like any other.
          throw new DatabaseException(String.valueOf(e.getMessage()), e, null);
        }
      }
    };
  }
}
