package io.asyncoracle.boot.template;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.support.KeyHolder;

/**
 * The queries and updates of {@link AsyncOracleTemplate}, in the shape of Spring's
 * {@code JdbcTemplate} and {@code NamedParameterJdbcTemplate}, with every result a
 * {@link CompletableFuture}. Implemented by the template (each call borrows a connection and gives
 * it back) and by {@link AsyncOracleTransaction} (every call runs on the transaction's connection).
 *
 * <p>Parameters are either positional ({@code ?}, given as trailing {@code args}) or named
 * ({@code :name}, given as a {@link Map} or a {@link SqlParameterSource}); a named parameter
 * bound to a collection expands to a list, so {@code where id in (:ids)} works as in
 * {@code NamedParameterJdbcTemplate}. A {@link org.springframework.jdbc.core.SqlParameterValue}
 * (positional, or from a source such as {@code MapSqlParameterSource.addValue(name, value, sqlType)})
 * is bound with its SQL type exactly as {@code JdbcTemplate} binds it.
 *
 * <p>Failures complete the future exceptionally with Spring's
 * {@link org.springframework.dao.DataAccessException} hierarchy (see
 * {@link AsyncOracleExceptionTranslator}); exceptions thrown by a {@link RowMapper} other than
 * {@link java.sql.SQLException} reach the caller unchanged. No method throws, and none blocks the
 * calling thread. The logging MDC and the current Micrometer observation of the calling thread
 * are in place again when the returned future completes, for the callbacks chained to it.
 *
 * <p>Row mappers run on the pool's worker thread that fetched the rows, against a read-only
 * {@link java.sql.ResultSet} view of one row that supports the column getters, {@code wasNull()}
 * and {@code getMetaData()} (enough for {@code BeanPropertyRowMapper},
 * {@code DataClassRowMapper}, {@code ColumnMapRowMapper} and {@code SingleColumnRowMapper}); the
 * mapper must not move the cursor and must not block on other futures.
 */
public interface AsyncOracleOperations {

  /**
   * Runs a query with positional parameters and maps every row.
   *
   * @param sql the query, with {@code ?} placeholders
   * @param rowMapper maps one row
   * @param args the positional bind values
   * @param <T> the mapped type
   * @return a future of the mapped rows, in order
   */
  <T> CompletableFuture<List<T>> query(String sql, RowMapper<T> rowMapper, Object... args);

  /**
   * Runs a query with named parameters and maps every row.
   *
   * @param sql the query, with {@code :name} placeholders
   * @param paramMap the values by parameter name
   * @param rowMapper maps one row
   * @param <T> the mapped type
   * @return a future of the mapped rows, in order
   */
  <T> CompletableFuture<List<T>> query(String sql, Map<String, ?> paramMap, RowMapper<T> rowMapper);

  /**
   * Runs a query with named parameters and maps every row.
   *
   * @param sql the query, with {@code :name} placeholders
   * @param paramSource the values by parameter name
   * @param rowMapper maps one row
   * @param <T> the mapped type
   * @return a future of the mapped rows, in order
   */
  <T> CompletableFuture<List<T>> query(String sql, SqlParameterSource paramSource, RowMapper<T> rowMapper);

  /**
   * Runs a query that must return exactly one row, and maps it.
   *
   * @param sql the query, with {@code ?} placeholders
   * @param rowMapper maps the row
   * @param args the positional bind values
   * @param <T> the mapped type
   * @return a future of the mapped row (which may be {@code null} if the mapper returns it);
   *     failed with {@link org.springframework.dao.EmptyResultDataAccessException} for no row and
   *     {@link org.springframework.dao.IncorrectResultSizeDataAccessException} for more than one
   */
  <T> CompletableFuture<T> queryForObject(String sql, RowMapper<T> rowMapper, Object... args);

  /**
   * Runs a query that must return exactly one row of one column, converted to a type.
   *
   * @param sql the query, with {@code ?} placeholders
   * @param requiredType the type of the value, e.g. {@code Long.class} or {@code String.class}
   * @param args the positional bind values
   * @param <T> the value type
   * @return a future of the value, {@code null} for SQL {@code NULL}; failed as
   *     {@link #queryForObject(String, RowMapper, Object...)} when the row count is not one
   */
  <T> CompletableFuture<T> queryForObject(String sql, Class<T> requiredType, Object... args);

  /**
   * Runs a query with named parameters that must return exactly one row, and maps it.
   *
   * @param sql the query, with {@code :name} placeholders
   * @param paramMap the values by parameter name
   * @param rowMapper maps the row
   * @param <T> the mapped type
   * @return a future of the mapped row
   */
  <T> CompletableFuture<T> queryForObject(String sql, Map<String, ?> paramMap, RowMapper<T> rowMapper);

