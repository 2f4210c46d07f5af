package io.asyncoracle.boot.template;

import io.asyncoracle.ColumnDescription;
import io.asyncoracle.Row;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Time;
import java.time.LocalTime;
import java.util.List;

/**
 * A read-only {@link ResultSet} positioned on one fetched {@link Row}, so Spring's
 * {@link org.springframework.jdbc.core.RowMapper}s run unchanged against async-oracle's rows.
 *
 * <p>Why a proxy: the core fetches rows on its workers and hands out {@link Row}s, not live
 * result sets, and a row mapper only reads the current row. Supporting the column getters (by
 * index or label, with {@code wasNull()}), {@code getMetaData()}, {@code findColumn} and
 * {@code getRow()} covers every mapper Spring ships; writing out the ~190 methods of
 * {@link ResultSet} by hand would add nothing but length. Everything else (moving the cursor,
 * updates) fails with {@link SQLFeatureNotSupportedException}.
 */
final class RowResultSet implements InvocationHandler {

  private static final Class<?>[] INTERFACES = {ResultSet.class};

  private final Row row;
  private final int rowNumber;
  private boolean wasNull;
  private RowMetaData metaData;

  private RowResultSet(Row row, int rowNumber) {
    this.row = row;
    this.rowNumber = rowNumber;
  }

  /**
   * Creates the view of one row.
   *
   * @param row the row
   * @param rowNumber its 1-based position in the result
   * @return the result set
   */
  static ResultSet of(Row row, int rowNumber) {
    return (ResultSet) Proxy.newProxyInstance(RowResultSet.class.getClassLoader(), INTERFACES,
        new RowResultSet(row, rowNumber));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    switch (name) {
      case "wasNull":
        return wasNull;
      case "getMetaData":
        if (metaData == null) {
          metaData = new RowMetaData(row.columns(), row.values());
        }
        return metaData;
      case "findColumn":
        return findColumn((String) args[0]);
      case "getRow":
        return rowNumber;
      case "isClosed":
        return false;
      case "isFirst":
        return rowNumber == 1;
      case "close":
      case "clearWarnings":
      case "getWarnings":
      case "getStatement":
        return null;
      case "getType":
        return ResultSet.TYPE_FORWARD_ONLY;
      case "getConcurrency":
        return ResultSet.CONCUR_READ_ONLY;
      case "getHoldability":
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
      case "getFetchDirection":
        return ResultSet.FETCH_FORWARD;
      case "getFetchSize":
        return 0;
      case "isWrapperFor":
        return ((Class<?>) args[0]).isInstance(proxy);
      case "unwrap":
        if (((Class<?>) args[0]).isInstance(proxy)) {
          return proxy;
        }
        throw new SQLException("not a wrapper for " + ((Class<?>) args[0]).getName());
      case "toString":
        return "ResultSet[row " + rowNumber + " " + row.values() + "]";
      case "hashCode":
        return System.identityHashCode(proxy);
      case "equals":
        return proxy == args[0];
      default:
        break;
    }
    if (name.startsWith("get") && args != null && args.length >= 1
        && (args[0] instanceof Integer || args[0] instanceof String)) {
      int index = args[0] instanceof Integer i ? i : findColumn((String) args[0]);
      return read(name, method.getReturnType(), index, args);
    }
    throw new SQLFeatureNotSupportedException("ResultSet." + name
        + " is not available to a row mapper: it is given one fetched row, read-only");
  }

  private int findColumn(String label) throws SQLException {
    List<ColumnDescription> columns = row.columns();
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equalsIgnoreCase(label)) {
        return i + 1;
      }
    }
    throw new SQLException("no column labelled '" + label + "' (columns: "
        + columns.stream().map(ColumnDescription::name).toList() + ")", "42S22");
  }

  private Object read(String getter, Class<?> returnType, int index, Object[] args) throws SQLException {
    if (index < 1 || index > row.size()) {
      throw new SQLException("column index " + index + " out of range 1.." + row.size(), "07009");
    }
    Object raw = row.get(index - 1);
    wasNull = raw == null;
    if (raw == null) {
      return defaultValue(returnType);
    }
    try {
      switch (getter) {
        case "getObject":
          return args.length == 2 && args[1] instanceof Class<?> type ? row.get(index - 1, type) : raw;
        case "getCharacterStream":
        case "getNCharacterStream":
          return new StringReader(row.get(index - 1, String.class));
        case "getBinaryStream":
          return new ByteArrayInputStream(bytes(raw, index));
        case "getAsciiStream":
          return new ByteArrayInputStream(row.get(index - 1, String.class).getBytes(StandardCharsets.US_ASCII));
        case "getBytes":
          return bytes(raw, index);
        case "getBigDecimal":
          BigDecimal value = row.get(index - 1, BigDecimal.class);
          return args.length == 2 && args[1] instanceof Integer scale ? value.setScale(scale, RoundingMode.HALF_UP) : value;
        case "getTime":
          return raw instanceof Time time ? time : Time.valueOf(row.get(index - 1, LocalTime.class));
        default:
          if (returnType.isInstance(raw)) {
            return raw;
          }
          return row.get(index - 1, returnType);
      }
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new SQLDataException(getter + "(" + index + "): " + e.getMessage(), "22018", e);
    }
  }

  private static byte[] bytes(Object raw, int index) throws SQLDataException {
    if (raw instanceof byte[] b) {
      return b;
    }
    throw new SQLDataException("column " + index + " holds a " + raw.getClass().getName() + ", not bytes", "22018");
  }

  private static Object defaultValue(Class<?> type) {
    if (!type.isPrimitive()) {
      return null;
    }
    if (type == boolean.class) {
      return false;
    }
    if (type == long.class) {
      return 0L;
    }
    if (type == double.class) {
      return 0d;
    }
    if (type == float.class) {
      return 0f;
    }
    if (type == short.class) {
      return (short) 0;
    }
    if (type == byte.class) {
      return (byte) 0;
    }
    return 0;
  }
}
