package io.asyncoracle.boot.template;

import io.asyncoracle.AsyncConnection;
import io.micrometer.context.ContextSnapshot;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** The operations of one transaction: every call on the transaction's connection, no commits. */
final class BoundTransaction extends AbstractAsyncOracleOperations implements AsyncOracleTransaction {

  private final AsyncConnection connection;

  BoundTransaction(AsyncConnection connection, AsyncOracleExceptionTranslator translator, CallContext context,
      NamedSql namedSql) {
    super(translator, context, namedSql);
    this.connection = connection;
  }

  @Override
  public AsyncConnection connection() {
    return connection;
  }

  @Override
  <T> CompletableFuture<T> run(String task, String sql, boolean writes,
      Function<AsyncConnection, CompletionStage<T>> action) {
    ContextSnapshot snapshot = context.capture();
    return completeWithContext(call(() -> action.apply(connection)), snapshot, task, sql);
  }

  @Override
  public String toString() {
    return "AsyncOracleTransaction[" + connection + "]";
  }
}
