package io.asyncoracle.boot.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.Function;
import org.springframework.boot.jdbc.metadata.DataSourcePoolMetadata;

/**
 * Publishes Spring Boot's standard {@code jdbc.connections.{active,idle,max,min}} gauges, with the
 * names, descriptions and {@code name} tag Boot's {@code DataSourcePoolMetrics} uses, from a
 * {@link DataSourcePoolMetadata}.
 *
 * <p>Why not a {@code DataSourcePoolMetadataProvider} bean: Boot asks providers only about
 * {@code javax.sql.DataSource} beans, and the async pool is deliberately not a {@code DataSource}
 * (handing out its UCP data source would let callers bypass the admission queue). So the same
 * metadata is published by this binder instead, and dashboards built on {@code jdbc.connections.*}
 * show the pool.
 */
public class JdbcConnectionsMetrics implements MeterBinder {

  private final DataSourcePoolMetadata metadata;
  private final Tags tags;

  /**
   * Creates the binder.
   *
   * @param metadata the pool's metadata
   * @param name the value of the {@code name} tag (Boot uses the data source's bean name)
   */
  public JdbcConnectionsMetrics(DataSourcePoolMetadata metadata, String name) {
    this.metadata = metadata;
    this.tags = Tags.of("name", name);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    gauge(registry, "active", "Current number of active connections that have been allocated from the data source.",
        DataSourcePoolMetadata::getActive);
    gauge(registry, "idle", "Number of established but idle connections.", DataSourcePoolMetadata::getIdle);
    gauge(registry, "max", "Maximum number of active connections that can be allocated at the same time.",
        DataSourcePoolMetadata::getMax);
    gauge(registry, "min", "Minimum number of idle connections in the pool.", DataSourcePoolMetadata::getMin);
  }

  private void gauge(MeterRegistry registry, String metric, String description,
      Function<DataSourcePoolMetadata, Integer> value) {
    Gauge.builder("jdbc.connections." + metric, metadata, m -> {
      Integer v = value.apply(m);
      return v != null ? v : Double.NaN;
    }).description(description).baseUnit(BaseUnits.CONNECTIONS).tags(tags).strongReference(true).register(registry);
  }
}
