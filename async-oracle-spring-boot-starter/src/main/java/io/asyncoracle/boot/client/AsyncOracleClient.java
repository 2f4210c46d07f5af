package io.asyncoracle.boot.client;

import io.asyncoracle.AsyncPool;
import io.asyncoracle.boot.template.AsyncOracleOperations;
import io.asyncoracle.boot.template.AsyncOracleTemplate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.support.KeyHolder;

/**
 * A fluent asynchronous client in the style of Spring's {@code JdbcClient}: one statement per
 * {@link #sql(String)} call, its parameters, then one terminal call whose result is a
 * {@link CompletableFuture} (or, for {@code stream()}, a {@link Flow.Publisher} with backpressure).
 *
 * <pre>{@code
 * CompletableFuture<Optional<Order>> order = client.sql("select * from orders where id = :id")
 *     .param("id", 7)
 *     .query(Order.class)
 *     .optional();
 *
 * CompletableFuture<Integer> inserted = client.sql("insert into orders (reference, total) values (?, ?)")
 *     .params("A-1", new BigDecimal("9.90"))
 *     .update(keyHolder, "ID");
 * }</pre>
 *
 * <p>Rows map as {@code JdbcClient} maps them: {@link StatementSpec#query(Class)} with a simple
 * type ({@code Long}, {@code String}, {@code LocalDate}, ...) reads the single column, any other
 * class goes through Spring's {@code SimplePropertyRowMapper} (record components or constructor
 * parameters, then bean properties and fields, by column name with underscores ignored, values
 * converted by the shared {@code DefaultConversionService}). Parameters are positional
 * ({@code ?}: {@code param(value)}, {@code params(...)}) or named ({@code :name}:
 * {@code param(name, value)}, {@code params(map)}, {@code paramSource(beanOrRecordOrMap)}), not
 * both; a SQL type given with a parameter ({@code param(name, value, Types.DATE)}, a
 * {@code SqlParameterValue}) is kept.
 *
 * <p>Built on {@link AsyncOracleOperations}: through an {@link AsyncOracleTemplate} each statement
 * borrows a connection and writes are committed; through an
 * {@link io.asyncoracle.boot.template.AsyncOracleTransaction} (inside
 * {@code template.inTransaction(tx -> AsyncOracleClient.create(tx)...)}) they are part of that
 * transaction. Failures are Spring {@code DataAccessException}s, as the template's. No method
 * throws for a failed statement or a bad argument; the future fails instead. A spec is for one
 * thread and one statement; the client itself is thread-safe.
 */
public interface AsyncOracleClient {

  /**
   * Starts a statement.
   *
   * @param sql the SQL, with {@code ?} or {@code :name} placeholders
   * @return the statement's specification, to add parameters to
   */
  StatementSpec sql(String sql);

  /**
   * Creates a client whose statements borrow connections from a pool.
   *
   * @param pool the pool
   * @return the client
   */
  static AsyncOracleClient create(AsyncPool pool) {
    return new DefaultAsyncOracleClient(new AsyncOracleTemplate(pool));
  }

  /**
   * Creates a client on operations: a template (shares its error translation) or a transaction.
   *
   * @param operations the operations to run statements with
   * @return the client
   */
  static AsyncOracleClient create(AsyncOracleOperations operations) {
    return new DefaultAsyncOracleClient(operations);
  }

  /** A statement and its parameters, then what to do with it. */
  interface StatementSpec {

    /**
     * Adds the next positional parameter.
     *
     * @param value the value (a {@code SqlParameterValue} keeps its SQL type)
     * @return this spec
     */
    StatementSpec param(Object value);

    /**
     * Sets a positional parameter by its 1-based JDBC index.
     *
     * @param jdbcIndex the index, from 1
     * @param value the value
     * @return this spec
     */
    StatementSpec param(int jdbcIndex, Object value);

    /**
     * Sets a positional parameter with a SQL type.
     *
     * @param jdbcIndex the index, from 1
     * @param value the value
     * @param sqlType a {@link java.sql.Types} constant
     * @return this spec
     */
    StatementSpec param(int jdbcIndex, Object value, int sqlType);

    /**
     * Sets a named parameter.
     *
     * @param name the name, without the colon
     * @param value the value (a collection expands for {@code in (:name)})
     * @return this spec
     */
    StatementSpec param(String name, Object value);

    /**
     * Sets a named parameter with a SQL type.
     *
     * @param name the name
     * @param value the value
     * @param sqlType a {@link java.sql.Types} constant
     * @return this spec
     */
    StatementSpec param(String name, Object value, int sqlType);

    /**
     * Adds positional parameters, in order.
     *
     * @param values the values
     * @return this spec
     */
    StatementSpec params(Object... values);

    /**
     * Adds positional parameters, in order.
     *
     * @param values the values
     * @return this spec
     */
    StatementSpec params(List<?> values);

