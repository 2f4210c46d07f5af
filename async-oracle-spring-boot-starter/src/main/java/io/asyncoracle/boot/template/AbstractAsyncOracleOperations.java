package io.asyncoracle.boot.template;

import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncCursor;
import io.asyncoracle.GeneratedKeys;
import io.asyncoracle.Row;
import io.micrometer.context.ContextSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.core.ColumnMapRowMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SingleColumnRowMapper;
import org.springframework.jdbc.core.namedparam.EmptySqlParameterSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.support.KeyHolder;

/**
 * The operations, written once on top of {@link #run}: the template runs each on a borrowed
 * connection, a transaction on its own.
 */
abstract class AbstractAsyncOracleOperations implements AsyncOracleOperations {

  final AsyncOracleExceptionTranslator translator;
  final CallContext context;
  final NamedSql namedSql;
  /** Whether each call captures its caller's stack, for its failure ({@link CallSite}). */
  volatile boolean captureCallSite;

  AbstractAsyncOracleOperations(AsyncOracleExceptionTranslator translator, CallContext context, NamedSql namedSql) {
    this.translator = translator;
    this.context = context;
    this.namedSql = namedSql;
  }

  /**
   * Runs an action on a connection and completes the returned future, with the caller's context
   * restored and errors translated.
   *
   * @param task the operation's name, for error messages
   * @param sql the SQL, for error messages
   * @param writes whether the action changes data (the template commits it)
   * @param action the calls to make
   * @param <T> the result type
   * @return the future the application gets
   */
  abstract <T> CompletableFuture<T> run(String task, String sql, boolean writes,
      Function<AsyncConnection, CompletionStage<T>> action);

  /**
   * Streams a query's mapped rows on a connection: a borrowed one for the template, the
   * transaction's own inside a transaction.
   *
   * @param sql the query, positional
   * @param args the bind values, typed values already converted
   * @param rowMapper maps each row
   * @param <T> the mapped type
   * @return the publisher
   */
  abstract <T> Flow.Publisher<T> stream(String sql, Object[] args, RowMapper<T> rowMapper);

  /**
   * Where the futures this object returns complete when they have callbacks: the pool's callback
   * executor, or {@code null} for the thread that completes the pool's future.
   *
   * @return the executor, or {@code null}
   */
  abstract Executor callbackExecutor();

  /**
   * Completes a new future from {@code inner}, with the snapshot's thread locals set, so callbacks
   * chained to the result see the caller's context. The relay runs on the pool's side
   * ({@link AsyncOracle#relay}), never queued behind the application's executor; the result itself
   * completes on the callback executor when it has callbacks, and at once when the only ones waiting
   * for it are blocked threads (Spring's {@code @Async} blocks an executor thread on it: sending its
   * completion to that same executor could wait for ever).
   */
  <T> CompletableFuture<T> completeWithContext(CompletableFuture<T> inner, ContextSnapshot snapshot,
      String task, String sql) {
    // Called on the caller's thread, before the work completes: the caller's frames are here.
    CallSite callSite = callSite(task);
    CancellingFuture<T> result = new CancellingFuture<>(inner);
    AsyncOracle.relay(inner, (value, error) -> deliver(result, () -> {
      try (ContextSnapshot.Scope scope = snapshot.setThreadLocals()) {
        if (error == null) {
          result.complete(value);
        } else {
          result.completeExceptionally(withCallSite(translator.failure(task, sql, error), callSite));
        }
      } catch (Throwable unexpected) {
        // Restoring the caller's context failed: the future completes all the same.
        result.completeExceptionally(unexpected);
      }
    }));
    return result;
  }

  private void deliver(CancellingFuture<?> result, Runnable completion) {
    Executor callbacks = callbackExecutor();
    if (callbacks == null || result.onlyBlockedThreadsWait()) {
      completion.run();
      return;
    }
    try {
      callbacks.execute(completion);
    } catch (RuntimeException refused) {
      // The application's executor refused (or is shut down): complete here rather than lose it.
      completion.run();
    }
  }

  /**
   * The caller's stack now, when call sites are captured.
   *
   * @param task the operation, for the message
   * @return the call site, or {@code null}
   */
  CallSite callSite(String task) {
    return captureCallSite ? new CallSite(task) : null;
  }

  /** Adds the call site to a failure, once. */
  static Throwable withCallSite(Throwable failure, CallSite callSite) {
    if (callSite != null && failure != callSite) {
      for (Throwable already : failure.getSuppressed()) {
        if (already instanceof CallSite) {
          return failure;
        }
      }
      failure.addSuppressed(callSite);
    }
    return failure;
  }

