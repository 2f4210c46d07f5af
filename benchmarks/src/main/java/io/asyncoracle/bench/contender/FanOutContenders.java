package io.asyncoracle.bench.contender;

import com.zaxxer.hikari.HikariDataSource;
import io.asyncoracle.AsyncConnection;
import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.Pipeline;
import io.asyncoracle.PipelineResult;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.Row;
import io.asyncoracle.bench.workload.Call;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The contenders of the fan-out workload (project issue 14): a request needs five independent
 * single-row queries. Each contender counts the connections its requests take, so the report shows
 * connections held per request next to requests per second.
 */
public final class FanOutContenders {

  /** The pipeline contender's name: the subject of the fan-out goals. */
  public static final String PIPELINE = "async-oracle";
  /** Five calls one after the other on one connection: what the pipeline must beat. */
  public static final String SEQUENTIAL = io.asyncoracle.bench.report.Targets.FAN_OUT_SEQUENTIAL;
  /** Five calls at once, each on its own connection. */
  public static final String PARALLEL = "async-oracle: 5 connections in parallel";
  /** What most applications do today: five supplyAsync calls on HikariCP. */
  public static final String HIKARI = "HikariCP + supplyAsync";

  private FanOutContenders() {
  }

  /**
   * The fan-out contenders, in table order: the first is the baseline of the table's ratio column.
   *
   * @return the contenders
   */
  public static List<Contender> all() {
    return List.of(
        new AsyncOracleFanOut(SEQUENTIAL, "AsyncPool, pool.withConnection(c -> 5 fetchOne calls chained with"
            + " thenCompose)", Strategy.SEQUENTIAL),
        new AsyncOracleFanOut(PIPELINE, "AsyncPool, pool.withConnection(c -> c.pipeline() with 5 addFetchOne,"
            + " run()): one worker task per request; one round trip on Oracle 23ai+, steps in order elsewhere",
            Strategy.PIPELINE),
        new AsyncOracleFanOut(PARALLEL, "AsyncPool, 5 pool.withConnection(c -> c.fetchOne) at once, joined with"
            + " allOf", Strategy.PARALLEL),
        new HikariFanOut());
  }

  /** A fan-out client that counts what its requests cost in connections. */
  public interface ConnectionCounting {
    /**
     * Connections taken per request so far: borrows over requests started.
     *
     * @return the ratio, or NaN before any request
     */
    double connectionsPerRequest();
  }

  /** Counts requests and borrows. */
  private static final class Counter implements ConnectionCounting {
    final LongAdder requests = new LongAdder();
    final LongAdder connections = new LongAdder();

    @Override
    public double connectionsPerRequest() {
      long r = requests.sum();
      return r == 0 ? Double.NaN : (double) connections.sum() / r;
    }
  }

  private enum Strategy {
    PIPELINE, SEQUENTIAL, PARALLEL
  }

  private static final class AsyncOracleFanOut implements Contender {
    private final String name;
    private final String setup;
    private final Strategy strategy;

