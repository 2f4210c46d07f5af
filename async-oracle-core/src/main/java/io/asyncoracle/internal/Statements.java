package io.asyncoracle.internal;

import io.asyncoracle.AsyncLob;
import io.asyncoracle.BindValue;
import io.asyncoracle.ColumnDescription;
import io.asyncoracle.GeneratedKeys;
import io.asyncoracle.InputTypeHandler;
import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.OutParameter;
import io.asyncoracle.Row;
import io.asyncoracle.RowMapper;
import java.sql.CallableStatement;
import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLType;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The JDBC actions behind statements, queries and stored-code calls. Each runs on the lane. */
final class Statements {

  private static final Object[] NO_ARGS = new Object[0];

  private Statements() {
  }

  /** Treats a {@code null} varargs array as no parameters. */
  static Object[] args(Object[] params) {
    return params == null ? NO_ARGS : params;
  }

  static long execute(ConnectionImpl connection, String sql, Object[] args) throws SQLException {
    return execute(connection, sql, args, null);
  }

  /** Executes with a {@link BindPlan} (statements with {@code :name} placeholders) or plain positional values. */
  static long execute(ConnectionImpl connection, String sql, Object[] args, BindPlan plan) throws SQLException {
    Session s = connection.session();
    try (PreparedStatement ps = s.jdbc().prepareStatement(plan == null ? sql : plan.sql)) {
      if (plan == null) {
        bind(ps, args, 0, connection.inputTypeHandlerSetting());
      } else {
        plan.bind(ps, plan.values, connection.inputTypeHandlerSetting(), null);
      }
      s.track(ps);
      boolean query = ps.execute();
      noteTransaction(s, sql, query);
      return query ? 0 : Math.max(0, ps.getLargeUpdateCount());
    }
  }

  static <T> List<T> query(ConnectionImpl connection, String sql, Object[] args, int maxRows, RowMapper<T> mapper)
      throws SQLException {
    return query(connection, sql, args, null, maxRows, connection.cursorArraySize(), mapper);
  }

