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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLType;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * The JDBC actions behind statements, queries and stored-code calls; those of {@code executeMany}
 * are in {@link BatchStatements}. Each runs on the lane.
 */
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
