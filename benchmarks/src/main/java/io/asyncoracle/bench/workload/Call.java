package io.asyncoracle.bench.workload;

import java.util.Arrays;

/**
 * One request of a workload: a statement with its bind values, what kind of call it is, and the
 * answer it must produce. Every contender runs exactly this statement.
 *
 * @param kind how the statement is run
 * @param sql the statement
 * @param args the bind values
 * @param expected for {@link Kind#QUERY_ROW}, the values the first row must hold (compared
 *     numerically for numbers); for {@link Kind#FAN_OUT}, one such row ({@code Object[]}) per bind
 *     value; for {@link Kind#INSERT_COMMIT}, unused
 */
public record Call(Kind kind, String sql, Object[] args, Object[] expected) {

  /** How a call is run. */
  public enum Kind {
    /** Run a query and read its first row. The contender returns the row as {@code Object[]}. */
    QUERY_ROW,
    /** Run a single-row insert, then commit it. The contender returns the update count. */
    INSERT_COMMIT,
    /**
     * Run the query once per bind value (each query takes one), all independent of each other. The
     * contender returns the first rows, in order, as {@code Object[]} of {@code Object[]}.
     */
    FAN_OUT
  }

  /**
   * Checks what a contender returned for this call.
   *
   * @param result a row ({@code Object[]}) for a query, an update count ({@code Number}) for an insert
   * @throws WrongResultException if the answer is not the expected one
   */
  public void check(Object result) {
    if (kind == Kind.INSERT_COMMIT) {
      if (!(result instanceof Number n) || n.longValue() != 1) {
        throw new WrongResultException(sql + " " + Arrays.toString(args) + ": expected 1 row inserted, got " + result);
      }
      return;
    }
    if (kind == Kind.FAN_OUT) {
      if (!(result instanceof Object[] rows) || rows.length != args.length) {
        throw new WrongResultException(sql + " " + Arrays.toString(args) + ": expected " + args.length
            + " rows, got " + (result instanceof Object[] r ? Arrays.deepToString(r) : result));
      }
      for (int i = 0; i < rows.length; i++) {
        new Call(Kind.QUERY_ROW, sql, new Object[] {args[i]}, (Object[]) expected[i]).check(rows[i]);
      }
      return;
    }
    if (!(result instanceof Object[] row)) {
      throw new WrongResultException(sql + " " + Arrays.toString(args) + ": expected a row, got " + result);
    }
    if (row.length != expected.length) {
      throw new WrongResultException(sql + " " + Arrays.toString(args) + ": expected " + expected.length
          + " columns, got " + Arrays.toString(row));
    }
    for (int i = 0; i < expected.length; i++) {
      if (!same(expected[i], row[i])) {
        throw new WrongResultException(sql + " " + Arrays.toString(args) + ": expected "
            + Arrays.toString(expected) + ", got " + Arrays.toString(row));
      }
    }
  }

  private static boolean same(Object expected, Object actual) {
    if (expected instanceof Number e && actual instanceof Number a) {
      return new java.math.BigDecimal(e.toString()).compareTo(new java.math.BigDecimal(a.toString())) == 0;
    }
    return expected.equals(actual);
  }

  @Override
  public String toString() {
    return kind + " " + sql + " " + Arrays.toString(args);
  }
}
