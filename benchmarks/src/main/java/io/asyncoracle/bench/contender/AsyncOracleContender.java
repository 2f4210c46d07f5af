package io.asyncoracle.bench.contender;

import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.Row;
import io.asyncoracle.bench.workload.Call;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * Contender 2: async-oracle's {@link AsyncPool}, at its defaults apart from the pool size and
 * acquire timeout every contender gets. Variants (other options, or acquire/close instead of
 * {@code withConnection}) serve the diagnostics.
 */
public final class AsyncOracleContender implements Contender {

  /** How a call gets its connection. */
  public enum Style {
    /** {@code pool.withConnection(c -> c.fetchOne(..))}: the documented way. */
    WITH_CONNECTION,
    /** {@code pool.acquire()}, the call, then {@code connection.close()}, chained by hand. */
    ACQUIRE_CLOSE
  }

  private final String name;
  private final String variant;
  private final Style style;
  private final UnaryOperator<PoolOptions.Builder> customizer;

  /** The contender as users get it: defaults, {@code withConnection}. */
  public AsyncOracleContender() {
    this("async-oracle", null, Style.WITH_CONNECTION, UnaryOperator.identity());
  }

  /**
   * A variant for diagnostics.
   *
   * @param name the name in tables
   * @param variant what differs from the defaults, for the report (null: nothing)
   * @param style how calls get their connection
   * @param customizer changes to the pool options
   */
  public AsyncOracleContender(String name, String variant, Style style, UnaryOperator<PoolOptions.Builder> customizer) {
    this.name = name;
    this.variant = variant;
    this.style = style;
    this.customizer = customizer;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String setup() {
    return "AsyncPool (PoolOptions defaults; min = max = pool size, acquire timeout as everyone), "
        + (style == Style.WITH_CONNECTION ? "pool.withConnection(c -> c.fetchOne/execute+commit)" : "acquire, call, close")
        + (variant == null ? "" : "; " + variant);
  }

  @Override
  public Client open(ContenderContext context) {
    PoolOptions.Builder options = PoolOptions.builder()
        .url(context.target().url())
        .user(context.target().user())
        .password(context.target().password())
        .min(context.poolSize())
        .max(context.poolSize())
        .acquireTimeout(context.acquireTimeout())
        // Only raised when the crowd is bigger than the default bound (10,000): the other pools' queues are unbounded.
        .maxWaiters(Math.max(PoolOptions.DEFAULT_MAX_WAITERS, context.callers()));
    AsyncPool pool = AsyncOracle.createPool(customizer.apply(options).build()).join();
    return new AsyncOracleClient(pool, style);
  }

  private static final class AsyncOracleClient implements AsyncClient {
    private final AsyncPool pool;
    private final Style style;

    AsyncOracleClient(AsyncPool pool, Style style) {
      this.pool = pool;
      this.style = style;
    }

    @Override
    public CompletionStage<Object> execute(Call call) {
      if (style == Style.WITH_CONNECTION) {
        return pool.withConnection(c -> run(c, call));
      }
      return pool.acquire().thenCompose(c -> run(c, call)
          .handle((value, error) -> c.close().thenApply(ignored -> {
            if (error != null) {
              throw error instanceof RuntimeException r ? r : new java.util.concurrent.CompletionException(error);
            }
            return value;
          }))
          .thenCompose(stage -> stage));
    }

    private static CompletableFuture<Object> run(AsyncConnection c, Call call) {
      if (call.kind() == Call.Kind.INSERT_COMMIT) {
        return c.execute(call.sql(), call.args()).thenCompose(count -> c.commit().thenApply(v -> (Object) count));
      }
      return c.fetchOne(call.sql(), call.args()).thenApply(AsyncOracleClient::values);
    }

    private static Object values(Row row) {
      return row == null ? null : row.values().toArray();
    }

    @Override
    public void close() {
      pool.close(true, false).join();
    }
  }
}
