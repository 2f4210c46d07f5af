package io.asyncoracle.boot.metrics;

import io.asyncoracle.AsyncPool;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Collection;
import java.util.List;

/**
 * Binds the meters of several pools, each tagged {@code pool=<pool name>} (unique in the JVM, the
 * name the pool has in logs, errors and health details): one
 * {@link AsyncPoolMetrics} per pool, with its own {@link AsyncPoolMetricsListener} attached to the
 * pool by {@link AsyncPool#addListener} (so a pool the application created itself is measured too,
 * and one pool's events never count for another).
 */
public class AsyncPoolsMetrics implements MeterBinder {

  private final List<AsyncPoolMetrics> pools;

  /**
   * Creates the binder and attaches a metrics listener to every pool.
   *
   * @param pools the pools
   * @param names how the meters are named
   */
  public AsyncPoolsMetrics(Collection<AsyncPool> pools, PoolMeterNames names) {
    this.pools = pools.stream().map(pool -> AsyncPoolMetrics.attach(pool, names)).toList();
  }

  /**
   * Returns the binder of each pool.
   *
   * @return the binders, in bean order
   */
  public List<AsyncPoolMetrics> binders() {
    return pools;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    pools.forEach(pool -> pool.bindTo(registry));
  }
}