    /**
     * Sets named parameters.
     *
     * @param paramMap the values by name
     * @return this spec
     */
    StatementSpec params(Map<String, ?> paramMap);

    /**
     * Takes the named parameters from an object: a {@link Map}, a record (its components) or a
     * bean (its properties, else its fields), as {@code JdbcClient.paramSource(Object)}.
     *
     * @param namedParamObject the object
     * @return this spec
     */
    StatementSpec paramSource(Object namedParamObject);

    /**
     * Takes the named parameters from a Spring parameter source.
     *
     * @param namedParamSource the source
     * @return this spec
     */
    StatementSpec paramSource(SqlParameterSource namedParamSource);

    /**
     * Runs the statement as a query whose rows stay maps of column label to value.
     *
     * @return the query's result choices
     */
    ResultQuerySpec query();

    /**
     * Runs the statement as a query mapped to a class: a simple type reads the single column,
     * others map by record component, constructor parameter, bean property or field.
     *
     * @param mappedClass the class
     * @param <T> the type
     * @return the query's result choices
     */
    <T> MappedQuerySpec<T> query(Class<T> mappedClass);

    /**
     * Runs the statement as a query mapped by a row mapper.
     *
     * @param rowMapper the mapper
     * @param <T> the type
     * @return the query's result choices
     */
    <T> MappedQuerySpec<T> query(RowMapper<T> rowMapper);

    /**
     * Runs the statement as an insert, update, delete, merge or DDL.
     *
     * @return a future of the number of rows touched
     */
    CompletableFuture<Integer> update();

    /**
     * Runs an insert and puts the generated keys into the holder before the future completes.
     * On Oracle prefer {@link #update(KeyHolder, String...)}: without column names it returns ROWIDs.
     *
     * @param generatedKeyHolder receives the keys
     * @return a future of the number of rows touched
     */
    CompletableFuture<Integer> update(KeyHolder generatedKeyHolder);

    /**
     * Runs an insert and puts the named generated columns into the holder.
     *
     * @param generatedKeyHolder receives the keys
     * @param keyColumnNames the generated columns, e.g. an identity column
     * @return a future of the number of rows touched
     */
    CompletableFuture<Integer> update(KeyHolder generatedKeyHolder, String... keyColumnNames);
  }

  /** The results of a query whose rows are maps (column label to value, case-insensitive). */
  interface ResultQuerySpec {

    /**
     * Every row.
     *
     * @return a future of the rows
     */
    CompletableFuture<List<Map<String, Object>>> listOfRows();

    /**
     * The one row; fails with {@code EmptyResultDataAccessException} for none and
     * {@code IncorrectResultSizeDataAccessException} for more.
     *
     * @return a future of the row
     */
    CompletableFuture<Map<String, Object>> singleRow();

    /**
     * The values of the single column.
     *
     * @return a future of the values
     */
    CompletableFuture<List<Object>> singleColumn();

    /**
     * The value of the one row's single column, {@code null} for SQL {@code NULL}; fails as
     * {@link #singleRow()} when the row count is not one.
     *
     * @return a future of the value
     */
    CompletableFuture<Object> singleValue();

    /**
     * Every row, streamed with backpressure (see {@link MappedQuerySpec#stream()}).
     *
     * @return a publisher for one subscriber
     */
    Flow.Publisher<Map<String, Object>> stream();
  }

  /**
   * The results of a mapped query.
   *
   * @param <T> the mapped type
   */
  interface MappedQuerySpec<T> {

    /**
     * Every row, mapped.
     *
     * @return a future of the rows, in order
     */
    CompletableFuture<List<T>> list();

    /**
     * Every row, mapped, without duplicates, in order.
     *
     * @return a future of the rows
     */
    CompletableFuture<Set<T>> set();

    /**
     * The one row; fails with {@code EmptyResultDataAccessException} for none and
     * {@code IncorrectResultSizeDataAccessException} for more than one. Reads at most two rows.
     *
     * @return a future of the mapped row
     */
    CompletableFuture<T> single();

    /**
     * The row if there is one (empty also when it maps to {@code null}); fails with
     * {@code IncorrectResultSizeDataAccessException} for more than one.
     *
     * @return a future of the optional row
     */
    CompletableFuture<Optional<T>> optional();

    /**
     * The rows as a {@link Flow.Publisher} with backpressure: rows are fetched only as the
     * subscriber requests them. Through a template the subscription borrows a connection at its
     * first request and gives it back when the stream ends or is cancelled (a cancel breaks the
     * running statement). Nothing runs until it is subscribed. With Reactor,
     * {@code AsyncOracleReactor.flux(spec.stream())}.
     *
     * @return a publisher for one subscriber
     */
    Flow.Publisher<T> stream();
  }
}
