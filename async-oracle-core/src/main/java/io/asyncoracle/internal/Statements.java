package io.asyncoracle.internal;

import io.asyncoracle.AsyncLob;
import io.asyncoracle.BindValue;
import io.asyncoracle.GeneratedKeys;
import io.asyncoracle.ColumnDescription;
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
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

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
    Session s = connection.session();
    try (PreparedStatement ps = s.jdbc().prepareStatement(sql)) {
      bind(ps, args, 0, connection.inputTypeHandler());
      s.track(ps);
      boolean query = ps.execute();
      noteTransaction(s, sql, query);
      return query ? 0 : Math.max(0, ps.getLargeUpdateCount());
    }
  }

  static <T> List<T> query(ConnectionImpl connection, String sql, Object[] args, int maxRows, RowMapper<T> mapper)
      throws SQLException {
    Session s = connection.session();
    try (PreparedStatement ps = s.jdbc().prepareStatement(sql)) {
      ps.setFetchSize(Math.min(maxRows, Math.max(1, connection.cursorArraySize())));
      bind(ps, args, 0, connection.inputTypeHandler());
      s.track(ps);
      if (!ps.execute()) {
        throw new InvalidArgumentException("sql", "statement is not a query: use execute() for DML, DDL and PL/SQL");
      }
      noteTransaction(s, sql, true);
      try (ResultSet rs = ps.getResultSet()) {
        RowReader reader = new RowReader(rs.getMetaData(), connection.outputTypeHandler(), s.held(), sql);
        List<T> rows = new ArrayList<>();
        while (rows.size() < maxRows && rs.next()) {
          rows.add(mapper.map(reader.read(rs)));
        }
        return rows;
      }
    }
  }

  static void checkBatch(String sql, List<? extends List<?>> rows) {
    if (rows == null) {
      throw new InvalidArgumentException("rows", "rows must not be null");
    }
    int expected = sql == null ? 0 : SqlText.placeholders(sql);
    SqlText.checkStatement(sql, expected == SqlText.NAMED ? 0 : expected);
    for (int i = 0; i < rows.size(); i++) {
      List<?> row = rows.get(i);
      if (row == null) {
        throw new InvalidArgumentException("rows", "row " + i + " is null");
      }
      if (expected != SqlText.NAMED && row.size() != expected) {
        throw new InvalidArgumentException("rows", "row " + i + " has " + row.size()
            + " values but the statement has " + expected + " bind placeholders");
      }
      if (i > 0 && row.size() != rows.get(0).size()) {
        throw new InvalidArgumentException("rows", "row " + i + " has " + row.size()
            + " values but row 0 has " + rows.get(0).size());
      }
    }
  }

  static long executeMany(ConnectionImpl connection, String sql, List<? extends List<?>> rows) throws SQLException {
    if (rows.isEmpty()) {
      return 0;
    }
    Session s = connection.session();
    try (PreparedStatement ps = s.jdbc().prepareStatement(sql)) {
      return executeBatch(s, ps, rows, connection.inputTypeHandler());
    }
  }

  /** Binds and runs every row in one batch; returns the total rows touched, or -1 if unknown. */
  static long executeBatch(Session s, PreparedStatement ps, List<? extends List<?>> rows, InputTypeHandler handler)
      throws SQLException {
    return total(executeBatchCounts(s, ps, rows, handler));
  }

  /** Binds and runs every row in one batch; returns the driver's count per row. */
  static long[] executeBatchCounts(Session s, PreparedStatement ps, List<? extends List<?>> rows,
      InputTypeHandler handler) throws SQLException {
    for (List<?> row : rows) {
      bind(ps, row.toArray(), 0, handler);
      ps.addBatch();
    }
    s.track(ps);
    s.markDirty();
    return ps.executeLargeBatch();
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

  /** Runs a statement that generates keys and reads them back. */
  static GeneratedKeys executeReturningKeys(ConnectionImpl connection, String sql, String[] keyColumns, Object[] args)
      throws SQLException {
    Session s = connection.session();
    try (PreparedStatement ps = keyColumns.length == 0
        ? s.jdbc().prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)
        : s.jdbc().prepareStatement(sql, keyColumns)) {
      bind(ps, args, 0, connection.inputTypeHandler());
      s.track(ps);
      s.markDirty();
      long count = Math.max(0, ps.executeLargeUpdate());
      List<Row> keys = new ArrayList<>();
      try (ResultSet rs = ps.getGeneratedKeys()) {
        if (rs != null) {
          RowReader reader = new RowReader(rs.getMetaData(), connection.outputTypeHandler());
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
    try (CallableStatement cs = s.jdbc().prepareCall(call)) {
      try {
        cs.registerOutParameter(1, OutParameter.out(returnType).sqlType());
      } catch (SQLFeatureNotSupportedException e) {
        if (s.isOracle()) {
          throw e;
        }
        // H2 (the embedded default) has no OUT parameters: its CALL returns the value as a result.
        return callFuncForResult(connection, name, returnType, args);
      }
      bind(cs, args, 1, connection.inputTypeHandler());
      s.track(cs);
      cs.execute();
      s.markDirty();
      return returnType == Object.class ? returnType.cast(cs.getObject(1)) : cs.getObject(1, returnType);
    }
  }

  private static <T> T callFuncForResult(ConnectionImpl connection, String name, Class<T> returnType, Object[] args)
      throws SQLException {
    Session s = connection.session();
    try (CallableStatement cs = s.jdbc().prepareCall("{call " + name + "(" + placeholders(args.length) + ")}")) {
      bind(cs, args, 0, connection.inputTypeHandler());
      s.track(cs);
      boolean result = cs.execute();
      s.markDirty();
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
    Session s = connection.session();
    String call = "{call " + name + "(" + placeholders(args.length) + ")}";
    try (CallableStatement cs = s.jdbc().prepareCall(call)) {
      InputTypeHandler handler = connection.inputTypeHandler();
      for (int i = 0; i < args.length; i++) {
        if (args[i] instanceof OutParameter out) {
          cs.registerOutParameter(i + 1, out.sqlType());
          if (out.inOut()) {
            bindValue(cs, i + 1, handler == null ? out.value() : handler.convert(out.value()));
          }
        } else {
          bindValue(cs, i + 1, handler == null ? args[i] : handler.convert(args[i]));
        }
      }
      s.track(cs);
      cs.execute();
      s.markDirty();
      List<Object> result = new ArrayList<>(args.length);
      for (int i = 0; i < args.length; i++) {
        if (args[i] instanceof OutParameter out) {
          result.add(out.javaType() == Object.class ? cs.getObject(i + 1) : cs.getObject(i + 1, out.javaType()));
        } else {
          result.add(args[i]);
        }
      }
      return result;
    }
  }

  private static String placeholders(int count) {
    return String.join(", ", java.util.Collections.nCopies(count, "?"));
  }

  /** Records whether a statement may have opened a transaction that release must roll back. */
  static void noteTransaction(Session s, String sql, boolean query) {
    if (!query || SqlText.locksRows(sql)) {
      s.markDirty();
    }
  }

  static void bind(PreparedStatement ps, Object[] args, int offset, InputTypeHandler handler) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object value = args[i];
      if (value instanceof OutParameter) {
        throw new InvalidArgumentException("params", "parameter " + (i + 1)
            + " is an OutParameter, which only callProc accepts");
      }
      bindValue(ps, offset + i + 1, handler == null ? value : handler.convert(value));
    }
  }

  static void bindValue(PreparedStatement ps, int index, Object value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else if (value instanceof BindValue custom) {
      custom.bind(ps, index);
    } else if (value instanceof AsyncLob lob) {
      ps.setObject(index, LobImpl.jdbcLob(lob));
    } else if (value instanceof Enum<?> e) {
      ps.setString(index, e.name());
    } else if (value instanceof Character c) {
      ps.setString(index, c.toString());
    } else if (value instanceof java.util.UUID uuid) {
      ps.setString(index, uuid.toString());
    } else {
      ps.setObject(index, value);
    }
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