  /**
   * A future the application gets: cancelling it cancels the pool's future it was made from, which
   * breaks the running statement and gives the connection back (or leaves the acquire queue).
   * Futures derived from it are plain: as for any {@code CompletableFuture}, cancelling a dependent
   * does not reach what it depends on. It counts the threads blocked on it (see
   * {@link #completeWithContext}).
   */
  static final class CancellingFuture<T> extends CompletableFuture<T> {
    private final CompletableFuture<?> source;
    private final java.util.concurrent.atomic.AtomicInteger blocked = new java.util.concurrent.atomic.AtomicInteger();

    CancellingFuture(CompletableFuture<?> source) {
      this.source = source;
    }

    boolean onlyBlockedThreadsWait() {
      return getNumberOfDependents() <= blocked.get();
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      if (cancelled) {
        source.cancel(mayInterruptIfRunning);
      }
      return cancelled;
    }

    @Override
    public T get() throws InterruptedException, java.util.concurrent.ExecutionException {
      if (isDone()) {
        return super.get();
      }
      blocked.incrementAndGet();
      try {
        return super.get();
      } finally {
        blocked.decrementAndGet();
      }
    }

    @Override
    public T get(long timeout, java.util.concurrent.TimeUnit unit)
        throws InterruptedException, java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
      if (isDone()) {
        return super.get(timeout, unit);
      }
      blocked.incrementAndGet();
      try {
        return super.get(timeout, unit);
      } finally {
        blocked.decrementAndGet();
      }
    }

