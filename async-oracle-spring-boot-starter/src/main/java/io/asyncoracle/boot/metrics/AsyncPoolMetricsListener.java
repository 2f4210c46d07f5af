package io.asyncoracle.boot.metrics;

import io.asyncoracle.PoolListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records the pool's events (acquire waits, connection use, timeouts) as Micrometer meters.
 *
 * <p>Why a listener that exists before its registry: the listener is attached to the pool when
 * the binder is created ({@link AsyncPoolMetrics#attach}), but meters are bound later, when Boot's
 * {@code MeterRegistryPostProcessor} binds every {@code MeterBinder}. So it starts recording into a
 * registry once {@link AsyncPoolMetrics} binds it; events before that are not counted. One
 * listener serves one pool: its meters carry that pool's tag.
 */
public class AsyncPoolMetricsListener implements PoolListener {

  /** Timer of the time from {@code acquire()} to the connection. */
  public static final String ACQUIRE = "async.oracle.pool.acquire";
  /** Timer of how long borrowed connections were held. */
  public static final String USAGE = "async.oracle.pool.usage";
  /** Counter of acquires that failed after the acquire timeout. */
  public static final String ACQUIRE_TIMEOUTS = "async.oracle.pool.acquire.timeouts";
  /** Counter of acquires refused because the waiter queue was full. */
  public static final String EXHAUSTED = "async.oracle.pool.exhausted";
  /** Counter of connections discarded instead of returned to the pool. */
  public static final String INVALIDATED = "async.oracle.pool.connections.invalidated";

  private final List<Meters> bound = new CopyOnWriteArrayList<>();

  /** Creates a listener that records nothing until bound. */
  public AsyncPoolMetricsListener() {
  }

  /** The meters of one registry. */
  private record Meters(Timer acquire, Timer usage, Counter timeouts, Counter exhausted, Counter invalidated) {
  }

  /**
   * Registers the meters in a registry and starts recording into it.
   *
   * @param registry the registry
   * @param tags the tags identifying the pool
   */
  void bindTo(MeterRegistry registry, Tags tags) {
    bindTo(registry, tags, PoolMeterNames.ASYNC_ORACLE);
  }

  /**
   * Registers the meters, named as {@code names} says, in a registry and starts recording into it.
   *
   * @param registry the registry
   * @param tags the tags identifying the pool
   * @param names how the meters are named
   */
  void bindTo(MeterRegistry registry, Tags tags, PoolMeterNames names) {
    bound.add(new Meters(
        Timer.builder(names.waitTime()).description("Time from acquire() until a connection was handed over")
            .tags(tags).register(registry),
        Timer.builder(names.useTime()).description("Time connections were held before being returned")
            .tags(tags).register(registry),
        Counter.builder(names.timeouts()).description("Acquires that failed because the acquire timeout passed")
            .tags(tags).register(registry),
        Counter.builder(EXHAUSTED).description("Acquires refused at once because the waiter queue was full")
            .tags(tags).register(registry),
        Counter.builder(INVALIDATED).description("Connections discarded instead of returned to the pool")
            .tags(tags).register(registry)));
  }

  @Override
  public void onAcquire(Duration waited) {
    for (Meters m : bound) {
      m.acquire().record(waited);
    }
  }

  @Override
  public void onAcquireTimeout(Duration waited) {
    for (Meters m : bound) {
      m.timeouts().increment();
    }
  }

  @Override
  public void onPoolExhausted() {
    for (Meters m : bound) {
      m.exhausted().increment();
    }
  }

  @Override
  public void onRelease(Duration used) {
    for (Meters m : bound) {
      m.usage().record(used);
    }
  }

  @Override
  public void onConnectionInvalidated() {
    for (Meters m : bound) {
      m.invalidated().increment();
    }
  }
}