    AsyncOracleFanOut(String name, String setup, Strategy strategy) {
      this.name = name;
      this.setup = setup;
      this.strategy = strategy;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String setup() {
      return setup + " (PoolOptions defaults; min = max = pool size)";
    }

    @Override
    public Client open(ContenderContext context) {
      AsyncPool pool = AsyncOracle.createPool(PoolOptions.builder()
          .url(context.target().url())
          .user(context.target().user())
          .password(context.target().password())
          .min(context.poolSize())
          .max(context.poolSize())
          .acquireTimeout(context.acquireTimeout())
          .build()).join();
      return new Client(pool, strategy);
    }

    private static final class Client implements AsyncClient, ConnectionCounting {
      private final AsyncPool pool;
      private final Strategy strategy;
      private final Counter counter = new Counter();

      Client(AsyncPool pool, Strategy strategy) {
        this.pool = pool;
        this.strategy = strategy;
      }

      @Override
      public CompletionStage<Object> execute(Call call) {
        counter.requests.increment();
        Object[] ids = call.args();
        return switch (strategy) {
          case PIPELINE -> {
            counter.connections.increment();
            yield pool.withConnection(c -> {
              Pipeline p = c.pipeline();
              for (Object id : ids) {
                p.addFetchOne(call.sql(), id);
              }
              return p.run();
            }).thenApply(Client::rows);
          }
          case SEQUENTIAL -> {
            counter.connections.increment();
            yield pool.withConnection(c -> sequential(c, call.sql(), ids, 0, new Object[ids.length]));
          }
          case PARALLEL -> {
            @SuppressWarnings("unchecked")
            CompletableFuture<Row>[] each = new CompletableFuture[ids.length];
            for (int i = 0; i < ids.length; i++) {
              Object id = ids[i];
              counter.connections.increment();
              each[i] = pool.withConnection(c -> c.fetchOne(call.sql(), id));
            }
            yield CompletableFuture.allOf(each).thenApply(v -> {
              Object[] rows = new Object[each.length];
              for (int i = 0; i < each.length; i++) {
                rows[i] = values(each[i].join());
              }
              return (Object) rows;
            });
          }
        };
      }

      private static CompletableFuture<Object> sequential(AsyncConnection c, String sql, Object[] ids, int i,
          Object[] rows) {
        if (i == ids.length) {
          return CompletableFuture.completedFuture(rows);
        }
        return c.fetchOne(sql, ids[i]).thenCompose(row -> {
          rows[i] = values(row);
          return sequential(c, sql, ids, i + 1, rows);
        });
      }

      private static Object rows(List<PipelineResult> results) {
        Object[] rows = new Object[results.size()];
        for (int i = 0; i < rows.length; i++) {
          rows[i] = values(results.get(i).row());
        }
        return rows;
      }

      private static Object[] values(Row row) {
        return row == null ? null : row.values().toArray();
      }

      @Override
      public double connectionsPerRequest() {
        return counter.connectionsPerRequest();
      }

      @Override
      public void close() {
        pool.close(true, false).join();
      }
    }
  }

  /** HikariCP, each of the five queries in its own {@code supplyAsync} with its own connection. */
  private static final class HikariFanOut implements Contender {

    @Override
    public String name() {
      return HIKARI;
    }

    @Override
    public boolean peer() {
      return true;
    }

    @Override
    public String setup() {
      return "HikariCP (defaults; fixed size), 5 CompletableFuture.supplyAsync per request on"
          + " Executors.newFixedThreadPool(pool size), each borrowing a connection, joined with allOf";
    }

    @Override
    public io.asyncoracle.bench.contender.Client open(ContenderContext context) {
      HikariDataSource dataSource = HikariFuturesContender.hikari(context, "bench-hikari-fan-out");
      ExecutorService executor = Executors.newFixedThreadPool(context.poolSize(),
          ThreadedSyncContender.platformThreads("hikari-fan-out"));
      Counter counter = new Counter();
      final class HikariClient implements AsyncClient, ConnectionCounting {
        @Override
        public CompletionStage<Object> execute(Call call) {
          counter.requests.increment();
          Object[] ids = call.args();
          @SuppressWarnings("unchecked")
          CompletableFuture<Object>[] each = new CompletableFuture[ids.length];
          for (int i = 0; i < ids.length; i++) {
            Call one = new Call(Call.Kind.QUERY_ROW, call.sql(), new Object[] {ids[i]}, null);
            each[i] = CompletableFuture.supplyAsync(() -> {
              counter.connections.increment();
              try (Connection c = dataSource.getConnection()) {
                return Jdbc.execute(c, one);
              } catch (SQLException e) {
                throw new CompletionException(e);
              }
            }, executor);
          }
          return CompletableFuture.allOf(each).thenApply(v -> {
            Object[] rows = new Object[each.length];
            for (int i = 0; i < each.length; i++) {
              rows[i] = each[i].join();
            }
            return (Object) rows;
          });
        }

        @Override
        public double connectionsPerRequest() {
          return counter.connectionsPerRequest();
        }

        @Override
        public void close() throws InterruptedException {
          executor.shutdown();
          executor.awaitTermination(30, TimeUnit.SECONDS);
          dataSource.close();
        }
      }
      return new HikariClient();
    }
  }
}
