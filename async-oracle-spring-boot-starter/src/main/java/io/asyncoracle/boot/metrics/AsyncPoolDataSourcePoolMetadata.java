package io.asyncoracle.boot.metrics;

import io.asyncoracle.AsyncPool;
import io.asyncoracle.PoolStats;
import org.springframework.boot.jdbc.metadata.DataSourcePoolMetadata;

/**
 * The pool described in Spring Boot's {@link DataSourcePoolMetadata} terms, the data behind Boot's
 * standard {@code jdbc.connections.*} gauges. Active is the connections lent out, usage their share
 * of {@code max}.
 */
public class AsyncPoolDataSourcePoolMetadata implements DataSourcePoolMetadata {

  private final AsyncPool pool;

  /**
   * Creates the metadata.
   *
   * @param pool the pool
   */
  public AsyncPoolDataSourcePoolMetadata(AsyncPool pool) {
    this.pool = pool;
  }

  @Override
  public Float getUsage() {
    PoolStats stats = pool.stats();
    return stats.max() > 0 ? (float) stats.busy() / stats.max() : 0f;
  }

  @Override
  public Integer getActive() {
    return pool.stats().busy();
  }

  @Override
  public Integer getIdle() {
    return pool.stats().idle();
  }

  @Override
  public Integer getMax() {
    return pool.stats().max();
  }

  @Override
  public Integer getMin() {
    return pool.stats().min();
  }

  /** Validation is UCP's (a ping on Oracle, {@code SELECT 1 FROM DUAL} elsewhere), not a query we set. */
  @Override
  public String getValidationQuery() {
    return null;
  }

  /** The core's connections never autocommit (as in python-oracledb). */
  @Override
  public Boolean getDefaultAutoCommit() {
    return Boolean.FALSE;
  }
}