  /**
   * Runs a query with named parameters that must return exactly one row of one column.
   *
   * @param sql the query, with {@code :name} placeholders
   * @param paramMap the values by parameter name
   * @param requiredType the type of the value
   * @param <T> the value type
   * @return a future of the value
   */
  <T> CompletableFuture<T> queryForObject(String sql, Map<String, ?> paramMap, Class<T> requiredType);

  /**
   * Runs a query with named parameters that must return exactly one row, and maps it.
   *
   * @param sql the query, with {@code :name} placeholders
   * @param paramSource the values by parameter name
   * @param rowMapper maps the row
   * @param <T> the mapped type
   * @return a future of the mapped row
   */
  <T> CompletableFuture<T> queryForObject(String sql, SqlParameterSource paramSource, RowMapper<T> rowMapper);

  /**
   * Runs a query with named parameters that must return exactly one row of one column.
   *
   * @param sql the query, with {@code :name} placeholders
   * @param paramSource the values by parameter name
   * @param requiredType the type of the value
   * @param <T> the value type
   * @return a future of the value
   */
  <T> CompletableFuture<T> queryForObject(String sql, SqlParameterSource paramSource, Class<T> requiredType);

  /**
   * Runs a query and returns every row as a map from column label (case-insensitive) to value.
   *
   * @param sql the query, with {@code ?} placeholders
   * @param args the positional bind values
   * @return a future of the rows
   */
  CompletableFuture<List<Map<String, Object>>> queryForList(String sql, Object... args);

  /**
   * Runs a query of one column and returns its values converted to a type.
   *
   * @param sql the query, with {@code ?} placeholders
   * @param elementType the type of the values
   * @param args the positional bind values
   * @param <T> the value type
   * @return a future of the values
   */
  <T> CompletableFuture<List<T>> queryForList(String sql, Class<T> elementType, Object... args);

  /**
   * Runs a query with named parameters and returns every row as a map from column label to value.
   *
   * @param sql the query, with {@code :name} placeholders
   * @param paramMap the values by parameter name
   * @return a future of the rows
   */
  CompletableFuture<List<Map<String, Object>>> queryForList(String sql, Map<String, ?> paramMap);

  /**
   * Runs a query of one column with named parameters and returns its values converted to a type.
   *
   * @param sql the query, with {@code :name} placeholders
   * @param paramMap the values by parameter name
   * @param elementType the type of the values
   * @param <T> the value type
   * @return a future of the values
   */
  <T> CompletableFuture<List<T>> queryForList(String sql, Map<String, ?> paramMap, Class<T> elementType);

  /**
   * Runs a query with named parameters and returns every row as a map from column label to value.
   *
   * @param sql the query, with {@code :name} placeholders
   * @param paramSource the values by parameter name
   * @return a future of the rows
   */
  CompletableFuture<List<Map<String, Object>>> queryForList(String sql, SqlParameterSource paramSource);

  /**
   * Runs a query of one column with named parameters and returns its values converted to a type.
   *
   * @param sql the query, with {@code :name} placeholders
   * @param paramSource the values by parameter name
   * @param elementType the type of the values
   * @param <T> the value type
   * @return a future of the values
   */
  <T> CompletableFuture<List<T>> queryForList(String sql, SqlParameterSource paramSource, Class<T> elementType);

  /**
   * Runs an insert, update, delete, merge or DDL statement. Through the template the statement
   * is committed before the future completes; inside {@link AsyncOracleTransaction} it is part
   * of the transaction.
   *
   * @param sql the statement, with {@code ?} placeholders
   * @param args the positional bind values
   * @return a future of the number of rows touched (0 for DDL)
   */
  CompletableFuture<Integer> update(String sql, Object... args);

  /**
   * Runs a statement with named parameters, as {@link #update(String, Object...)}.
   *
   * @param sql the statement, with {@code :name} placeholders
   * @param paramMap the values by parameter name
   * @return a future of the number of rows touched
   */
  CompletableFuture<Integer> update(String sql, Map<String, ?> paramMap);

  /**
   * Runs a statement with named parameters, as {@link #update(String, Object...)}.
   *
   * @param sql the statement, with {@code :name} placeholders
   * @param paramSource the values by parameter name
   * @return a future of the number of rows touched
   */
  CompletableFuture<Integer> update(String sql, SqlParameterSource paramSource);

  /**
   * Runs a statement once per parameter row, in one JDBC batch (one round trip). Through the
   * template the batch is committed as a whole before the future completes.
   *
   * @param sql the statement, with {@code ?} placeholders
   * @param batchArgs one array of positional bind values per execution
   * @return a future of the number of rows each execution touched, in order, as
   *     {@code JdbcTemplate.batchUpdate} returns them ({@link java.sql.Statement#SUCCESS_NO_INFO}
   *     where the driver did not count)
   */
  CompletableFuture<int[]> batchUpdate(String sql, List<Object[]> batchArgs);

