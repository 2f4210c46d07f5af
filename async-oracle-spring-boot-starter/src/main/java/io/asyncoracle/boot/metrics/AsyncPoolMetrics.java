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
  /** The tag naming the pool with {@link PoolMeterNames#OPENTELEMETRY} names. */
  public static final String OTEL_POOL_TAG = "db.client.connection.pool.name";
  /** OpenTelemetry's connection gauge, tagged {@value #OTEL_STATE_TAG} {@code idle} or {@code used}. */
  public static final String OTEL_CONNECTIONS = "db.client.connection.count";
  /** The tag of {@value #OTEL_CONNECTIONS} saying which connections it counts. */
  public static final String OTEL_STATE_TAG = "db.client.connection.state";
  /** OpenTelemetry's gauge of the maximum number of connections. */
  public static final String OTEL_MAX = "db.client.connection.max";

  private final AsyncPool pool;
  private final AsyncPoolMetricsListener listener;
  private final PoolMeterNames names;
  private final Tags tags;

  /**
   * Creates the binder.
   *
   * @param pool the pool
   * @param listener the listener the pool reports its events to, or {@code null} for gauges only
   */
  public AsyncPoolMetrics(AsyncPool pool, AsyncPoolMetricsListener listener) {
    this(pool, listener, PoolMeterNames.ASYNC_ORACLE);
  }

  /**
   * Creates the binder.
   *
   * @param pool the pool
   * @param listener the listener the pool reports its events to, or {@code null} for gauges only
   * @param names how the meters are named
   */
  public AsyncPoolMetrics(AsyncPool pool, AsyncPoolMetricsListener listener, PoolMeterNames names) {
    this.pool = pool;
    this.listener = listener;
    this.names = names;
    this.tags = Tags.of(names.poolTag(), pool.name());
  }

  /**
   * Creates the binder of an open pool and attaches a new metrics listener to it. A pool
   * implementation that takes no listener gets gauges only.
   *
   * @param pool the pool
   * @param names how the meters are named
   * @return the binder
   */
  public static AsyncPoolMetrics attach(AsyncPool pool, PoolMeterNames names) {
    AsyncPoolMetricsListener listener = new AsyncPoolMetricsListener();
    try {
      pool.addListener(listener);
    } catch (UnsupportedOperationException e) {
      listener = null;
    }
    return new AsyncPoolMetrics(pool, listener, names);
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
    if (names == PoolMeterNames.OPENTELEMETRY) {
      bindOpenTelemetryGauges(registry);
    } else {
      bindGauges(registry);
    }
    if (listener != null) {
      listener.bindTo(registry, tags, names);
    }
  }

  private void bindOpenTelemetryGauges(MeterRegistry registry) {
    gauge(registry, OTEL_CONNECTIONS, tags.and(OTEL_STATE_TAG, "idle"), "Open connections not lent out",
        PoolStats::idle);
    gauge(registry, OTEL_CONNECTIONS, tags.and(OTEL_STATE_TAG, "used"), "Connections lent out to callers",
        PoolStats::busy);
    gauge(registry, OTEL_MAX, tags, "Maximum number of connections", PoolStats::max);
    Gauge.builder(names.pendingRequests(), pool, p -> p.stats().waiting())
        .description("Acquires queued for a connection")
        .baseUnit("requests")
        .tags(tags)
        .strongReference(true)
        .register(registry);
  }

  private void bindGauges(MeterRegistry registry) {
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
  }

  private void gauge(MeterRegistry registry, String name, String description, ToIntFunction<PoolStats> value) {
    gauge(registry, name, tags, description, value);
  }

  private void gauge(MeterRegistry registry, String name, Tags meterTags, String description,
      ToIntFunction<PoolStats> value) {
    Gauge.builder(name, pool, p -> value.applyAsInt(p.stats()))
        .description(description)
        .baseUnit(BaseUnits.CONNECTIONS)
        .tags(meterTags)
        .strongReference(true)
        .register(registry);
  }
}
