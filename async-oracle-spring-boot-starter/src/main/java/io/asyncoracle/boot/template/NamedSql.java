package io.asyncoracle.boot.template;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.util.ConcurrentLruCache;

/**
 * Turns SQL with {@code :name} parameters into SQL with {@code ?} and an array of values, using
 * Spring's {@link NamedParameterUtils} (the parser {@code NamedParameterJdbcTemplate} uses), so
 * the same SQL and the same {@link SqlParameterSource}s work here.
 */
final class NamedSql {

  /** As {@code NamedParameterJdbcTemplate}: parsing is cheap but not free, and SQL repeats. */
  private static final int CACHE_SIZE = 256;

  private final ConcurrentLruCache<String, ParsedSql> parsed =
      new ConcurrentLruCache<>(CACHE_SIZE, NamedParameterUtils::parseSqlStatement);

  /** SQL with positional placeholders and the values to bind to them, in order. */
  record Positional(String sql, Object[] values) {
  }

  /**
   * Substitutes the named parameters.
   *
   * @param sql SQL with {@code :name} placeholders
   * @param source the values
   * @return the positional form
   * @throws org.springframework.dao.InvalidDataAccessApiUsageException if a value is missing
   */
  Positional toPositional(String sql, SqlParameterSource source) {
    ParsedSql parsedSql = parsed.get(sql);
    String positional = NamedParameterUtils.substituteNamedParameters(parsedSql, source);
    return new Positional(positional, values(parsedSql, source));
  }

  /**
   * Substitutes the named parameters of a batch: the SQL comes from the first parameter set (as
   * in {@code NamedParameterJdbcTemplate.batchUpdate}), the values from each.
   *
   * @param sql SQL with {@code :name} placeholders
   * @param sources one parameter set per execution, at least one
   * @return the positional SQL and one value list per execution
   */
  Batch toPositionalBatch(String sql, SqlParameterSource[] sources) {
    ParsedSql parsedSql = parsed.get(sql);
    String positional = NamedParameterUtils.substituteNamedParameters(parsedSql, sources[0]);
    List<List<Object>> rows = new ArrayList<>(sources.length);
    for (SqlParameterSource source : sources) {
      rows.add(java.util.Arrays.asList(values(parsedSql, source)));
    }
    return new Batch(positional, rows);
  }

  /** A batch in positional form. */
  record Batch(String sql, List<List<Object>> rows) {
  }

  /**
   * The values in placeholder order; a collection is spread over the placeholders
   * {@code substituteNamedParameters} wrote for it ({@code ?, ?, ?}, or {@code (?, ?), (?, ?)} for
   * a collection of arrays). A value with a SQL type (a {@link SqlParameterValue}, or a type the
   * source registered for the name) keeps it; the elements of a typed collection get the type too.
   */
  private static Object[] values(ParsedSql parsedSql, SqlParameterSource source) {
    Object[] named = NamedParameterUtils.buildValueArray(parsedSql, source, null);
    List<Object> flat = new ArrayList<>(named.length);
    for (Object value : named) {
      SqlParameterValue typed = value instanceof SqlParameterValue p ? p : null;
      Object plain = typed == null ? value : typed.getValue();
      if (plain instanceof Iterable<?> iterable) {
        for (Object element : iterable) {
          if (element instanceof Object[] tuple) {
            for (Object item : tuple) {
              flat.add(bindable(item, typed));
            }
          } else {
            flat.add(bindable(element, typed));
          }
        }
      } else {
        flat.add(bindable(plain, typed));
      }
    }
    return flat.toArray();
  }

  /** The value to hand to the core: typed when it or its collection carries a type. */
  private static Object bindable(Object value, SqlParameterValue collectionType) {
    if (value instanceof SqlParameterValue own) {
      return SpringBinds.bindValue(own);
    }
    if (collectionType == null) {
      return value;
    }
    return SpringBinds.bindValue(new SqlParameterValue(collectionType, value));
  }
}
