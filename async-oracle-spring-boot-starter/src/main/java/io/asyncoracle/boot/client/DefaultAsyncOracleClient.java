package io.asyncoracle.boot.client;

import io.asyncoracle.boot.template.AsyncOracleExceptionTranslator;
import io.asyncoracle.boot.template.AsyncOracleOperations;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.function.Function;
import org.springframework.beans.BeanUtils;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.core.ColumnMapRowMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SimplePropertyRowMapper;
import org.springframework.jdbc.core.SingleColumnRowMapper;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.SimplePropertySqlParameterSource;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.support.KeyHolder;

/**
 * The {@link AsyncOracleClient}: each spec collects parameters and hands the statement to the
 * operations it was created with, the way Spring's {@code DefaultJdbcClient} hands its statements
 * to {@code JdbcTemplate} and {@code NamedParameterJdbcTemplate}.
 */
final class DefaultAsyncOracleClient implements AsyncOracleClient {

  private static final ConversionService CONVERSIONS = DefaultConversionService.getSharedInstance();

  private final AsyncOracleOperations operations;
  /** Property mappers describe their class once (constructor, properties); as JdbcClient, cache them. */
  private final Map<Class<?>, RowMapper<?>> rowMappers = new ConcurrentHashMap<>();

  DefaultAsyncOracleClient(AsyncOracleOperations operations) {
    if (operations == null) {
      throw new IllegalArgumentException("operations must not be null");
    }
    this.operations = operations;
  }

  @Override
  public StatementSpec sql(String sql) {
    return new Spec(sql);
  }

  @SuppressWarnings("unchecked")
  <T> RowMapper<T> classRowMapper(Class<T> mappedClass) {
    if (BeanUtils.isSimpleProperty(mappedClass)) {
      SingleColumnRowMapper<T> mapper = new SingleColumnRowMapper<>(mappedClass);
      mapper.setConversionService(CONVERSIONS);
      return mapper;
    }
    return (RowMapper<T>) rowMappers.computeIfAbsent(mappedClass,
        type -> new SimplePropertyRowMapper<>(type, CONVERSIONS));
  }

  @Override
  public String toString() {
    return "AsyncOracleClient[" + operations + "]";
  }

  private static <T> CompletableFuture<T> invalid(String message) {
    return CompletableFuture.failedFuture(new InvalidDataAccessApiUsageException(message));
  }

  private final class Spec implements StatementSpec {
    private final String sql;
    private final List<Object> indexedParams = new ArrayList<>();
    private final MapSqlParameterSource namedParams = new MapSqlParameterSource();
    private SqlParameterSource namedParamSource = namedParams;
    /** A misuse found while building, reported by the terminal call (which never throws). */
    private String misuse;

    Spec(String sql) {
      this.sql = sql;
    }

    @Override
    public StatementSpec param(Object value) {
      indexedParams.add(value);
      return this;
    }

    @Override
    public StatementSpec param(int jdbcIndex, Object value) {
      if (jdbcIndex < 1) {
        misuse = "param: the JDBC index starts at 1, got " + jdbcIndex;
        return this;
      }
      int index = jdbcIndex - 1;
      while (indexedParams.size() <= index) {
        indexedParams.add(null);
      }
      indexedParams.set(index, value);
      return this;
    }

    @Override
    public StatementSpec param(int jdbcIndex, Object value, int sqlType) {
      return param(jdbcIndex, new SqlParameterValue(sqlType, value));
    }

    @Override
    public StatementSpec param(String name, Object value) {
      namedParams.addValue(name, value);
      return this;
    }

    @Override
    public StatementSpec param(String name, Object value, int sqlType) {
      namedParams.addValue(name, value, sqlType);
      return this;
    }

    @Override
    public StatementSpec params(Object... values) {
      if (values != null) {
        indexedParams.addAll(java.util.Arrays.asList(values));
      }
      return this;
    }

    @Override
    public StatementSpec params(List<?> values) {
      if (values != null) {
        indexedParams.addAll(values);
      }
      return this;
    }

