package io.asyncoracle.boot.template;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncPool;
import io.micrometer.context.ContextSnapshot;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Function;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/**
 * Spring's {@code JdbcTemplate}, asynchronous: queries and updates with Spring
 * {@link org.springframework.jdbc.core.RowMapper}s, positional or named parameters, and
 * {@link org.springframework.dao.DataAccessException}s, every result a {@link CompletableFuture}
 * (see {@link AsyncOracleOperations}).
 *
 * <p>Each operation borrows a connection from the {@link AsyncPool}, runs, commits if it wrote,
 * and gives the connection back before its future completes. Several operations that must commit
 * or roll back together go in {@link #inTransaction(Function)}. No method blocks the calling
 * thread. Whichever thread completes a future (one of the pool's, or the caller's own when the
 * result is already there as a callback is chained), the callbacks chained to it run with the
 * caller's MDC and Micrometer observation restored, so they compose with {@code thenCompose} and
 * can be returned from {@code @Async} methods and web controllers.
 *
 * <pre>{@code
 * template.queryForObject("select balance from accounts where id = :id", Map.of("id", 42), BigDecimal.class)
 *     .thenCompose(balance -> template.update("update audit set seen = seen + 1 where id = ?", 42));
 *
 * template.queryForStream("select id, total from orders", (rs, n) -> new Order(rs.getLong(1), rs.getBigDecimal(2)))
 *     .subscribe(subscriber);   // a Flow.Publisher: rows fetched as they are requested
 *
 * template.inTransaction(tx -> tx.update("update accounts set balance = balance - ? where id = ?", 10, 1)
 *     .thenCompose(n -> tx.update("update accounts set balance = balance + ? where id = ?", 10, 2)));
 * }</pre>
 *
 * <p>Thread-safe; one instance serves the whole application.
 */
public class AsyncOracleTemplate extends AbstractAsyncOracleOperations {

  private final AsyncPool pool;

  /**
   * Creates a template whose error translation follows the pool's database (Oracle error codes for
   * {@code jdbc:oracle:} URLs, H2's for {@code jdbc:h2:}).
   *
   * @param pool the pool to borrow connections from
   */
  public AsyncOracleTemplate(AsyncPool pool) {
    this(pool, new AsyncOracleExceptionTranslator(
        AsyncOracleExceptionTranslator.databaseProductName(pool.options().jdbcUrl())));
  }

  /**
   * Creates a template with a custom translation of driver errors.
   *
   * @param pool the pool to borrow connections from
   * @param sqlExceptionTranslator translates the {@link java.sql.SQLException}s the driver reports
   */
  public AsyncOracleTemplate(AsyncPool pool, SQLExceptionTranslator sqlExceptionTranslator) {
    this(pool, new AsyncOracleExceptionTranslator(sqlExceptionTranslator));
  }

  /**
   * Creates a template with a given exception translator.
   *
   * @param pool the pool to borrow connections from
   * @param exceptionTranslator the translator
   */
  public AsyncOracleTemplate(AsyncPool pool, AsyncOracleExceptionTranslator exceptionTranslator) {
    super(exceptionTranslator, CallContext.create(), new NamedSql());
    if (pool == null) {
      throw new IllegalArgumentException("pool must not be null");
    }
    this.pool = pool;
  }

  /**
   * Returns the pool this template borrows from.
   *
   * @return the pool
   */
  public AsyncPool getPool() {
    return pool;
  }

  /**
   * Sets whether each call captures its caller's stack when it is made, and attaches it to the
   * call's failure as a suppressed exception ("... was called here"). A failure is raised on a pool
   * thread, whose stack shows only the pool's frames; the captured one shows the application's.
   * It costs a stack walk per call, so it is off by default
   * ({@code async-oracle.diagnostics.capture-call-site}).
   *
   * @param captureCallSite whether to capture call sites
   */
  public void setCaptureCallSite(boolean captureCallSite) {
    this.captureCallSite = captureCallSite;
  }

  /**
   * Returns whether each call captures its caller's stack for its failure.
   *
   * @return {@code true} if it does
   */
  public boolean isCaptureCallSite() {
    return captureCallSite;
  }

  /**
   * Returns the translator turning async-oracle's errors into {@code DataAccessException}s.
   *
   * @return the translator
   */
  public AsyncOracleExceptionTranslator getExceptionTranslator() {
    return translator;
  }

  /**
   * Runs several operations as one transaction on one connection. {@code work} gets the
   * transaction's operations and returns a stage; when that stage succeeds the transaction is
   * committed and the returned future completes with its value; when it fails (or {@code work}
   * throws) everything is rolled back and the returned future fails with the (translated) error.
   * The connection goes back to the pool before the future completes.
   *
   * <p>This is the asynchronous counterpart of {@code @Transactional}, which does not apply to
   * these calls: Spring's transaction managers bind a transaction to the calling thread, and the
   * calls here run on the pool's workers and complete later. Options as {@code @Transactional}'s
   * attributes are in {@link #inTransaction(TransactionOptions, Function)}.
   *
   * @param work the operations to run, composed into one stage
   * @param <T> the result type
   * @return a future of the stage's value, completed after the commit
   */
  public <T> CompletableFuture<T> inTransaction(
      Function<? super AsyncOracleTransaction, ? extends CompletionStage<T>> work) {
    return inTransaction(TransactionOptions.defaults(), work);
  }

