package io.asyncoracle.sample.db;

import io.asyncoracle.boot.template.AsyncOracleTemplate;
import io.asyncoracle.sample.SampleProperties;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Loads the sample data at startup, before the web server takes requests, when the orders table
 * is empty.
 *
 * <p>The schema itself is Flyway's: {@code db/migration/common} (plain Oracle SQL that H2's Oracle
 * mode also accepts) and {@code db/migration/{vendor}} (H2's stand-in for {@code DBMS_SESSION.SLEEP}).
 * The starter points Flyway at the pool's database and makes the template, and so this bean, wait
 * for the migrations.
 */
@Component
public class SampleDataInitializer implements InitializingBean {

  private static final Logger LOG = LoggerFactory.getLogger(SampleDataInitializer.class);

  private static final Duration STARTUP_LIMIT = Duration.ofMinutes(5);

  private final AsyncOracleTemplate template;
  private final Database database;
  private final SampleData sampleData;
  private final SampleProperties properties;

  /**
   * Creates the initializer.
   *
   * @param template the template the starter configured
   * @param database which database it talks to
   * @param sampleData writes the sample orders
   * @param properties how many sample orders
   */
  public SampleDataInitializer(AsyncOracleTemplate template, Database database, SampleData sampleData,
      SampleProperties properties) {
    this.template = template;
    this.database = database;
    this.sampleData = sampleData;
    this.properties = properties;
  }

  /** Loads the sample data, waiting for it: the application needs it. */
  @Override
  public void afterPropertiesSet() throws Exception {
    initialize().get(STARTUP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Adds the sample data if the orders table is empty.
   *
   * @return a future that completes when done
   */
  public CompletableFuture<Void> initialize() {
    return template.queryForObject("select count(*) from orders", Long.class)
        .thenCompose(count -> {
          if (count > 0 || properties.seedOrders() == 0) {
            LOG.info("Schema ready on {}; {} orders present, no sample data added", database, count);
            return CompletableFuture.completedFuture(null);
          }
          long start = System.nanoTime();
          return sampleData.load(properties.seedOrders()).thenAccept(result -> LOG.info(
              "Schema ready on {}; added {} sample orders with {} items in {} ms", database, result.orders(),
              result.items(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
        });
  }
}
