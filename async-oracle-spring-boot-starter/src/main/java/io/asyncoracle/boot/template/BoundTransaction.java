package io.asyncoracle.boot.template;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.CallTimeoutException;
import io.micrometer.context.ContextSnapshot;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Function;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.core.RowMapper;

/**
 * The operations of one transaction: every call on the transaction's connection, no commits. With
 * a timeout, each call gets the time left as its call timeout; with read-only, writes are refused.
 */
final class BoundTransaction extends AbstractAsyncOracleOperations implements AsyncOracleTransaction {

  private final AsyncConnection connection;
  private final TransactionOptions options;
  /** {@link System#nanoTime()} at which the transaction times out; meaningful only with a timeout. */
  private final long deadline;
  /** The connection's call timeout before the transaction (zero: none). */
  private final Duration baseCallTimeout;

  BoundTransaction(AsyncConnection connection, AsyncOracleExceptionTranslator translator, CallContext context,
      NamedSql namedSql) {
    this(connection, translator, context, namedSql, TransactionOptions.defaults());
  }

  BoundTransaction(AsyncConnection connection, AsyncOracleExceptionTranslator translator, CallContext context,
      NamedSql namedSql, TransactionOptions options) {
    super(translator, context, namedSql);
    this.connection = connection;
    this.options = options;
    this.baseCallTimeout = connection.callTimeout();
    this.deadline = options.timeout() == null ? 0 : System.nanoTime() + options.timeout().toNanos();
    if (options.timeout() != null) {
      // Calls made straight on connection() get at most the whole transaction's time.
      connection.setCallTimeout(shorter(options.timeout()));
    }
  }

  /** The transaction's calls run inside the template's work, on the pool's side: they complete there. */
  @Override
  Executor callbackExecutor() {
    return null;
  }

  @Override
  public AsyncConnection connection() {
    return connection;
  }

  @Override
  <T> CompletableFuture<T> run(String task, String sql, boolean writes,
      Function<AsyncConnection, CompletionStage<T>> action) {
    ContextSnapshot snapshot = context.capture();
    RuntimeException refused = refusal(task, writes);
    if (refused != null) {
      return completeWithContext(CompletableFuture.failedFuture(refused), snapshot, task, sql);
    }
    return completeWithContext(call(() -> action.apply(connection)), snapshot, task, sql);
  }

  @Override
  <T> Flow.Publisher<T> stream(String sql, Object[] args, RowMapper<T> rowMapper) {
    return new MappedRowPublisher<>(() -> {
      RuntimeException refused = refusal("queryForStream", false);
      return refused == null ? CompletableFuture.completedFuture(connection) : CompletableFuture.failedFuture(refused);
    }, false, sql, args, rowMapper, translator, context, callSite("queryForStream"));
  }

  /** Why a call may not run now, or {@code null}; sets the call timeout to the time left. */
  private RuntimeException refusal(String task, boolean writes) {
    if (writes && options.readOnly()) {
      return new InvalidDataAccessApiUsageException(task + ": the transaction is read-only");
    }
    return options.timeout() == null ? null : applyTimeLeft(task);
  }

  /**
   * Gives the next call the time left, or the timeout error when none is left.
   *
   * @param task the call, for the message
   * @return the error, or {@code null} when there is time left
   */
  RuntimeException applyTimeLeft(String task) {
    if (options.timeout() == null) {
      return null;
    }
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      return new CallTimeoutException(task + " was not started: the transaction timeout of "
          + options.timeout().toMillis() + " ms has passed", options.timeout(), null);
    }
    connection.setCallTimeout(shorter(Duration.ofNanos(Math.max(left, 1_000_000L))));
    return null;
  }

  /** Gives the connection its own call timeout back, for the rollback. */
  void restoreCallTimeout() {
    if (options.timeout() != null) {
      connection.setCallTimeout(baseCallTimeout);
    }
  }

  private Duration shorter(Duration limit) {
    return baseCallTimeout.isZero() || limit.compareTo(baseCallTimeout) < 0 ? limit : baseCallTimeout;
  }

  @Override
  public String toString() {
    return "AsyncOracleTransaction[" + connection + "]";
  }
}