  /**
   * Runs several operations as one transaction, as {@link #inTransaction(Function)}, with an
   * isolation level, read-only mode and a timeout (see {@link TransactionOptions}):
   *
   * <pre>{@code
   * template.inTransaction(TransactionOptions.defaults().isolation(Isolation.SERIALIZABLE)
   *         .timeout(Duration.ofSeconds(2)),
   *     tx -> tx.update("update stock set qty = qty - 1 where sku = ?", sku));
   * }</pre>
   *
   * <p>The isolation level and read-only mode are set before {@code work} runs and reset when the
   * connection goes back to the pool. When the timeout passes the transaction is rolled back and the
   * future fails with a {@link org.springframework.dao.QueryTimeoutException}.
   *
   * @param options the isolation level, read-only mode and timeout
   * @param work the operations to run, composed into one stage
   * @param <T> the result type
   * @return a future of the stage's value, completed after the commit
   */
  public <T> CompletableFuture<T> inTransaction(TransactionOptions options,
      Function<? super AsyncOracleTransaction, ? extends CompletionStage<T>> work) {
    ContextSnapshot snapshot = context.capture();
    if (work == null || options == null) {
      return CompletableFuture.failedFuture(new org.springframework.dao.InvalidDataAccessApiUsageException(
          (work == null ? "work" : "options") + " must not be null"));
    }
    CompletableFuture<T> inner = withPool(() -> pool.withConnection(conn -> prepare(conn, options).thenCompose(ready -> {
      BoundTransaction tx = new BoundTransaction(conn, translator, context, namedSql, options);
      tx.captureCallSite = captureCallSite;
      CompletableFuture<T> stage;
      try (ContextSnapshot.Scope scope = snapshot.setThreadLocals()) {
        stage = call(() -> work.apply(tx));
      }
      return stage.handle((value, error) -> {
        RuntimeException late = error == null ? tx.applyTimeLeft("commit") : null;
        if (error == null && late == null) {
          return conn.commit().thenApply(committed -> value);
        }
        Throwable failure = error != null ? error : late;
        tx.restoreCallTimeout();
        return conn.rollback().<T>handle((rolledBack, rollbackError) -> {
          Throwable cause = failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause() : failure;
          if (rollbackError != null && rollbackError != cause) {
            cause.addSuppressed(rollbackError);
          }
          throw new CompletionException(cause);
        });
      }).thenCompose(Function.identity());
    })));
    return completeWithContext(inner, snapshot, "inTransaction", null);
  }

  /** Sets the isolation level and read-only mode the options ask for; the release resets them. */
  private static CompletableFuture<Void> prepare(AsyncConnection conn, TransactionOptions options) {
    CompletableFuture<Void> ready = CompletableFuture.completedFuture(null);
    if (options.isolation() != org.springframework.transaction.annotation.Isolation.DEFAULT) {
      ready = ready.thenCompose(v -> conn.setTransactionIsolation(options.isolation().value()));
    }
    if (options.readOnly()) {
      ready = ready.thenCompose(v -> conn.setReadOnly(true));
    }
    return ready;
  }

  /**
   * Borrows a connection for calls the operations do not cover (cursors, streaming, stored
   * procedures, Oracle features), and gives it back when the stage {@code work} returns completes.
   * Autocommit is off: commit what should stay. Errors are translated as for the operations.
   *
   * @param work what to do with the connection
   * @param <T> the result type
   * @return a future of the stage's value
   */
  public <T> CompletableFuture<T> withConnection(Function<? super AsyncConnection, ? extends CompletionStage<T>> work) {
    ContextSnapshot snapshot = context.capture();
    if (work == null) {
      return CompletableFuture.failedFuture(new org.springframework.dao.InvalidDataAccessApiUsageException(
          "work must not be null"));
    }
    CompletableFuture<T> inner = withPool(() -> pool.withConnection(conn -> {
      try (ContextSnapshot.Scope scope = snapshot.setThreadLocals()) {
        return call(() -> work.apply(conn));
      }
    }));
    return completeWithContext(inner, snapshot, "withConnection", null);
  }

  @Override
  <T> CompletableFuture<T> run(String task, String sql, boolean writes,
      Function<AsyncConnection, CompletionStage<T>> action) {
    ContextSnapshot snapshot = context.capture();
    CompletableFuture<T> inner = withPool(() -> pool.withConnection(conn -> {
      CompletableFuture<T> stage = call(() -> action.apply(conn));
      return writes ? stage.thenCompose(value -> conn.commit().thenApply(committed -> value)) : stage;
    }));
    return completeWithContext(inner, snapshot, task, sql);
  }

  @Override
  <T> Flow.Publisher<T> stream(String sql, Object[] args, RowMapper<T> rowMapper) {
    return new MappedRowPublisher<>(() -> withPool(pool::acquire), true, sql, args, rowMapper, translator, context,
        callSite("queryForStream"));
  }

  private static <T> CompletableFuture<T> withPool(java.util.function.Supplier<CompletableFuture<T>> borrow) {
    try {
      return borrow.get();
    } catch (RuntimeException | Error e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  Executor callbackExecutor() {
    return pool.options().callbackExecutor();
  }

  @Override
  public String toString() {
    return "AsyncOracleTemplate[" + pool.name() + "]";
  }
}
