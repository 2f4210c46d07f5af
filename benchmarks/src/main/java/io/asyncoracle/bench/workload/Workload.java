package io.asyncoracle.bench.workload;

import io.asyncoracle.bench.db.Schema;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** The benchmark's workloads. Each hands out calls; all contenders get the same statements. */
public enum Workload {

  /** Single-row select by primary key (the reference library's benchmark). */
  FAST_QUERY("fast query", "single-row SELECT by primary key") {
    @Override
    public Call next(BenchmarkShape shape) {
      long id = ThreadLocalRandom.current().nextLong(1, Schema.ITEMS + 1);
      return new Call(Call.Kind.QUERY_ROW, "SELECT ID, NAME, AMOUNT FROM BENCH_ITEM WHERE ID = ?",
          new Object[] {id}, new Object[] {id, Schema.name(id), Schema.amount(id)});
    }
  },

  /** Single-row insert, then commit. */
  INSERT("insert", "single-row INSERT + COMMIT") {
    @Override
    public Call next(BenchmarkShape shape) {
      long id = INSERT_IDS.incrementAndGet();
      return new Call(Call.Kind.INSERT_COMMIT, "INSERT INTO BENCH_INSERT (ID, PAYLOAD) VALUES (?, ?)",
          new Object[] {id, "payload-" + id}, null);
    }
  },

  /** A query that spends a fixed time in the database, so throughput is bounded by pool / latency. */
  LATENCY_BOUND("latency-bound", "SELECT that spends ~2 ms in the database") {
    @Override
    public Call next(BenchmarkShape shape) {
      long micros = shape.serverMicros();
      return new Call(Call.Kind.QUERY_ROW, "SELECT BENCH_SLEEP(?) FROM DUAL", new Object[] {micros},
          new Object[] {micros});
    }
  },

  /**
   * A request that needs five independent single-row selects (project issue 14): one connection
   * and a pipeline, five calls in a row, five connections at once. Run by its own contenders
   * ({@code Contenders.fanOut()}); throughput counts requests, not statements.
   */
  FAN_OUT("fan-out", "5 independent single-row SELECTs by primary key per request") {
    @Override
    public Call next(BenchmarkShape shape) {
      Object[] ids = new Object[FAN_OUT_QUERIES];
      Object[] rows = new Object[FAN_OUT_QUERIES];
      for (int i = 0; i < FAN_OUT_QUERIES; i++) {
        long id = ThreadLocalRandom.current().nextLong(1, Schema.ITEMS + 1);
        ids[i] = id;
        rows[i] = new Object[] {id, Schema.name(id), Schema.amount(id)};
      }
      return new Call(Call.Kind.FAN_OUT, "SELECT ID, NAME, AMOUNT FROM BENCH_ITEM WHERE ID = ?", ids, rows);
    }
  },

  /** Thousands of concurrent callers on a small pool: the fast query, from a crowd. */
  CROWD("crowd", "fast query from 10,000 concurrent callers") {
    @Override
    public Call next(BenchmarkShape shape) {
      return FAST_QUERY.next(shape);
    }
  };

  private static final AtomicLong INSERT_IDS = new AtomicLong();

  /** How many statements one fan-out request needs. */
  public static final int FAN_OUT_QUERIES = 5;

  private final String label;
  private final String description;

  Workload(String label, String description) {
    this.label = label;
    this.description = description;
  }

  /**
   * The next call to make. Safe to call from any thread.
   *
   * @param shape the run's settings the call depends on
   * @return the call
   */
  public abstract Call next(BenchmarkShape shape);

  /**
   * A short name for tables.
   *
   * @return e.g. {@code fast query}
   */
  public String label() {
    return label;
  }

  /**
   * What the workload does.
   *
   * @return a description
   */
  public String description() {
    return description;
  }

  /**
   * Whether the workload writes (and so needs autocommit off and an explicit commit).
   *
   * @return {@code true} for {@link #INSERT}
   */
  public boolean writes() {
    return this == INSERT;
  }

  /** The settings calls depend on. */
  public interface BenchmarkShape {
    /**
     * How long the latency-bound query spends in the database.
     *
     * @return microseconds
     */
    long serverMicros();
  }
}