    @Override
    public StatementSpec params(Map<String, ?> paramMap) {
      if (paramMap != null) {
        namedParams.addValues(paramMap);
      }
      return this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public StatementSpec paramSource(Object namedParamObject) {
      if (namedParamObject == null) {
        misuse = "paramSource: the object must not be null";
        return this;
      }
      namedParamSource = namedParamObject instanceof Map<?, ?> map
          ? new MapSqlParameterSource((Map<String, ?>) map)
          : new SimplePropertySqlParameterSource(namedParamObject);
      return this;
    }

    @Override
    public StatementSpec paramSource(SqlParameterSource source) {
      if (source == null) {
        misuse = "paramSource: the source must not be null";
        return this;
      }
      namedParamSource = source;
      return this;
    }

    /** Why the statement cannot run, or {@code null}. */
    private String problem() {
      if (misuse != null) {
        return misuse;
      }
      if (sql == null || sql.isBlank()) {
        return "sql must not be blank";
      }
      if (named() && !indexedParams.isEmpty()) {
        return "give either named or positional parameters, not both";
      }
      return null;
    }

    private boolean named() {
      return namedParams.hasValues() || namedParamSource != namedParams;
    }

    private Object[] args() {
      return indexedParams.toArray();
    }

    @Override
    public ResultQuerySpec query() {
      return new RowsSpec(this);
    }

    @Override
    public <T> MappedQuerySpec<T> query(Class<T> mappedClass) {
      if (mappedClass == null) {
        misuse = "query: mappedClass must not be null";
        return new MappedSpec<>(this, null);
      }
      return new MappedSpec<>(this, classRowMapper(mappedClass));
    }

    @Override
    public <T> MappedQuerySpec<T> query(RowMapper<T> rowMapper) {
      if (rowMapper == null) {
        misuse = "query: rowMapper must not be null";
      }
      return new MappedSpec<>(this, rowMapper);
    }

    @Override
    public CompletableFuture<Integer> update() {
      String problem = problem();
      if (problem != null) {
        return invalid(AsyncOracleExceptionTranslator.withSql(problem, sql));
      }
      return named() ? operations.update(sql, namedParamSource) : operations.update(sql, args());
    }

    @Override
    public CompletableFuture<Integer> update(KeyHolder generatedKeyHolder) {
      return update(generatedKeyHolder, new String[0]);
    }

    @Override
    public CompletableFuture<Integer> update(KeyHolder generatedKeyHolder, String... keyColumnNames) {
      String problem = problem();
      if (problem != null) {
        return invalid(AsyncOracleExceptionTranslator.withSql(problem, sql));
      }
      String[] columns = keyColumnNames == null ? new String[0] : keyColumnNames;
      return named()
          ? operations.update(sql, namedParamSource, generatedKeyHolder, columns)
          : operations.updateReturningKeys(sql, generatedKeyHolder, columns, args());
    }

    <T> CompletableFuture<List<T>> list(RowMapper<T> mapper) {
      String problem = problem();
      if (problem != null) {
        return invalid(AsyncOracleExceptionTranslator.withSql(problem, sql));
      }
      return named() ? operations.query(sql, namedParamSource, mapper) : operations.query(sql, mapper, args());
    }

    <T> CompletableFuture<T> single(RowMapper<T> mapper) {
      String problem = problem();
      if (problem != null) {
        return invalid(AsyncOracleExceptionTranslator.withSql(problem, sql));
      }
      return named() ? operations.queryForObject(sql, namedParamSource, mapper)
          : operations.queryForObject(sql, mapper, args());
    }

    <T> Flow.Publisher<T> stream(RowMapper<T> mapper) {
      String problem = problem();
      if (problem != null) {
        InvalidDataAccessApiUsageException error = new InvalidDataAccessApiUsageException(
            AsyncOracleExceptionTranslator.withSql(problem, sql));
        return subscriber -> {
          subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
            }
          });
          subscriber.onError(error);
        };
      }
      return named() ? operations.queryForStream(sql, namedParamSource, mapper)
          : operations.queryForStream(sql, mapper, args());
    }
  }

  /** Rows as maps. */
  private static final class RowsSpec implements ResultQuerySpec {
    private final Spec spec;

    RowsSpec(Spec spec) {
      this.spec = spec;
    }

    @Override
    public CompletableFuture<List<Map<String, Object>>> listOfRows() {
      return spec.list(new ColumnMapRowMapper());
    }

    @Override
    public CompletableFuture<Map<String, Object>> singleRow() {
      return spec.single(new ColumnMapRowMapper());
    }

    @Override
    public CompletableFuture<List<Object>> singleColumn() {
      return spec.list(new SingleColumnRowMapper<>());
    }

    @Override
    public CompletableFuture<Object> singleValue() {
      return spec.single(new SingleColumnRowMapper<>());
    }

    @Override
    public Flow.Publisher<Map<String, Object>> stream() {
      return spec.stream(new ColumnMapRowMapper());
    }
  }

  /** Rows mapped by a row mapper. */
  private static final class MappedSpec<T> implements MappedQuerySpec<T> {
    private final Spec spec;
    private final RowMapper<T> mapper;

    MappedSpec(Spec spec, RowMapper<T> mapper) {
      this.spec = spec;
      this.mapper = mapper;
    }

    @Override
    public CompletableFuture<List<T>> list() {
      return spec.list(mapper);
    }

    @Override
    public CompletableFuture<Set<T>> set() {
      return list().thenApply(LinkedHashSet::new);
    }

    @Override
    public CompletableFuture<T> single() {
      return spec.single(mapper);
    }

    @Override
    public CompletableFuture<Optional<T>> optional() {
      return single().handle((value, error) -> {
        if (error == null) {
          return CompletableFuture.completedFuture(Optional.ofNullable(value));
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof EmptyResultDataAccessException) {
          return CompletableFuture.completedFuture(Optional.<T>empty());
        }
        return CompletableFuture.<Optional<T>>failedFuture(cause);
      }).thenCompose(Function.identity());
    }

    @Override
    public Flow.Publisher<T> stream() {
      return spec.stream(mapper);
    }
  }
}
