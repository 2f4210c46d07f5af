package io.asyncoracle.bench.contender;

import io.asyncoracle.bench.workload.Call;
import io.vertx.core.Vertx;
import io.vertx.jdbcclient.JDBCConnectOptions;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowIterator;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Contender 5: the Vert.x JDBC client 5 ({@link JDBCPool}) at its defaults, with its own connection
 * pool of the common size. Queries use {@code pool.preparedQuery(..)}; inserts use
 * {@code pool.withTransaction(..)}, its way to commit.
 */
public final class VertxContender implements Contender {

  @Override
  public String name() {
    return "Vert.x JDBC client";
  }

  /** A peer: one of the asynchronous ways applications reach a database today. */
  @Override
  public boolean peer() {
    return true;
  }

  @Override
  public String setup() {
    return "Vert.x " + io.vertx.core.impl.VertxImpl.class.getPackage().getImplementationVersion()
        + " JDBCPool (Vertx.vertx() defaults, PoolOptions.maxSize = pool size), preparedQuery / withTransaction";
  }

  @Override
  public Client open(ContenderContext context) {
    Vertx vertx = Vertx.vertx();
    Pool pool = JDBCPool.pool(vertx,
        new JDBCConnectOptions()
            .setJdbcUrl(context.target().url())
            .setUser(context.target().user())
            .setPassword(context.target().password()),
        new PoolOptions()
            .setMaxSize(context.poolSize())
            .setConnectionTimeout((int) context.acquireTimeout().toMillis())
            .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS));
    return new AsyncClient() {
      @Override
      public CompletionStage<Object> execute(Call call) {
        Tuple args = Tuple.from(call.args());
        if (call.kind() == Call.Kind.INSERT_COMMIT) {
          return pool.withTransaction(c -> c.preparedQuery(call.sql()).execute(args))
              .map(rows -> (Object) (long) rows.rowCount())
              .toCompletionStage();
        }
        return pool.preparedQuery(call.sql()).execute(args)
            .map(rows -> {
              RowIterator<Row> it = rows.iterator();
              return it.hasNext() ? values(it.next()) : null;
            })
            .toCompletionStage();
      }

      @Override
      public void close() {
        pool.close().toCompletionStage().toCompletableFuture().join();
        vertx.close().toCompletionStage().toCompletableFuture().join();
      }
    };
  }

  private static Object values(Row row) {
    Object[] values = new Object[row.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = row.getValue(i);
    }
    return values;
  }
}
