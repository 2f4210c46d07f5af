package io.asyncoracle.internal;

import io.asyncoracle.InputTypeHandler;
import io.asyncoracle.InvalidArgumentException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How to bind the values of a statement with {@code :name} placeholders: on Oracle's driver, its
 * own SQL and binding by position or by name ({@code setObjectAtName}); on other drivers, the SQL
 * rewritten to {@code ?} and the values laid out in placeholder order. Made on the caller's thread,
 * so a missing or unknown name fails the call before anything is sent. Statements with {@code ?}
 * placeholders never make one: they bind their values as given.
 *
 * <p>By position, ojdbc wants a value for every occurrence of a name, PL/SQL included (its parser
 * counts three parameters in {@code begin p(:a, :b, :a); end;}, and a missing one is ORA-17041), so a
 * PL/SQL value given once per distinct name is bound at each of its occurrences. ojdbc does not see
 * quoted names ({@code :"Quoted Name"}) as binds at all; a text with one is sent rewritten to
 * {@code ?}s, as to other drivers.
 */
final class BindPlan {

  /** The text to prepare. */
  final String sql;
  /** The values: one per JDBC position, or (by name) one per distinct name. */
  final Object[] values;
  /** By name only: for each value, every spelling of its name in the text (ojdbc matches names as written). */
  private final List<List<String>> spellings;
  /** By name only: the distinct (normalised) names, for input sizes given by name. */
  final List<String> names;
  /** By position only: for each JDBC position, the index of the value given for it, or {@code null} if the same. */
  private final int[] sources;

  private BindPlan(String sql, Object[] values, List<List<String>> spellings, List<String> names, int[] sources) {
    this.sql = sql;
    this.values = values;
    this.spellings = spellings;
    this.names = names;
    this.sources = sources;
  }

  /**
   * Positional values for a text with {@code :name} or {@code :1} placeholders.
   *
   * @param sql the text as given
   * @param binds its binds ({@link SqlBinds#named()})
   * @param values the values, already checked against {@link SqlBinds#positionalCount()}
   * @param oracle whether the driver is Oracle's, which binds such texts by position itself
   * @return the plan
   */
  static BindPlan positional(String sql, SqlBinds binds, Object[] values, boolean oracle) {
    int[] sources = binds.plsql ? binds.occurrenceSources() : null;
    Object[] perPosition = binds.positionalToRewritten(values);
    if (oracle && !binds.hasQuotedNames()) {
      return new BindPlan(sql, perPosition, null, null, sources);
    }
    return new BindPlan(binds.rewritten, perPosition, null, null, sources);
  }

  /**
   * The SQL types given for the application's positional values, laid out as this plan binds them.
   *
   * @param given the types by the application's positions, or {@code null}
   * @return the types by JDBC position, or {@code null}
   */
  SQLType[] positionalTypes(SQLType[] given) {
    if (given == null || sources == null) {
      return given;
    }
    SQLType[] out = new SQLType[sources.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = sources[i] < given.length ? given[sources[i]] : null;
    }
    return out;
  }

  /**
   * Values by name. Every occurrence of a name binds the same value.
   *
   * @param sql the text as given
   * @param binds its binds
   * @param params the values by name
   * @param oracle whether the driver is Oracle's (binds by name) or another (gets {@code ?}s)
   * @return the plan
   * @throws InvalidArgumentException for a placeholder without a value or a value without a placeholder
   */
  static BindPlan byName(String sql, SqlBinds binds, Map<String, ?> params, boolean oracle) {
    if (params == null) {
      throw new InvalidArgumentException("params", "params must not be null");
    }
    if (!binds.named()) {
      if (!params.isEmpty()) {
        String name = params.keySet().iterator().next();
        throw new InvalidArgumentException("params", "no bind placeholder named :" + name
            + " was found in the SQL text, which has no :name placeholders");
      }
      return new BindPlan(sql, new Object[0], null, null, null);
    }
    Object[] unique = binds.valuesByName(params);
    if (!oracle || binds.hasQuotedNames()) {
      return new BindPlan(binds.rewritten, binds.uniqueToRewritten(unique), null, null, null);
    }
    List<List<String>> spellings = new ArrayList<>(binds.unique.size());
    for (String name : binds.unique) {
      List<String> written = new ArrayList<>(1);
      for (int i = 0; i < binds.names.size(); i++) {
        if (binds.names.get(i).equals(name) && !written.contains(binds.spellings.get(i))) {
          written.add(binds.spellings.get(i));
        }
      }
      spellings.add(written);
    }
    return new BindPlan(sql, unique, spellings, binds.unique, null);
  }

  /** Whether values are bound by name (ojdbc) rather than by position. */
  boolean byName() {
    return spellings != null;
  }

  /**
   * Binds the plan's values (or another row's, for a batch) to a statement prepared from {@link #sql}.
   *
   * @param ps the statement
   * @param rowValues the values, laid out as {@link #values}
   * @param handler the input type handler, or {@code null}
   * @param types the SQL types by position, or {@code null}
   */
  void bind(PreparedStatement ps, Object[] rowValues, InputTypeHandler handler, SQLType[] types) throws SQLException {
    if (!byName()) {
      Statements.bind(ps, rowValues, 0, handler, types);
      return;
    }
    oracle.jdbc.OraclePreparedStatement ops = ps.unwrap(oracle.jdbc.OraclePreparedStatement.class);
    for (int i = 0; i < rowValues.length; i++) {
      Object value = handler == null ? rowValues[i] : handler.convert(rowValues[i]);
      SQLType type = types == null || i >= types.length ? null : types[i];
      for (String name : spellings.get(i)) {
        if (value == null) {
          ops.setNullAtName(name, type == null ? java.sql.Types.VARCHAR : type.getVendorTypeNumber());
        } else if (type != null) {
          ops.setObjectAtName(name, Statements.jdbcValue(value), type.getVendorTypeNumber());
        } else {
          ops.setObjectAtName(name, Statements.jdbcValue(value));
        }
      }
    }
  }
}
