package io.asyncoracle.internal;

import io.asyncoracle.AsyncLob;
import io.asyncoracle.InputTypeHandler;
import io.asyncoracle.InvalidArgumentException;
import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JDBC actions behind {@code executeMany}: checking the rows, binding and running them in
 * batches, counting what they touched. Each runs on the lane; {@link Statements} has the rest.
 */
final class BatchStatements {

  private BatchStatements() {
  }

  /**
   * Checks the rows of an {@code executeMany} and lays each out as the values to bind: a
   * {@link List} binds by position, a {@link Map} by name. Done before anything is sent, so a
   * bad row fails the call with {@link InvalidArgumentException}, never a {@link ClassCastException}.
   *
   * @param sql the statement
   * @param rows the rows
   * @param oracle whether the driver is Oracle's
   * @return the statement's plan and the values of each row
   */
  static Batch checkBatch(String sql, List<?> rows, boolean oracle) {
    if (rows == null) {
      throw new InvalidArgumentException("rows", "rows must not be null");
    }
    if (sql == null) {
      throw new InvalidArgumentException("sql", "sql must not be null");
    }
    if (rows.isEmpty()) {
      // Nothing to run, as in the reference: no round trip, whatever the statement.
      return new Batch(sql, null, List.of());
    }
    SqlBinds binds = SqlText.checkText(sql);
    int expected = binds.positionalCount();
    List<Object[]> values = new ArrayList<>(rows.size());
    BindPlan plan = null;
    Object first = rows.get(0);
    for (int i = 0; i < rows.size(); i++) {
      Object row = rows.get(i);
      if (row == null) {
        throw new InvalidArgumentException("rows", "row " + i + " is null");
      }
      if (row instanceof List<?> list) {
        if (!(first instanceof List<?>)) {
          throw new InvalidArgumentException("rows", "row " + i + " is a list but row 0 is a map: use one kind");
        }
        if (list.size() != expected) {
          throw new InvalidArgumentException("rows", "row " + i + " has " + list.size()
              + " values but the statement has " + expected + " bind placeholders");
        }
        Object[] array = list.toArray();
        if (binds.named()) {
          BindPlan p = BindPlan.positional(sql, binds, array, oracle);
          plan = plan == null ? p : plan;
          array = p.values;
        }
        values.add(array);
      } else if (row instanceof Map<?, ?> map) {
        if (!(first instanceof Map<?, ?>)) {
          throw new InvalidArgumentException("rows", "row " + i + " is a map but row 0 is a list: use one kind");
        }
        for (Object key : map.keySet()) {
          if (!(key instanceof String)) {
            throw new InvalidArgumentException("rows", "row " + i + " has a bind name that is not a String: " + key);
          }
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> named = (Map<String, ?>) map;
        BindPlan p;
        try {
          p = BindPlan.byName(sql, binds, named, oracle);
        } catch (InvalidArgumentException e) {
          throw new InvalidArgumentException("rows", "row " + i + ": " + e.getMessage());
        }
        plan = plan == null ? p : plan;
        values.add(p.values);
      } else {
        throw new InvalidArgumentException("rows", "row " + i + " is a " + row.getClass().getName()
            + ", not a List (values by position) or a Map (values by name)");
      }
    }
    return new Batch(plan == null ? sql : plan.sql, plan, values);
  }

  /**
   * The checked rows of an {@code executeMany}.
   *
   * @param sql the text to prepare
   * @param plan how to bind (named placeholders), or {@code null} for plain positional values
   * @param rows the values of each row, laid out for binding
   */
  record Batch(String sql, BindPlan plan, List<Object[]> rows) {
  }

  static long executeMany(ConnectionImpl connection, Batch batch) throws SQLException {
    if (batch.rows().isEmpty()) {
      return 0;
    }
    Session s = connection.session();
    try (PreparedStatement ps = s.jdbc().prepareStatement(batch.sql())) {
      return executeBatch(s, ps, batch, connection.inputTypeHandlerSetting(), null, Integer.MAX_VALUE, new long[1]);
    }
  }

  /**
   * Binds and runs every row, {@code batchSize} rows per round trip; returns the total rows
   * touched, or -1 if the driver did not tell. A null in a column without an input size is bound
   * with the type of the first non-null value of that column, so nulls in the first rows do not
   * decide the column's type.
   *
   * @param processed set to the rows processed so far, also when a round trip fails
   */
  static long executeBatch(Session s, PreparedStatement ps, Batch batch, InputTypeHandler handler,
      SQLType[] inputSizes, int batchSize, long[] processed) throws SQLException {
    return total(executeBatchCounts(s, ps, batch, handler, inputSizes, batchSize, processed));
  }

  /**
   * As {@link #executeBatch}, but returns the driver's count for each row, in row order, across
   * every round trip ({@code Statement.SUCCESS_NO_INFO} where the driver did not count).
   */
  static long[] executeBatchCounts(Session s, PreparedStatement ps, Batch batch, InputTypeHandler handler,
      SQLType[] inputSizes, int batchSize, long[] processed) throws SQLException {
    List<Object[]> rows = batch.rows();
    SQLType[] types = typesForNulls(rows, batch.plan() == null ? inputSizes : batch.plan().positionalTypes(inputSizes));
    s.track(ps);
    s.changes().markDirty();
    long total = 0;
    long[] all = new long[rows.size()];
    int filled = 0;
    int inBatch = 0;
    for (int r = 0; r < rows.size(); r++) {
      Object[] row = rows.get(r);
      if (batch.plan() == null) {
        Statements.bind(ps, row, 0, handler, types);
      } else {
        batch.plan().bind(ps, row, handler, types);
      }
      ps.addBatch();
      inBatch++;
      if (inBatch == batchSize || r == rows.size() - 1) {
        inBatch = 0;
        long[] counts = send(ps, total, processed);
        for (long count : counts) {
          if (filled < all.length) {
            all[filled++] = count;
          }
          total += rows(count);
        }
        processed[0] = total;
      }
    }
    return filled == all.length ? all : java.util.Arrays.copyOf(all, filled);
  }

  /**
   * Sends the batch built so far. If it fails, {@code processed[0]} says how many rows ran before
   * the failure ({@code total} from earlier batches plus the driver's counts for this one).
   */
  private static long[] send(PreparedStatement ps, long total, long[] processed) throws SQLException {
    try {
      return ps.executeLargeBatch();
    } catch (java.sql.BatchUpdateException e) {
      processed[0] = total + countBeforeFailure(e.getLargeUpdateCounts());
      throw e;
    }
  }

  /** The rows one batch entry's count stands for: a row that ran without a count is one. */
  private static long rows(long count) {
    return count == Statement.SUCCESS_NO_INFO ? 1 : Math.max(0, count);
  }

  /** The total of a batch's counts, or -1 if the driver did not count a row. */
  static long total(long[] counts) {
    long total = 0;
    for (long count : counts) {
      if (count == Statement.SUCCESS_NO_INFO) {
        return -1;
      }
      total += Math.max(0, count);
    }
    return total;
  }

  /** Runs a statement without binds {@code iterations} times in one batch. */
  static long executeIterations(Session s, PreparedStatement ps, int iterations, int batchSize, long[] processed)
      throws SQLException {
    s.track(ps);
    s.changes().markDirty();
    long total = 0;
    for (int i = 1; i <= iterations; i++) {
      ps.addBatch();
      if (i % batchSize == 0 || i == iterations) {
        for (long count : send(ps, total, processed)) {
          total += rows(count);
        }
        processed[0] = total;
      }
    }
    return total;
  }

  /** Rows the rows before the first failed one touched (drivers that go on after a failure report more). */
  private static long countBeforeFailure(long[] counts) {
    long sum = 0;
    if (counts != null) {
      for (long count : counts) {
        if (count == Statement.EXECUTE_FAILED) {
          break;
        }
        sum += count == Statement.SUCCESS_NO_INFO ? 1 : Math.max(0, count);
      }
    }
    return sum;
  }

  /** The SQL types to bind nulls with: the input size if given, else the type of the column's first non-null value. */
  static SQLType[] typesForNulls(List<Object[]> rows, SQLType[] inputSizes) {
    if (rows.isEmpty()) {
      return inputSizes;
    }
    int width = rows.get(0).length;
    SQLType[] types = null;
    for (int c = 0; c < width; c++) {
      if (inputSizes != null && c < inputSizes.length && inputSizes[c] != null) {
        continue;
      }
      boolean hasNull = false;
      Object sample = null;
      for (Object[] row : rows) {
        Object v = c < row.length ? row[c] : null;
        if (v == null) {
          hasNull = true;
        } else if (sample == null) {
          sample = v;
        }
        if (hasNull && sample != null) {
          break;
        }
      }
      if (hasNull && sample != null) {
        SQLType type = sqlTypeOf(sample);
        if (type != null) {
          if (types == null) {
            types = new SQLType[width];
            if (inputSizes != null) {
              System.arraycopy(inputSizes, 0, types, 0, Math.min(width, inputSizes.length));
            }
          }
          types[c] = type;
        }
      }
    }
    return types == null ? inputSizes : types;
  }

  /** The SQL type a value binds as, for binding a null of the same column; {@code null} if unsure. */
  static SQLType sqlTypeOf(Object value) {
    if (value instanceof AsyncLob lob) {
      return switch (lob.type()) {
        case CLOB -> JDBCType.CLOB;
        case NCLOB -> JDBCType.NCLOB;
        case BLOB -> JDBCType.BLOB;
      };
    }
    if (value instanceof CharSequence || value instanceof Enum<?> || value instanceof Character
        || value instanceof java.util.UUID) {
      return JDBCType.VARCHAR;
    }
    SQLType type = io.asyncoracle.OutParameter.out(value.getClass()).sqlType();
    return type == JDBCType.JAVA_OBJECT ? null : type;
  }
}
