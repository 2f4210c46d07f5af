package io.asyncoracle.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * The async-oracle sample: an orders REST API on an {@link io.asyncoracle.AsyncPool} that the
 * starter configures, with a streaming report, a slow endpoint to watch cancellation and shutdown,
 * problem-detail errors, and the pool in {@code /actuator/health} and {@code /actuator/prometheus}.
 *
 * <p>Without configuration it runs on an embedded H2 database in Oracle mode; the {@code oracle}
 * profile points it at a real Oracle Database (see the module's README).
 */
@SpringBootApplication
@EnableAsync
@ConfigurationPropertiesScan
public class SampleApplication {

  /**
   * Starts the application.
   *
   * @param args command line arguments, e.g. {@code --server.port=9090}
   */
  public static void main(String[] args) {
    SpringApplication.run(SampleApplication.class, args);
  }
}
