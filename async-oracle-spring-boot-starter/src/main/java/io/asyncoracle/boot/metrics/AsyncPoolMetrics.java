package io.asyncoracle.boot.metrics;

import io.asyncoracle.AsyncPool;
import io.asyncoracle.PoolStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToIntFunction;

/**
 * Binds the pool's meters: gauges read from {@link AsyncPool#stats()} (which never borrows) and
 * the event meters of {@link AsyncPoolMetricsListener}, all tagged {@code pool=<pool name>}.
 * Boot binds every {@link MeterBinder} bean to the application's registry.
 */
public class AsyncPoolMetrics implements MeterBinder {

  /** Gauge prefix: {@code async.oracle.pool.connections.{opened,busy,idle,max,min}}. */
  public static final String CONNECTIONS = "async.oracle.pool.connections";
  /** Gauge of acquires queued for a connection. */
  public static final String WAITING = "async.oracle.pool.waiting";
  /** The tag naming the pool. */
  public static final String POOL_TAG = "pool";

  private final AsyncPool pool;
  private final AsyncPoolMetricsListener listener;
  private final Tags tags;

  /**
   * Creates the binder.
   *
   * @param pool the pool
   * @param listener the listener the pool reports its events to, or {@code null} for gauges only
   */
  public AsyncPoolMetrics(AsyncPool pool, AsyncPoolMetricsListener listener) {
    this(pool, listener, pool.name());
  }

  /**
   * Creates the binder.
   *
   * @param pool the pool
   * @param listener the listener the pool reports its events to, or {@code null} for gauges only
   * @param poolTag the value of the {@code pool} tag
   */
  public AsyncPoolMetrics(AsyncPool pool, AsyncPoolMetricsListener listener, String poolTag) {
    this.pool = pool;
    this.listener = listener;
    this.tags = Tags.of(POOL_TAG, poolTag);
  }

  /**
   * Creates the binder of an open pool and attaches a new metrics listener to it. A pool
   * implementation that takes no listener gets gauges only.
   *
   * @param pool the pool
   * @param poolTag the value of the {@code pool} tag
   * @return the binder
   */
  public static AsyncPoolMetrics attach(AsyncPool pool, String poolTag) {
    AsyncPoolMetricsListener listener = new AsyncPoolMetricsListener();
    try {
      pool.addListener(listener);
    } catch (UnsupportedOperationException e) {
      listener = null;
    }
    return new AsyncPoolMetrics(pool, listener, poolTag);
  }

  /**
   * Returns the listener whose meters this binder registers.
   *
   * @return the listener, or {@code null} for gauges only
   */
  public AsyncPoolMetricsListener listener() {
    return listener;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    gauge(registry, CONNECTIONS + ".opened", "Physical connections open (busy + idle)", PoolStats::opened);
    gauge(registry, CONNECTIONS + ".busy", "Connections lent out to callers", PoolStats::busy);
    gauge(registry, CONNECTIONS + ".idle", "Open connections not lent out", PoolStats::idle);
    gauge(registry, CONNECTIONS + ".max", "Maximum number of connections", PoolStats::max);
    gauge(registry, CONNECTIONS + ".min", "Minimum number of connections", PoolStats::min);
    Gauge.builder(WAITING, pool, p -> p.stats().waiting())
        .description("Acquires queued for a connection")
        .tags(tags)
        .strongReference(true)
        .register(registry);
    if (listener != null) {
      listener.bindTo(registry, tags);
    }
  }

  private void gauge(MeterRegistry registry, String name, String description, ToIntFunction<PoolStats> value) {
    Gauge.builder(name, pool, p -> value.applyAsInt(p.stats()))
        .description(description)
        .baseUnit(BaseUnits.CONNECTIONS)
        .tags(tags)
        .strongReference(true)
        .register(registry);
  }
}
