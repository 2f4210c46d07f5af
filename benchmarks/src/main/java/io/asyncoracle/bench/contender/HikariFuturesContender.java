package io.asyncoracle.bench.contender;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.asyncoracle.bench.workload.Call;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Contender 3, what most applications do today: HikariCP, and each call wrapped in
 * {@code CompletableFuture.supplyAsync} on a fixed thread pool as large as the connection pool.
 */
public final class HikariFuturesContender implements Contender {

  @Override
  public String name() {
    return "HikariCP + supplyAsync";
  }

  /** A peer: one of the asynchronous ways applications reach a database today. */
  @Override
  public boolean peer() {
    return true;
  }

  @Override
  public String setup() {
    return "HikariCP (defaults; fixed size; autoCommit=false for the insert workload), "
        + "CompletableFuture.supplyAsync on Executors.newFixedThreadPool(pool size)";
  }

  @Override
  public Client open(ContenderContext context) {
    HikariDataSource dataSource = hikari(context, "bench-hikari");
    ExecutorService executor = Executors.newFixedThreadPool(context.poolSize(),
        ThreadedSyncContender.platformThreads("hikari-async"));
    return new AsyncClient() {
      @Override
      public CompletionStage<Object> execute(Call call) {
        return CompletableFuture.supplyAsync(() -> {
          try (Connection c = dataSource.getConnection()) {
            return Jdbc.execute(c, call);
          } catch (SQLException e) {
            throw new CompletionException(e);
          }
        }, executor);
      }

      @Override
      public void close() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(30, TimeUnit.SECONDS);
        dataSource.close();
      }
    };
  }

  /**
   * A HikariCP pool at its defaults except: fixed at the pool size, the common acquire timeout,
   * and autocommit off when the workload writes (so an insert is INSERT + COMMIT, two round trips,
   * as for every contender; with autocommit off Hikari would add a rollback to every read).
   */
  static HikariDataSource hikari(ContenderContext context, String name) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setJdbcUrl(context.target().url());
    config.setUsername(context.target().user());
    config.setPassword(context.target().password());
    config.setMaximumPoolSize(context.poolSize());
    config.setMinimumIdle(context.poolSize());
    config.setConnectionTimeout(context.acquireTimeout().toMillis());
    config.setAutoCommit(!context.workload().writes());
    return new HikariDataSource(config);
  }
}
