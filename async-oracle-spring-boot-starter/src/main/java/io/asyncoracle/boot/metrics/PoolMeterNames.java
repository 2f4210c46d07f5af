package io.asyncoracle.boot.metrics;

/**
 * How the pool's meters are named ({@code async-oracle.metrics.naming}).
 *
 * <p>{@link #OPENTELEMETRY} follows the OpenTelemetry database client metrics: connections as
 * {@code db.client.connection.count} with {@code db.client.connection.state} {@code idle} or
 * {@code used}, {@code db.client.connection.max}, {@code db.client.connection.pending_requests},
 * {@code db.client.connection.timeouts}, {@code db.client.connection.wait_time} and
 * {@code db.client.connection.use_time}, all tagged {@code db.client.connection.pool.name}. The two
 * events OpenTelemetry has no name for keep ours ({@value AsyncPoolMetricsListener#EXHAUSTED},
 * {@value AsyncPoolMetricsListener#INVALIDATED}), with the same tag.
 */
public enum PoolMeterNames {

  /** {@code async.oracle.pool.*}, tagged {@code pool} (the default). */
  ASYNC_ORACLE(AsyncPoolMetrics.POOL_TAG, AsyncPoolMetricsListener.ACQUIRE, AsyncPoolMetricsListener.USAGE,
      AsyncPoolMetricsListener.ACQUIRE_TIMEOUTS, AsyncPoolMetrics.WAITING),

  /** {@code db.client.connection.*}, tagged {@code db.client.connection.pool.name}. */
  OPENTELEMETRY(AsyncPoolMetrics.OTEL_POOL_TAG, "db.client.connection.wait_time", "db.client.connection.use_time",
      "db.client.connection.timeouts", "db.client.connection.pending_requests");

  private final String poolTag;
  private final String waitTime;
  private final String useTime;
  private final String timeouts;
  private final String pendingRequests;

  PoolMeterNames(String poolTag, String waitTime, String useTime, String timeouts, String pendingRequests) {
    this.poolTag = poolTag;
    this.waitTime = waitTime;
    this.useTime = useTime;
    this.timeouts = timeouts;
    this.pendingRequests = pendingRequests;
  }

  /** @return the tag naming the pool */
  public String poolTag() {
    return poolTag;
  }

  /** @return the timer of the time from {@code acquire()} to the connection */
  public String waitTime() {
    return waitTime;
  }

  /** @return the timer of how long connections were held */
  public String useTime() {
    return useTime;
  }

  /** @return the counter of acquires that timed out */
  public String timeouts() {
    return timeouts;
  }

  /** @return the gauge of acquires waiting for a connection */
  public String pendingRequests() {
    return pendingRequests;
  }
}