    @Override
    public T join() {
      if (isDone()) {
        return super.join();
      }
      blocked.incrementAndGet();
      try {
        return super.join();
      } finally {
        blocked.decrementAndGet();
      }
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
      return new CompletableFuture<>();
    }
  }

  /** Calls {@code stage} and turns what it throws into a failed future. */
  static <T> CompletableFuture<T> call(java.util.function.Supplier<? extends CompletionStage<T>> stage) {
    try {
      CompletionStage<T> s = stage.get();
      if (s == null) {
        return CompletableFuture.failedFuture(new InvalidDataAccessApiUsageException(
            "the work returned null instead of a CompletionStage"));
      }
      return s.toCompletableFuture();
    } catch (RuntimeException | Error e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static <T> CompletableFuture<T> invalid(String message, String sql) {
    return CompletableFuture.failedFuture(new InvalidDataAccessApiUsageException(
        AsyncOracleExceptionTranslator.withSql(message, sql)));
  }

  // ---- query ----------------------------------------------------------------------------------

  @Override
  public <T> CompletableFuture<List<T>> query(String sql, RowMapper<T> rowMapper, Object... args) {
    if (rowMapper == null) {
      return invalid("rowMapper must not be null", sql);
    }
    Object[] values = SpringBinds.convert(args);
    return run("query", sql, false, conn -> conn.fetchAll(sql, SpringRowMappers.adapt(rowMapper), values));
  }

  @Override
  public <T> CompletableFuture<List<T>> query(String sql, Map<String, ?> paramMap, RowMapper<T> rowMapper) {
    return query(sql, source(paramMap), rowMapper);
  }

  @Override
  public <T> CompletableFuture<List<T>> query(String sql, SqlParameterSource paramSource, RowMapper<T> rowMapper) {
    return named(sql, paramSource, (positional, values) -> query(positional, rowMapper, values));
  }

  // ---- queryForObject ---------------------------------------------------------------------------

  @Override
  public <T> CompletableFuture<T> queryForObject(String sql, RowMapper<T> rowMapper, Object... args) {
    if (rowMapper == null) {
      return invalid("rowMapper must not be null", sql);
    }
    // Two rows are enough to tell "exactly one" from "more than one" without reading them all.
    Object[] values = SpringBinds.convert(args);
    return run("queryForObject", sql, false, conn -> conn.fetchMany(sql, 2, SpringRowMappers.adapt(rowMapper), values)
        .thenApply(rows -> single(rows, sql)));
  }

  @Override
  public <T> CompletableFuture<T> queryForObject(String sql, Class<T> requiredType, Object... args) {
    if (requiredType == null) {
      return invalid("requiredType must not be null", sql);
    }
    return queryForObject(sql, SingleColumnRowMapper.newInstance(requiredType), args);
  }

  @Override
  public <T> CompletableFuture<T> queryForObject(String sql, Map<String, ?> paramMap, RowMapper<T> rowMapper) {
    return queryForObject(sql, source(paramMap), rowMapper);
  }

  @Override
  public <T> CompletableFuture<T> queryForObject(String sql, Map<String, ?> paramMap, Class<T> requiredType) {
    return queryForObject(sql, source(paramMap), requiredType);
  }

  @Override
  public <T> CompletableFuture<T> queryForObject(String sql, SqlParameterSource paramSource, RowMapper<T> rowMapper) {
    return named(sql, paramSource, (positional, values) -> queryForObject(positional, rowMapper, values));
  }

  @Override
  public <T> CompletableFuture<T> queryForObject(String sql, SqlParameterSource paramSource, Class<T> requiredType) {
    return named(sql, paramSource, (positional, values) -> queryForObject(positional, requiredType, values));
  }

  private static <T> T single(List<T> rows, String sql) {
    if (rows.isEmpty()) {
      throw new EmptyResultDataAccessException(
          AsyncOracleExceptionTranslator.withSql("Incorrect result size: expected 1, actual 0", sql), 1);
    }
    if (rows.size() > 1) {
      throw new IncorrectResultSizeDataAccessException(
          AsyncOracleExceptionTranslator.withSql("Incorrect result size: expected 1, actual 2 or more", sql), 1, 2);
    }
    return rows.get(0);
  }

  // ---- queryForList -----------------------------------------------------------------------------

  @Override
  public CompletableFuture<List<Map<String, Object>>> queryForList(String sql, Object... args) {
    return query(sql, new ColumnMapRowMapper(), args);
  }

  @Override
  public <T> CompletableFuture<List<T>> queryForList(String sql, Class<T> elementType, Object... args) {
    if (elementType == null) {
      return invalid("elementType must not be null", sql);
    }
    return query(sql, SingleColumnRowMapper.newInstance(elementType), args);
  }

  @Override
  public CompletableFuture<List<Map<String, Object>>> queryForList(String sql, Map<String, ?> paramMap) {
    return queryForList(sql, source(paramMap));
  }

  @Override
  public <T> CompletableFuture<List<T>> queryForList(String sql, Map<String, ?> paramMap, Class<T> elementType) {
    return queryForList(sql, source(paramMap), elementType);
  }

  @Override
  public CompletableFuture<List<Map<String, Object>>> queryForList(String sql, SqlParameterSource paramSource) {
    return named(sql, paramSource, (positional, values) -> queryForList(positional, values));
  }

  @Override
  public <T> CompletableFuture<List<T>> queryForList(String sql, SqlParameterSource paramSource, Class<T> elementType) {
    return named(sql, paramSource, (positional, values) -> queryForList(positional, elementType, values));
  }

  // ---- update -----------------------------------------------------------------------------------

  @Override
  public CompletableFuture<Integer> update(String sql, Object... args) {
    Object[] values = SpringBinds.convert(args);
    return run("update", sql, true, conn -> conn.execute(sql, values).thenApply(AbstractAsyncOracleOperations::toInt));
  }

  @Override
  public CompletableFuture<Integer> updateReturningKeys(String sql, KeyHolder generatedKeyHolder,
      String[] keyColumnNames, Object... args) {
    if (generatedKeyHolder == null) {
      return invalid("generatedKeyHolder must not be null", sql);
    }
    List<String> columns = keyColumnNames == null ? List.of() : Arrays.asList(keyColumnNames);
    Object[] values = SpringBinds.convert(args);
    return run("update", sql, true, conn -> conn.executeReturningKeys(sql, columns, values)
        .thenApply(keys -> fill(generatedKeyHolder, keys)));
  }

  @Override
  public CompletableFuture<Integer> update(String sql, SqlParameterSource paramSource, KeyHolder generatedKeyHolder) {
    return update(sql, paramSource, generatedKeyHolder, null);
  }

  @Override
  public CompletableFuture<Integer> update(String sql, SqlParameterSource paramSource, KeyHolder generatedKeyHolder,
      String[] keyColumnNames) {
    return named(sql, paramSource,
        (positional, values) -> updateReturningKeys(positional, generatedKeyHolder, keyColumnNames, values));
  }

  /** Adds each generated key row to the holder as a map from column label (case-insensitive) to value. */
  private static int fill(KeyHolder holder, GeneratedKeys keys) {
    List<Map<String, Object>> list = holder.getKeyList();
    for (Row row : keys.keys()) {
      Map<String, Object> map = new org.springframework.util.LinkedCaseInsensitiveMap<>(row.size());
      for (int i = 0; i < row.size(); i++) {
        map.put(row.columns().get(i).name(), row.get(i));
      }
      list.add(map);
    }
    return toInt(keys.rowCount());
  }

  @Override
  public CompletableFuture<Integer> update(String sql, Map<String, ?> paramMap) {
    return update(sql, source(paramMap));
  }

  @Override
  public CompletableFuture<Integer> update(String sql, SqlParameterSource paramSource) {
    return named(sql, paramSource, (positional, values) -> update(positional, values));
  }

  private static int toInt(Long count) {
    return count == null ? 0 : (int) Math.min(Integer.MAX_VALUE, count);
  }

  // ---- batchUpdate ------------------------------------------------------------------------------

  @Override
  public CompletableFuture<int[]> batchUpdate(String sql, List<Object[]> batchArgs) {
    if (batchArgs == null) {
      return invalid("batchArgs must not be null", sql);
    }
    if (batchArgs.isEmpty()) {
      return CompletableFuture.completedFuture(new int[0]);
    }
    List<List<Object>> rows = new ArrayList<>(batchArgs.size());
    for (Object[] args : batchArgs) {
      rows.add(args == null ? List.of() : Arrays.asList(SpringBinds.convert(args)));
    }
    return run("batchUpdate", sql, true, conn -> rowCounts(conn, sql, rows));
  }

  /** Runs a batch on a cursor of its own, which keeps the count of each row, and closes it. */
  private static CompletableFuture<int[]> rowCounts(AsyncConnection conn, String sql, List<List<Object>> rows) {
    AsyncCursor cursor = conn.cursor();
    return cursor.executeMany(sql, rows).handle((done, error) -> {
      long[] counts = error == null ? cursor.arrayDmlRowCounts() : null;
      // The cursor's close is queued on the connection's lane; it does not wait.
      cursor.close();
      if (error != null) {
        throw error instanceof CompletionException ce ? ce : new CompletionException(error);
      }
      int[] result = new int[counts.length];
      for (int i = 0; i < counts.length; i++) {
        // As JdbcTemplate: a count the driver did not know stays SUCCESS_NO_INFO (-2).
        result[i] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, counts[i]));
      }
      return result;
    });
  }

  @Override
  public CompletableFuture<int[]> batchUpdate(String sql, SqlParameterSource[] batchArgs) {
    if (batchArgs == null) {
      return invalid("batchArgs must not be null", sql);
    }
    if (batchArgs.length == 0) {
      return CompletableFuture.completedFuture(new int[0]);
    }
    NamedSql.Batch batch;
    try {
      batch = namedSql.toPositionalBatch(sql, batchArgs);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(translator.translate("batchUpdate", sql, e));
    }
    return run("batchUpdate", batch.sql(), true, conn -> rowCounts(conn, batch.sql(), batch.rows()));
  }

  @Override
  public CompletableFuture<int[]> batchUpdate(String sql, Map<String, ?>[] batchValues) {
    if (batchValues == null) {
      return invalid("batchValues must not be null", sql);
    }
    SqlParameterSource[] sources = new SqlParameterSource[batchValues.length];
    for (int i = 0; i < batchValues.length; i++) {
      sources[i] = source(batchValues[i]);
    }
    return batchUpdate(sql, sources);
  }

  // ---- queryForStream ---------------------------------------------------------------------------

  @Override
  public <T> Flow.Publisher<T> queryForStream(String sql, RowMapper<T> rowMapper, Object... args) {
    if (rowMapper == null) {
      return failed(new InvalidDataAccessApiUsageException(
          AsyncOracleExceptionTranslator.withSql("rowMapper must not be null", sql)));
    }
    return stream(sql, SpringBinds.convert(args), rowMapper);
  }

  @Override
  public <T> Flow.Publisher<T> queryForStream(String sql, Map<String, ?> paramMap, RowMapper<T> rowMapper) {
    return queryForStream(sql, source(paramMap), rowMapper);
  }

  @Override
  public <T> Flow.Publisher<T> queryForStream(String sql, SqlParameterSource paramSource, RowMapper<T> rowMapper) {
    NamedSql.Positional positional;
    try {
      if (sql == null) {
        throw new InvalidDataAccessApiUsageException("sql must not be null");
      }
      positional = namedSql.toPositional(sql, paramSource == null ? EmptySqlParameterSource.INSTANCE : paramSource);
    } catch (RuntimeException e) {
      return failed(translator.translate("named parameters", sql, e));
    }
    return queryForStream(positional.sql(), rowMapper, positional.values());
  }

  /** A publisher that fails its subscriber at once. */
  private static <T> Flow.Publisher<T> failed(RuntimeException error) {
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

  // ---- named parameters -------------------------------------------------------------------------

  private static SqlParameterSource source(Map<String, ?> paramMap) {
    return paramMap == null ? EmptySqlParameterSource.INSTANCE : new MapSqlParameterSource(paramMap);
  }

  private <R> CompletableFuture<R> named(String sql, SqlParameterSource source,
      BiFunction<String, Object[], CompletableFuture<R>> positionalCall) {
    NamedSql.Positional positional;
    try {
      if (sql == null) {
        throw new InvalidDataAccessApiUsageException("sql must not be null");
      }
      positional = namedSql.toPositional(sql, source == null ? EmptySqlParameterSource.INSTANCE : source);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(translator.translate("named parameters", sql, e));
    }
    return positionalCall.apply(positional.sql(), positional.values());
  }
}
