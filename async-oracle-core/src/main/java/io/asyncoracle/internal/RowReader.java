package io.asyncoracle.internal;

import io.asyncoracle.ColumnDescription;
import io.asyncoracle.OutputTypeHandler;
import io.asyncoracle.Row;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads rows of one result set into {@link Row}s. Values are materialized at once (LOBs as
 * {@code String}/{@code byte[]}), so a row never depends on the cursor after it is fetched.
 */
final class RowReader {

  /** Oracle's {@code TIMESTAMP WITH TIME ZONE} and {@code WITH LOCAL TIME ZONE} type codes. */
  private static final int ORACLE_TIMESTAMPTZ = -101;
  private static final int ORACLE_TIMESTAMPLTZ = -102;

  private final List<ColumnDescription> columns;
  private final Map<String, Integer> indexByName;
  private final OutputTypeHandler handler;
  /** Set when LOB columns are fetched as locators ({@link io.asyncoracle.AsyncLob}s) on this session. */
  private Session lobSession;
  /** Set when number columns are read as {@link java.math.BigDecimal} (python-oracledb's {@code fetch_decimals}). */
  private boolean decimals;

  RowReader(ResultSetMetaData metaData, OutputTypeHandler handler) throws SQLException {
    this(Shape.of(metaData), handler);
  }

  /**
   * A reader for a statement a held connection ran before: the columns are described once per SQL
   * text and connection (describing them costs more than reading a small row), and reused while
   * the result still has the same column names and types.
   */
  RowReader(ResultSetMetaData metaData, OutputTypeHandler handler, HeldConnection held, String sql)
      throws SQLException {
    this(held == null ? Shape.of(metaData) : held.shape(sql, metaData), handler);
  }

  private RowReader(Shape shape, OutputTypeHandler handler) {
    this.columns = shape.columns;
    this.indexByName = shape.indexByName;
    this.handler = handler;
  }

  /** The described columns of a result, and their index by lower-case name. */
  static final class Shape {
    final List<ColumnDescription> columns;
    final Map<String, Integer> indexByName;

    private Shape(List<ColumnDescription> columns) {
      this.columns = columns;
      Map<String, Integer> index = new HashMap<>();
      for (int i = columns.size() - 1; i >= 0; i--) {
        index.put(columns.get(i).name().toLowerCase(Locale.ROOT), i);
      }
      this.indexByName = index;
    }

    static Shape of(ResultSetMetaData metaData) throws SQLException {
      return new Shape(Statements.describe(metaData));
    }

    /** Whether a result has the same column names and types (cheap: no sizes or precisions). */
    boolean matches(ResultSetMetaData metaData) throws SQLException {
      int n = metaData.getColumnCount();
      if (n != columns.size()) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        ColumnDescription column = columns.get(i);
        if (metaData.getColumnType(i + 1) != column.jdbcType() || !column.name().equals(metaData.getColumnLabel(i + 1))) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * Makes this reader return LOB columns as {@link io.asyncoracle.AsyncLob} locators read on
   * {@code session} (python-oracledb's {@code fetch_lobs}) instead of their content.
   *
   * @param session the session, or {@code null} to read LOB contents at once
   * @return this reader
   */
  RowReader fetchingLobs(Session session) {
    this.lobSession = session;
    return this;
  }

  /**
   * Makes this reader return every decimal number column ({@code NUMBER}, {@code NUMERIC},
   * {@code DECIMAL}, and the integer types other databases report for them) as a
   * {@link java.math.BigDecimal}, whatever type the driver would pick (python-oracledb's
   * {@code fetch_decimals}). Binary floating-point columns ({@code BINARY_DOUBLE},
   * {@code BINARY_FLOAT}, {@code DOUBLE}, {@code REAL}) keep their type, as in the reference.
   *
   * @param asDecimals whether to read number columns as decimals
   * @return this reader
   */
  RowReader fetchingDecimals(boolean asDecimals) {
    this.decimals = asDecimals;
    return this;
  }

  List<ColumnDescription> columns() {
    return columns;
  }

  /** Whether a column is a CLOB, NCLOB or BLOB (whose values the server may create as temporary LOBs). */
  boolean hasLobColumns() {
    for (ColumnDescription column : columns) {
      if (isLob(column.jdbcType())) {
        return true;
      }
    }
    return false;
  }

  Row read(ResultSet rs) throws SQLException {
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) {
      ColumnDescription column = columns.get(i);
      if (handler != null) {
        Object handled = handler.read(rs, i + 1, column);
        if (handled != OutputTypeHandler.DEFAULT) {
          values[i] = handled;
          continue;
        }
      }
      if (lobSession != null && isLob(column.jdbcType())) {
        values[i] = LobImpl.fetched(lobSession, rs, i + 1, column.jdbcType());
        continue;
      }
      values[i] = decimals && isDecimal(column.jdbcType()) ? rs.getBigDecimal(i + 1)
          : readDefault(rs, i + 1, column.jdbcType());
    }
    return new RowImpl(columns, indexByName, values);
  }

  /** Decimal number types: Oracle's NUMBER is NUMERIC; H2 reports integer types for integer expressions. */
  private static boolean isDecimal(int type) {
    return switch (type) {
      case Types.NUMERIC, Types.DECIMAL, Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.TINYINT -> true;
      default -> false;
    };
  }

  private static boolean isLob(int type) {
    return type == Types.CLOB || type == Types.NCLOB || type == Types.BLOB;
  }

  private static Object readDefault(ResultSet rs, int index, int type) throws SQLException {
    switch (type) {
      case Types.CLOB:
      case Types.NCLOB:
        return rs.getString(index);
      case Types.BLOB:
        return rs.getBytes(index);
      case Types.TIMESTAMP:
        // ojdbc's getObject returns oracle.sql.TIMESTAMP here unless oracle.jdbc.J2EE13Compliant
        // is set (its default is false), which no conversion of Row understands; H2 returns a
        // java.sql.Timestamp either way.
        return rs.getTimestamp(index);
      case Types.TIMESTAMP_WITH_TIMEZONE:
      case ORACLE_TIMESTAMPTZ:
      case ORACLE_TIMESTAMPLTZ:
        return rs.getObject(index, OffsetDateTime.class);
      default:
        return rs.getObject(index);
    }
  }
}
