package io.asyncoracle.bench.contender;

import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.bench.workload.Call;
import io.asyncoracle.boot.template.AsyncOracleTemplate;
import java.sql.ResultSet;
import java.util.concurrent.CompletionStage;
import org.springframework.jdbc.core.RowMapper;

/**
 * Contender 2b: the starter's {@link AsyncOracleTemplate} on the same {@link AsyncPool} as
 * contender 2 — what a Spring Boot application of ours writes: {@code queryForObject} with a Spring
 * {@link RowMapper}, and {@code update}, which commits its own write.
 */
public final class AsyncOracleTemplateContender implements Contender {

  /** Reads the first row as {@code Object[]}, as every contender returns it. */
  private static final RowMapper<Object[]> ROW = (ResultSet rs, int rowNum) -> {
    Object[] values = new Object[rs.getMetaData().getColumnCount()];
    for (int i = 0; i < values.length; i++) {
      values[i] = rs.getObject(i + 1);
    }
    return values;
  };

  @Override
  public String name() {
    return "async-oracle template";
  }

  @Override
  public String setup() {
    return "AsyncOracleTemplate (starter) on an AsyncPool set up as async-oracle's; "
        + "queryForObject(sql, RowMapper, args) / update(sql, args) (commits its write)";
  }

  @Override
  public Client open(ContenderContext context) {
    PoolOptions options = PoolOptions.builder()
        .url(context.target().url())
        .user(context.target().user())
        .password(context.target().password())
        .min(context.poolSize())
        .max(context.poolSize())
        .acquireTimeout(context.acquireTimeout())
        .maxWaiters(Math.max(PoolOptions.DEFAULT_MAX_WAITERS, context.callers()))
        .build();
    AsyncPool pool = AsyncOracle.createPool(options).join();
    AsyncOracleTemplate template = new AsyncOracleTemplate(pool);
    return new AsyncClient() {
      @Override
      public CompletionStage<Object> execute(Call call) {
        if (call.kind() == Call.Kind.INSERT_COMMIT) {
          return template.update(call.sql(), call.args()).thenApply(count -> (Object) count);
        }
        return template.queryForObject(call.sql(), ROW, call.args()).thenApply(row -> (Object) row);
      }

      @Override
      public void close() {
        pool.close(true, false).join();
      }
    };
  }
}