  /**
   * Runs a query and reads up to {@code maxRows} rows, {@code arraySize} per round trip, binding a
   * {@link BindPlan} or plain positional values.
   */
  static <T> List<T> query(ConnectionImpl connection, String sql, Object[] args, BindPlan plan, int maxRows,
      int arraySize, RowMapper<T> mapper) throws SQLException {
    Session s = connection.session();
    try (PreparedStatement ps = s.jdbc().prepareStatement(plan == null ? sql : plan.sql)) {
      ps.setFetchSize(Math.max(1, Math.min(maxRows, Math.max(1, arraySize))));
      if (plan == null) {
        bind(ps, args, 0, connection.inputTypeHandlerSetting());
      } else {
        plan.bind(ps, plan.values, connection.inputTypeHandlerSetting(), null);
      }
      s.track(ps);
      if (!ps.execute()) {
        throw new InvalidArgumentException("sql", "statement is not a query: use execute() for DML, DDL and PL/SQL");
      }
      noteTransaction(s, sql, true);
      try (ResultSet rs = ps.getResultSet()) {
        RowReader reader = new RowReader(rs.getMetaData(), connection.outputTypeHandlerSetting(), s.held(), sql)
            .fetchingLobs(connection.fetchLobsSetting() ? s : null)
            .fetchingDecimals(connection.fetchDecimalsSetting());
        TemporaryLobs.noteQuery(s, reader);
        List<T> rows = new ArrayList<>();
        while (rows.size() < maxRows && rs.next()) {
          rows.add(mapper.map(reader.read(rs)));
        }
        return rows;
      }
    }
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
        bind(ps, row, 0, handler, types);
      } else {
        batch.plan().bind(ps, row, handler, types);
      }
      ps.addBatch();
      inBatch++;
      if (inBatch == batchSize || r == rows.size() - 1) {
        inBatch = 0;
        long[] counts;
        try {
          counts = ps.executeLargeBatch();
        } catch (java.sql.BatchUpdateException e) {
          processed[0] = total + countBeforeFailure(e.getLargeUpdateCounts());
          throw e;
        }
        for (long count : counts) {
          if (filled < all.length) {
            all[filled++] = count;
          }
          total += count == Statement.SUCCESS_NO_INFO ? 1 : Math.max(0, count);
        }
        processed[0] = total;
      }
    }
    return filled == all.length ? all : java.util.Arrays.copyOf(all, filled);
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
        long[] counts;
        try {
          counts = ps.executeLargeBatch();
        } catch (java.sql.BatchUpdateException e) {
          processed[0] = total + countBeforeFailure(e.getLargeUpdateCounts());
          throw e;
        }
        for (long count : counts) {
          total += count == Statement.SUCCESS_NO_INFO ? 1 : Math.max(0, count);
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

  /** Runs a statement that generates keys and reads them back. */
  static GeneratedKeys executeReturningKeys(ConnectionImpl connection, String sql, String[] keyColumns, Object[] args)
      throws SQLException {
    Session s = connection.session();
    try (PreparedStatement ps = keyColumns.length == 0
        ? s.jdbc().prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)
        : s.jdbc().prepareStatement(sql, keyColumns)) {
      bind(ps, args, 0, connection.inputTypeHandlerSetting());
      s.track(ps);
      s.changes().markDirty();
      long count = Math.max(0, ps.executeLargeUpdate());
      List<Row> keys = new ArrayList<>();
      try (ResultSet rs = ps.getGeneratedKeys()) {
        if (rs != null) {
          RowReader reader = new RowReader(rs.getMetaData(), connection.outputTypeHandlerSetting());
          while (rs.next()) {
            keys.add(reader.read(rs));
          }
        }
      }
      return new GeneratedKeys(count, keys);
    }
  }

  static <T> T callFunc(ConnectionImpl connection, String name, Class<T> returnType, Object[] args)
      throws SQLException {
    Session s = connection.session();
    String call = "{? = call " + name + "(" + placeholders(args.length) + ")}";
    SQLType returnSqlType = OutTypes.forReturn(s, returnType);
    try (CallableStatement cs = s.jdbc().prepareCall(call)) {
      try {
        cs.registerOutParameter(1, returnSqlType);
      } catch (SQLFeatureNotSupportedException e) {
        if (s.isOracle()) {
          throw e;
        }
        // H2 (the embedded default) has no OUT parameters: its CALL returns the value as a result.
        return callFuncForResult(connection, name, returnType, args);
      }
      bind(cs, args, 1, connection.inputTypeHandlerSetting());
      s.track(cs);
      cs.execute();
      s.changes().markDirty();
      return returnType == Object.class ? returnType.cast(cs.getObject(1)) : cs.getObject(1, returnType);
    }
  }

  private static <T> T callFuncForResult(ConnectionImpl connection, String name, Class<T> returnType, Object[] args)
      throws SQLException {
    Session s = connection.session();
    try (CallableStatement cs = s.jdbc().prepareCall("{call " + name + "(" + placeholders(args.length) + ")}")) {
      bind(cs, args, 0, connection.inputTypeHandlerSetting());
      s.track(cs);
      boolean result = cs.execute();
      s.changes().markDirty();
      if (!result) {
        throw new SQLException("callFunc: " + name + " returned no value; is it a procedure?", "07000");
      }
      try (ResultSet rs = cs.getResultSet()) {
        if (!rs.next()) {
          return null;
        }
        return returnType == Object.class ? returnType.cast(rs.getObject(1)) : rs.getObject(1, returnType);
      }
    }
  }

  static List<Object> callProc(ConnectionImpl connection, String name, Object[] args) throws SQLException {
    return callProcText(connection, "{call " + name + "(" + placeholders(args.length) + ")}", args, 0);
  }

  /**
   * Runs a call whose placeholders, from {@code firstArg + 1} on, take {@code args}: IN values as
   * given, {@link OutParameter}s registered and read back.
   *
   * @return the arguments after the call: IN values as given, OUT values as returned
   */
  static List<Object> callProcText(ConnectionImpl connection, String call, Object[] args, int offset)
      throws SQLException {
    Session s = connection.session();
    SQLType[] outTypes = new SQLType[args.length];
    for (int i = 0; i < args.length; i++) {
      if (args[i] instanceof OutParameter out) {
        outTypes[i] = OutTypes.forParameter(s, out, i + 1);
      }
    }
    try (CallableStatement cs = s.jdbc().prepareCall(call)) {
      InputTypeHandler handler = connection.inputTypeHandlerSetting();
      for (int i = 0; i < args.length; i++) {
        int index = offset + i + 1;
        if (args[i] instanceof OutParameter out) {
          cs.registerOutParameter(index, outTypes[i]);
          if (out.inOut()) {
            bindValue(cs, index, handler == null ? out.value() : handler.convert(out.value()));
          }
        } else {
          bindValue(cs, index, handler == null ? args[i] : handler.convert(args[i]));
        }
      }
      s.track(cs);
      cs.execute();
      s.changes().markDirty();
      return outValues(cs, args, offset);
    }
  }

  /** The arguments after a call: IN values as given, OUT values read back. */
  static List<Object> outValues(CallableStatement cs, Object[] args, int offset) throws SQLException {
    List<Object> result = new ArrayList<>(args.length);
    for (int i = 0; i < args.length; i++) {
      int index = offset + i + 1;
      if (args[i] instanceof OutParameter out) {
        result.add(out.javaType() == Object.class ? cs.getObject(index) : cs.getObject(index, out.javaType()));
      } else {
        result.add(args[i]);
      }
    }
    return result;
  }

  static String placeholders(int count) {
    return String.join(", ", java.util.Collections.nCopies(count, "?"));
  }

  /** Records whether a statement may have opened a transaction that release must roll back. */
  static void noteTransaction(Session s, String sql, boolean query) {
    if (!query || SqlText.locksRows(sql)) {
      s.changes().markDirty();
    }
  }

  static void bind(PreparedStatement ps, Object[] args, int offset, InputTypeHandler handler) throws SQLException {
    bind(ps, args, offset, handler, null);
  }

  /** Binds positional values; a {@code types} entry (from input sizes) sets the SQL type of its position. */
  static void bind(PreparedStatement ps, Object[] args, int offset, InputTypeHandler handler, SQLType[] types)
      throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object value = args[i];
      if (value instanceof OutParameter) {
        throw new InvalidArgumentException("params", "parameter " + (i + 1)
            + " is an OutParameter, which only callProc accepts");
      }
      Object converted = handler == null ? value : handler.convert(value);
      SQLType type = types == null || i >= types.length ? null : types[i];
      if (type == null) {
        bindValue(ps, offset + i + 1, converted);
      } else if (converted == null) {
        ps.setNull(offset + i + 1, type.getVendorTypeNumber());
      } else {
        ps.setObject(offset + i + 1, jdbcValue(converted), type.getVendorTypeNumber());
      }
    }
  }

  static void bindValue(PreparedStatement ps, int index, Object value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else if (value instanceof BindValue custom) {
      custom.bind(ps, index);
    } else if (value instanceof AsyncLob lob) {
      LobImpl.bind(ps, index, lob);
    } else {
      ps.setObject(index, jdbcValue(value));
    }
  }

  /** The object to hand the driver for a value: LOBs as the driver's, enums, characters and UUIDs as text. */
  static Object jdbcValue(Object value) {
    if (value instanceof AsyncLob lob) {
      return LobImpl.jdbcLob(lob);
    } else if (value instanceof Enum<?> e) {
      return e.name();
    } else if (value instanceof Character || value instanceof java.util.UUID) {
      return value.toString();
    }
    return value;
  }

  static List<ColumnDescription> describe(java.sql.ResultSetMetaData md) throws SQLException {
    int n = md.getColumnCount();
    List<ColumnDescription> columns = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      columns.add(new ColumnDescription(md.getColumnLabel(i), md.getColumnTypeName(i), md.getColumnType(i),
          md.getColumnDisplaySize(i), md.getPrecision(i), md.getScale(i),
          md.isNullable(i) != java.sql.ResultSetMetaData.columnNoNulls));
    }
    return List.copyOf(columns);
  }

  /** Reads up to {@code max} rows from the result set's current position. */
  static List<Row> read(ResultSet rs, RowReader reader, int max) throws SQLException {
    List<Row> rows = new ArrayList<>(Math.min(max, 1024));
    while (rows.size() < max && rs.next()) {
      rows.add(reader.read(rs));
    }
    return rows;
  }
}