  /**
   * Runs a statement with named parameters once per parameter set, in one JDBC batch.
   *
   * @param sql the statement, with {@code :name} placeholders
   * @param batchArgs one parameter source per execution
   * @return a future of the number of rows each execution touched
   */
  CompletableFuture<int[]> batchUpdate(String sql, SqlParameterSource[] batchArgs);

  /**
   * Runs a statement with named parameters once per map of values, in one JDBC batch.
   *
   * @param sql the statement, with {@code :name} placeholders
   * @param batchValues one map of values per execution
   * @return a future of the number of rows each execution touched
   */
  CompletableFuture<int[]> batchUpdate(String sql, Map<String, ?>[] batchValues);

  /**
   * Runs an insert and puts the keys the database generated into {@code generatedKeyHolder}
   * (one map per row, column label to value) before the future completes: {@code JdbcTemplate}'s
   * {@code update(PreparedStatementCreator, KeyHolder)}. On Oracle name the key columns (an
   * identity column, say); without names Oracle returns each row's {@code ROWID}.
   *
   * @param sql the statement, with {@code ?} placeholders
   * @param generatedKeyHolder receives the keys
   * @param keyColumnNames the generated columns to return, or {@code null}/empty for the driver's default
   * @param args the positional bind values
   * @return a future of the number of rows touched
   */
  CompletableFuture<Integer> updateReturningKeys(String sql, KeyHolder generatedKeyHolder, String[] keyColumnNames,
      Object... args);

  /**
   * Runs an insert with named parameters and collects the generated keys, as
   * {@code NamedParameterJdbcTemplate.update(sql, paramSource, keyHolder)}.
   *
   * @param sql the statement, with {@code :name} placeholders
   * @param paramSource the values by parameter name
   * @param generatedKeyHolder receives the keys
   * @return a future of the number of rows touched
   */
  CompletableFuture<Integer> update(String sql, SqlParameterSource paramSource, KeyHolder generatedKeyHolder);

  /**
   * Runs an insert with named parameters and collects the named generated columns.
   *
   * @param sql the statement, with {@code :name} placeholders
   * @param paramSource the values by parameter name
   * @param generatedKeyHolder receives the keys
   * @param keyColumnNames the generated columns to return
   * @return a future of the number of rows touched
   */
  CompletableFuture<Integer> update(String sql, SqlParameterSource paramSource, KeyHolder generatedKeyHolder,
      String[] keyColumnNames);

  /**
   * Streams a query's rows, mapped, with backpressure: rows are fetched (at most the pool's array
   * size per round trip) only as the subscriber requests them, so a result of any size streams in
   * constant memory. Through the template each subscription borrows a connection at its first
   * request and gives it back when the stream completes, fails or is cancelled, before
   * {@code onComplete}/{@code onError}; a cancel also breaks the statement if it is running.
   * Inside a transaction the stream runs on the transaction's connection. Errors (including a
   * row mapper's) end the stream with {@code onError}, translated as for the other operations.
   * With Reactor, {@code io.asyncoracle.boot.reactor.AsyncOracleReactor.flux(publisher)} adapts it.
   *
   * @param sql the query, with {@code ?} placeholders
   * @param rowMapper maps each row (on the worker that fetched it)
   * @param args the positional bind values
   * @param <T> the mapped type
   * @return a publisher for one subscriber; nothing runs until it is subscribed and asked for rows
   */
  <T> Flow.Publisher<T> queryForStream(String sql, RowMapper<T> rowMapper, Object... args);

  /**
   * Streams a query with named parameters, as {@link #queryForStream(String, RowMapper, Object...)}.
   *
   * @param sql the query, with {@code :name} placeholders
   * @param paramMap the values by parameter name
   * @param rowMapper maps each row
   * @param <T> the mapped type
   * @return a publisher for one subscriber
   */
  <T> Flow.Publisher<T> queryForStream(String sql, Map<String, ?> paramMap, RowMapper<T> rowMapper);

  /**
   * Streams a query with named parameters, as {@link #queryForStream(String, RowMapper, Object...)}.
   *
   * @param sql the query, with {@code :name} placeholders
   * @param paramSource the values by parameter name
   * @param rowMapper maps each row
   * @param <T> the mapped type
   * @return a publisher for one subscriber
   */
  <T> Flow.Publisher<T> queryForStream(String sql, SqlParameterSource paramSource, RowMapper<T> rowMapper);
}
