package io.asyncoracle.sample;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the sample itself, under {@code sample.*}.
 *
 * @param seedOrders how many orders (with one to five items each) are created at startup when the
 *     orders table is empty, so the list and the streaming report have something to show; 0 for none
 */
@ConfigurationProperties(prefix = "sample")
public record SampleProperties(@DefaultValue("5000") int seedOrders) {

  /** Checks the values. */
  public SampleProperties {
    if (seedOrders < 0) {
      throw new IllegalArgumentException("sample.seed-orders must not be negative, was " + seedOrders);
    }
  }
}
